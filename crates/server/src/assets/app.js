// policyscope web app: hash-routed views over the JSON API (GET /api lists it).
// Document text is only ever put into the page as text nodes (el()/textContent),
// never as HTML, so markup inside documents shows as text.
"use strict";

// ---------- helpers ----------
function el(tag, attrs) {
  var e = document.createElement(tag);
  if (attrs) {
    for (var k in attrs) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") e.textContent = v;
      else if (k === "style") e.setAttribute("style", v);
      else if (k.slice(0, 2) === "on") e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
  }
  for (var i = 2; i < arguments.length; i++) {
    var c = arguments[i];
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) c.forEach(function (x) { if (x) e.appendChild(typeof x === "string" ? document.createTextNode(x) : x); });
    else e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return e;
}
function safeColour(c) { return /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(c || "") ? c : "#888888"; }
function swatch(colour) { return el("span", { "class": "swatch", style: "--c:" + safeColour(colour) }); }
function toast(msg) {
  var t = document.getElementById("toast");
  t.textContent = msg;
  t.classList.add("show");
  clearTimeout(toast.timer);
  toast.timer = setTimeout(function () { t.classList.remove("show"); }, 1800);
}
function api(path, body) {
  var opts = body === undefined ? {} : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
  return fetch(path, opts).then(function (r) {
    return r.json().catch(function () { return {}; }).then(function (j) {
      if (!r.ok) { var err = new Error(j.error || plainStatus(r)); err.status = r.status; err.body = j; throw err; }
      return j;
    });
  });
}
// The reviewer's name; empty (and the name asked for) until a person gave one.
function reviewer() {
  var v = document.getElementById("reviewer").value.trim();
  if (!isPersonName(v)) { askReviewerName(); return ""; }
  return v;
}
function view() { return document.getElementById("view"); }
function setView() {
  var v = view();
  while (v.firstChild) v.removeChild(v.firstChild);
  for (var i = 0; i < arguments.length; i++) if (arguments[i]) v.appendChild(arguments[i]);
}
function fail(e) { setView(el("p", { "class": "error", text: "Error: " + e.message })); }
function parseHash() {
  var h = location.hash.replace(/^#\/?/, "");
  var q = {};
  var i = h.indexOf("?");
  if (i >= 0) {
    h.slice(i + 1).split("&").forEach(function (kv) {
      if (!kv) return;
      var p = kv.split("=");
      q[decodeURIComponent(p[0])] = decodeURIComponent((p[1] || "").replace(/\+/g, " "));
    });
    h = h.slice(0, i);
  }
  return { parts: h.split("/").filter(Boolean), q: q };
}
function qs(obj) {
  var out = [];
  for (var k in obj) if (obj[k] !== undefined && obj[k] !== null && obj[k] !== "") out.push(encodeURIComponent(k) + "=" + encodeURIComponent(obj[k]));
  return out.length ? "?" + out.join("&") : "";
}
// Text with [start, end) code-point ranges marked.
function marked(text, ranges) {
  var chars = Array.from(text);
  var out = [];
  var pos = 0;
  ranges.slice().sort(function (a, b) { return a[0] - b[0]; }).forEach(function (r) {
    var s = Math.max(r[0], pos), e = Math.min(r[1], chars.length);
    if (s >= e) return;
    if (s > pos) out.push(chars.slice(pos, s).join(""));
    out.push(el("mark", null, chars.slice(s, e).join("")));
    pos = e;
  });
  if (pos < chars.length) out.push(chars.slice(pos).join(""));
  return out;
}

// ---------- shared state ----------
var codes = [];          // codebook rows from /api/codes
var codeById = {};
var current = null;      // the view that handles review keys
function loadCodes() {
  return api("/api/codes").then(function (rows) {
    codes = rows;
    codeById = {};
    rows.forEach(function (c) { codeById[c.id] = c; });
  });
}
function codeName(id) { return codeById[id] ? codeById[id].name : "code " + id; }
function codeColour(id) { return codeById[id] ? codeById[id].colour : "#888888"; }
function codeSelect(id) {
  var s = el("select", { id: id, "aria-label": "Code" });
  codes.forEach(function (c) {
    if (!c.codable) return;
    s.appendChild(el("option", { value: String(c.id) }, c.path));
  });
  return s;
}

// ---------- review list (document side panel and review queue) ----------
// items: codings (with .id, .code_id, .status); render(i) draws item i.
function Review(items, opts) {
  this.items = items;
  this.index = items.length ? 0 : -1;
  this.opts = opts;
}
Review.prototype.item = function () { return this.items[this.index]; };
Review.prototype.select = function (i) {
  if (i < 0 || i >= this.items.length) return;
  this.index = i;
  this.opts.onSelect(this.item(), i);
};
Review.prototype.next = function () { this.select(Math.min(this.index + 1, this.items.length - 1)); };
Review.prototype.prev = function () { this.select(Math.max(this.index - 1, 0)); };
Review.prototype.nextProposed = function () {
  for (var k = 1; k <= this.items.length; k++) {
    var i = (this.index + k) % this.items.length;
    if (this.items[i].status === "proposed") { this.select(i); return; }
  }
  toast("No proposals left here");
};
Review.prototype.decide = function (what, codeId) {
  var self = this, c = this.item();
  if (!c) return Promise.resolve();
  if (what === "recode" && codeId === c.code_id) { toast("Choose another code to recode to"); return Promise.resolve(); }
  // The version it was loaded at: a change someone made since is refused (409), not overwritten.
  var body = { reviewer: reviewer(), version: c.version };
  if (codeId !== undefined) body.code_id = codeId;
  return api("/api/codings/" + c.id + "/" + what, body).then(function (res) {
    if (what === "recode") {
      // The replaced coding is rejected, one version on.
      c.status = "rejected";
      c.version += 1;
      var copy = Object.assign({}, c, res);
      self.items.splice(self.index + 1, 0, copy);
      toast("Recoded as " + codeName(res.code_id));
    } else {
      // Status and version as saved, so the next decision on it is not taken for a stale one.
      Object.assign(c, res);
      toast((what === "accept" ? "Accepted" : "Rejected") + ": " + codeName(c.code_id));
    }
    self.opts.onChange();
    // Move on: coders go through thousands of passages.
    if (self.index < self.items.length - 1) self.select(self.index + (what === "recode" ? 2 : 1));
    else self.select(self.index);
  }).catch(function (e) {
    // Someone changed the passage meanwhile: say who, and show it as it is now.
    if (e.status === 409 && e.body && e.body.current) {
      Object.assign(c, e.body.current);
      self.opts.onChange();
      self.select(self.index);
    }
    toast("Error: " + e.message);
  });
};

// ---------- views ----------
function searchView(q) {
  var input = el("input", { type: "search", name: "q", id: "q", value: q.q || "", placeholder: "人工智能 标准化, \"个人信息\", title:标准化法", "aria-label": "Query" });
  var from = el("input", { name: "from", value: q.from || "", placeholder: "from YYYY", size: 9, "class": "wide", "aria-label": "From date" });
  var to = el("input", { name: "to", value: q.to || "", placeholder: "to YYYY", size: 9, "class": "wide", "aria-label": "To date" });
  var form = el("form", { "class": "search", onsubmit: function (e) {
    e.preventDefault();
    location.hash = "#/search" + qs({ q: input.value, from: from.value, to: to.value });
  } }, input, from, to, el("button", { "class": "primary", type: "submit" }, "Search"));
  var results = el("div", { id: "results" });
  setView(el("h1", { text: "Search" }), form, results);
  input.focus();
  if (!q.q) { results.appendChild(el("p", { "class": "muted", text: "Words are segmented (jieba); quote phrases for exact matches." })); return; }
  results.appendChild(el("p", { "class": "muted", text: "Searching…" }));
  // POST: a long query does not fit in a URL; the server's message says what is wrong with it.
  api("/api/search", { q: q.q, from: q.from || null, to: q.to || null, limit: 50 }).then(function (r) {
    while (results.firstChild) results.removeChild(results.firstChild);
    results.appendChild(el("p", { "class": "muted", id: "total", text: r.total + " documents" }));
    r.hits.forEach(function (h) {
      results.appendChild(el("div", { "class": "hit" },
        el("a", { "class": "title", href: "#/doc/" + h.id + qs({ q: q.q }) }, h.title),
        " ", el("span", { "class": "muted" }, [h.date || "", h.docno ? " · " + h.docno : ""].join("")),
        h.snippets.map(function (s) { return el("div", { "class": "snip" }, marked(s.text, s.highlights)); })));
    });
  }).catch(function (e) {
    while (results.firstChild) results.removeChild(results.firstChild);
    results.appendChild(el("p", { "class": "error", text: e.message }));
  });
}

function docsView() {
  api("/api/documents").then(function (docs) {
    setView(el("h1", { text: docs.length + " documents" }), Documents.uploadPanel(), Documents.table(docs));
  }).catch(fail);
}

// Lines of the text that hold something, as [start, end) code points.
function lines(chars) {
  var out = [], start = 0, blank = true;
  for (var i = 0; i < chars.length; i++) {
    if (chars[i] === "\n") { if (!blank) out.push([start, i]); start = i + 1; blank = true; }
    else if (!/\s/.test(chars[i])) blank = false;
  }
  if (!blank) out.push([start, chars.length]);
  return out;
}

function docView(id, q) {
  if (!Documents.validId(id)) { Documents.badId(id); return; }
  Promise.all([api("/api/documents/" + id), loadCodes()]).then(function (res) {
    var doc = res[0];
    var chars = Array.from(doc.text);
    var shown = Documents.shown(doc);
    // The document's own language, so that fonts, hyphenation and screen readers follow it.
    var textBox = el("div", { "class": "doctext", id: "doctext", lang: (doc.meta && doc.meta.language) || "zh" });
    var list = el("ul", { "class": "clist", id: "codings" });
    var detail = el("div", { id: "detail" });
    var memosByCoding = {};
    doc.memos.forEach(function (m) {
      if (m.target.kind === "coding") (memosByCoding[m.target.id] = memosByCoding[m.target.id] || []).push(m);
    });
    var rv = new Review(doc.codings, {
      onSelect: function (c) { paint(); showDetail(c); scrollTo(c); },
      onChange: function () { drawText(); paint(); }
    });

    // Words of the search that led here, found literally in the text.
    var hits = [];
    if (q.q) {
      var terms = q.q.replace(/\b(AND|OR|NOT)\b|[()"]|\w+:/g, " ").split(/\s+/).filter(function (t) { return t.length > 0; });
      var lower = chars.map(function (ch) { return ch.toLowerCase(); });
      terms.forEach(function (t) {
        var tc = Array.from(t.toLowerCase());
        for (var i = 0; i + tc.length <= lower.length; i++) {
          var k = 0;
          while (k < tc.length && lower[i + k] === tc[k]) k++;
          if (k === tc.length) hits.push([i, i + tc.length]);
        }
      });
    }
    // A passage linked from elsewhere (a role statement, the evidence of a
    // co-mention): `?at=START&end=END`, highlighted like a search hit.
    var at = parseInt(q.at, 10), atEnd = parseInt(q.end, 10);
    if (at >= 0 && atEnd > at && atEnd <= chars.length) hits.push([at, atEnd]);
    function drawText() {
      while (textBox.firstChild) textBox.removeChild(textBox.firstChild);
      var live = doc.codings.filter(function (c) { return c.status !== "rejected"; });
      lines(chars).forEach(function (ln, n) {
        var ls = ln[0], le = ln[1];
        var here = live.filter(function (c) { return c.start < le && c.end > ls; });
        var stripe = el("div", { "class": "stripe" });
        var seen = {};
        here.forEach(function (c) {
          if (seen[c.code_id]) return;
          seen[c.code_id] = 1;
          stripe.appendChild(el("span", { style: "--c:" + safeColour(codeColour(c.code_id)), title: codeName(c.code_id),
            onclick: function () { rv.select(doc.codings.indexOf(c)); } }));
        });
        var cuts = [ls, le].concat(shown.cuts(ls, le));
        here.forEach(function (c) { cuts.push(Math.max(c.start, ls), Math.min(c.end, le)); });
        var lineHits = hits.filter(function (h) { return h[0] < le && h[1] > ls; });
        lineHits.forEach(function (h) { cuts.push(Math.max(h[0], ls), Math.min(h[1], le)); });
        cuts = cuts.filter(function (v, i, a) { return a.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
        var p = shown.line(ls, le);
        for (var i = 0; i + 1 < cuts.length; i++) {
          var s = cuts[i], e = cuts[i + 1];
          if (shown.hidden(s, e)) continue;
          var on = here.filter(function (c) { return c.start <= s && e <= c.end; });
          var span = el("span", { "data-start": String(s) }, chars.slice(s, e).join(""));
          if (lineHits.some(function (h) { return h[0] <= s && e <= h[1]; })) span.classList.add("qhit");
          if (on.length) {
            span.className += " coded" + (on.some(function (c) { return c.status === "proposed"; }) ? " proposed" : "");
            span.setAttribute("style", codedStyle(on.map(function (c) { return codeColour(c.code_id); })));
            span.setAttribute("data-codings", on.map(function (c) { return c.id; }).join(" "));
            span.title = on.map(function (c) { return codeName(c.code_id) + " (" + c.status + ")"; }).join(", ");
            span.addEventListener("click", function (ev) {
              if (String(window.getSelection()).length) return;
              var ids = ev.currentTarget.getAttribute("data-codings").split(" ");
              var idx = doc.codings.findIndex(function (c) { return String(c.id) === ids[0]; });
              rv.select(idx);
            });
          }
          p.appendChild(span);
        }
        if (p.childNodes.length) textBox.appendChild(el("div", { "class": "para" }, stripe, p));
      });
    }
    function paint() {
      while (list.firstChild) list.removeChild(list.firstChild);
      doc.codings.forEach(function (c, i) {
        var ex = chars.slice(c.start, c.end).join("");
        list.appendChild(el("li", { "class": "citem " + c.status + (i === rv.index ? " current" : ""), style: "--c:" + safeColour(codeColour(c.code_id)),
          "data-id": String(c.id), onclick: function () { rv.select(i); } },
          el("span", { "class": "st " + c.status }, c.status), swatch(codeColour(c.code_id)), codeName(c.code_id),
          el("span", { "class": "ex" }, ex)));
      });
      var cur = rv.item();
      textBox.querySelectorAll(".coded.current").forEach(function (s) { s.classList.remove("current"); });
      if (cur) textBox.querySelectorAll(".coded").forEach(function (s) {
        if (s.getAttribute("data-codings").split(" ").indexOf(String(cur.id)) >= 0) s.classList.add("current");
      });
    }
    function scrollTo(c) {
      var s = textBox.querySelector(".coded.current");
      if (s) s.scrollIntoView({ block: "center" });
      var li = list.querySelector(".citem.current");
      if (li) li.scrollIntoView({ block: "nearest" });
    }
    function showDetail(c) {
      while (detail.firstChild) detail.removeChild(detail.firstChild);
      if (!c) return;
      var sel = codeSelect("recode-code");
      sel.value = String(c.code_id);
      sel.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); sel.blur(); rv.decide("recode", Number(sel.value)); } });
      var memo = el("textarea", { id: "memo-text", placeholder: "Memo on this passage (Ctrl+Enter saves)" });
      memo.addEventListener("keydown", function (e) {
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); document.getElementById("save-memo").click(); }
      });
      detail.appendChild(el("div", null,
        el("div", { "class": "muted" }, "by " + c.coder + (c.rule ? " · rule " + c.rule : "")),
        el("div", { "class": "actions" },
          el("button", { "class": "ok", id: "accept", onclick: function () { rv.decide("accept"); } }, "Accept (a)"),
          el("button", { "class": "bad", id: "reject", onclick: function () { rv.decide("reject"); } }, "Reject (r)")),
        el("div", { "class": "actions" }, sel, el("button", { id: "recode", onclick: function () { rv.decide("recode", Number(sel.value)); } }, "Recode (e)")),
        (memosByCoding[c.id] || []).map(function (m) { return el("div", { "class": "memo" }, m.author + ": " + m.text); }),
        memo,
        el("button", { id: "save-memo", onclick: function () {
          api("/api/memos", { target: { kind: "coding", id: c.id }, author: reviewer(), text: memo.value }).then(function (m) {
            (memosByCoding[c.id] = memosByCoding[c.id] || []).push(m);
            toast("Memo saved");
            showDetail(c);
          }).catch(function (e) { toast("Error: " + e.message); });
        } }, "Save memo (m)")));
    }
    // Adding a coding: select text in the document, choose a code.
    var addSel = el("div", { "class": "sel muted", id: "selection" }, "Select text in the document to code it.");
    var addCode = codeSelect("add-code");
    var newCode = newCodeInput("new-code");
    var pending = null;
    var addBtn = el("button", { "class": "primary", id: "add-coding", disabled: true, onclick: function () {
      if (!pending) return;
      pickCode(addCode, newCode).then(function (codeId) {
        return api("/api/codings", { doc_id: doc.meta.id, code_id: codeId, start: pending[0], end: pending[1], coder: reviewer() });
      }).then(function (c) {
        if (!doc.codings.some(function (x) { return x.id === c.id; })) doc.codings.push(c);
        doc.codings.sort(function (a, b) { return a.start - b.start || a.end - b.end || a.id - b.id; });
        toast("Coded as " + codeName(c.code_id));
        document.getElementById("count").textContent = doc.codings.length + " codings";
        pending = null;
        addBtn.disabled = true;
        drawText();
        rv.select(doc.codings.indexOf(c));
      }).catch(function (e) { toast("Error: " + e.message); });
    } }, "Code selection");
    function offsetOf(node, off) {
      if (node.nodeType === 3) {
        var span = node.parentNode;
        if (!span || !span.hasAttribute || !span.hasAttribute("data-start")) return null;
        return Number(span.getAttribute("data-start")) + Array.from(node.data.slice(0, off)).length;
      }
      if (node.hasAttribute && node.hasAttribute("data-start")) {
        return Number(node.getAttribute("data-start")) + (off > 0 ? Array.from(node.textContent).length : 0);
      }
      // A boundary between children (e.g. at the edge of a paragraph): use
      // the child after it, or the end of the one before.
      if (node.childNodes && node.childNodes.length) {
        if (off < node.childNodes.length) return offsetOf(node.childNodes[off], 0);
        var last = node.childNodes[node.childNodes.length - 1];
        return offsetOf(last, last.nodeType === 3 ? last.data.length : 1);
      }
      return null;
    }
    document.addEventListener("selectionchange", function onSel() {
      if (!document.body.contains(textBox)) { document.removeEventListener("selectionchange", onSel); return; }
      var s = window.getSelection();
      if (!s.rangeCount || s.isCollapsed) return;
      var r = s.getRangeAt(0);
      if (!textBox.contains(r.startContainer) || !textBox.contains(r.endContainer)) return;
      var a = offsetOf(r.startContainer, r.startOffset), b = offsetOf(r.endContainer, r.endOffset);
      if (a === null || b === null || a >= b) return;
      pending = [a, b];
      addSel.textContent = chars.slice(a, b).join("");
      addSel.classList.remove("muted");
      addBtn.disabled = false;
    });
    var m = doc.meta;
    var side = el("aside", { "class": "side" },
      el("h2", null, "Passage"),
      el("p", { "class": "muted" }, "j/k move, a accept, r reject, e recode, m memo, n next proposal, ? help"),
      detail,
      el("div", { "class": "addbox" }, el("h2", null, "Add a coding"), addSel, el("div", { "class": "actions" }, addCode, newCode, addBtn)),
      el("h2", { id: "count" }, doc.codings.length + " codings"),
      el("div", { "class": "listbox" }, list));
    setView(el("h1", { text: m.title }),
      el("p", { "class": "muted" }, ["No. " + doc.label, m.date || "", m.docno || "", m.doc_type || "", m.source_path].filter(Boolean).join(" · ")),
      Documents.panel(doc),
      el("div", { "class": "docview" }, textBox, side));
    drawText();
    var start = q.c ? doc.codings.findIndex(function (c) { return String(c.id) === q.c; }) : -1;
    if (start < 0) start = doc.codings.findIndex(function (c) { return c.status === "proposed"; });
    if ((q.q || hits.length) && !q.c) {
      paint();
      showDetail(rv.item());
      var first = textBox.querySelector(".qhit");
      if (first) first.scrollIntoView({ block: "center" });
    } else if (start >= 0) rv.select(start); else { paint(); showDetail(rv.item()); }
    current = rv;
  }).catch(fail);
}

// Context shown on one line: line breaks become a pilcrow.
function flat(s) { return s.replace(/\s*\n+\s*/g, " ¶ "); }

function reviewView(q) {
  var status = q.status || "proposed";
  Promise.all([api("/api/codings" + qs({ status: status, code: q.code, order: q.order, limit: 300 })), loadCodes()]).then(function (res) {
    var page = res[0];
    var items = page.codings;
    var list = el("ul", { "class": "clist queue", id: "queue" });
    var rv = new Review(items, {
      onSelect: function (c) { if (recodeSel) recodeSel.value = String(c.code_id); paint(); var li = list.querySelector(".current"); if (li) li.scrollIntoView({ block: "center" }); },
      onChange: function () { paint(); }
    });
    function paint() {
      while (list.firstChild) list.removeChild(list.firstChild);
      items.forEach(function (c, i) {
        list.appendChild(el("li", { "class": "citem " + c.status + (i === rv.index ? " current" : ""), style: "--c:" + safeColour(codeColour(c.code_id)),
          "data-id": String(c.id), onclick: function () { rv.select(i); } },
          el("span", { "class": "st " + c.status }, c.status), swatch(codeColour(c.code_id)), codeName(c.code_id), window.scoreTag ? window.scoreTag(c) : null, " · ",
          el("a", { href: "#/doc/" + c.doc_id + "?c=" + c.id }, c.doc_title),
          el("div", { "class": "ctx" }, "…" + flat(c.before), el("span", { "class": "coded", style: "--c:" + safeColour(codeColour(c.code_id)) }, flat(c.text)), flat(c.after) + "…")));
      });
    }
    var filter = el("select", { id: "code-filter", "aria-label": "Code", onchange: function () { location.hash = "#/review" + qs({ status: status, code: filter.value }); } },
      el("option", { value: "" }, "all codes"),
      codes.map(function (c) { var o = el("option", { value: c.path }, c.path); if (q.code === c.path) o.selected = true; return o; }));
    var statusSel = el("select", { id: "status-filter", "aria-label": "Status", onchange: function () { location.hash = "#/review" + qs({ status: statusSel.value, code: q.code }); } },
      ["proposed", "accepted", "rejected", "proposed,accepted"].map(function (s) { var o = el("option", { value: s }, s); if (s === status) o.selected = true; return o; }));
    var recodeSel = codeSelect("recode-code");
    // The picker starts on the passage's own code: a recode goes only where the reviewer points.
    if (rv.item()) recodeSel.value = String(rv.item().code_id);
    recodeSel.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); recodeSel.blur(); rv.decide("recode", Number(recodeSel.value)); } });
    var memo = el("input", { id: "memo-text", "class": "wide", placeholder: "Memo on the selected passage (Enter saves)", size: 40 });
    memo.addEventListener("keydown", function (e) {
      var c = rv.item();
      if (e.key !== "Enter" || !c || !memo.value.trim()) return;
      e.preventDefault();
      api("/api/memos", { target: { kind: "coding", id: c.id }, author: reviewer(), text: memo.value }).then(function () {
        memo.value = "";
        memo.blur();
        toast("Memo saved");
      }).catch(function (err) { toast("Error: " + err.message); });
    });
    setView(el("h1", { text: "Review: " + page.total + " codings" }),
      el("div", { "class": "actions" }, statusSel, filter, window.reviewOrderSelect ? window.reviewOrderSelect(q, status) : null,
        el("button", { "class": "ok", onclick: function () { rv.decide("accept"); } }, "Accept (a)"),
        el("button", { "class": "bad", onclick: function () { rv.decide("reject"); } }, "Reject (r)"),
        recodeSel, el("button", { onclick: function () { rv.decide("recode", Number(recodeSel.value)); } }, "Recode (e)"),
        el("span", { "class": "muted" }, page.total > items.length ? "showing the first " + items.length : "")),
      el("div", { "class": "actions" }, memo),
      list);
    paint();
    current = rv;
  }).catch(fail);
}

function graphView() {
  fetch("/api/graph.svg").then(function (r) {
    if (r.ok) return r.text();
    return r.json().catch(function () { return {}; }).then(function (j) { throw new Error(j.error || (r.status + " " + r.statusText)); });
  }).then(function (text) {
    var svgDoc = new DOMParser().parseFromString(text, "image/svg+xml");
    var svg = document.importNode(svgDoc.documentElement, true);
    var tools = el("div", { "class": "graph-tools", "data-for": "citation-graph" },
      el("button", { type: "button", "data-act": "in" }, "Zoom in"), el("button", { type: "button", "data-act": "out" }, "Zoom out"),
      el("button", { type: "button", "data-act": "reset" }, "Reset"));
    setView(el("h1", { text: "Citation graph" }),
      el("p", { "class": "muted" }, "Rows are years, the oldest at the top; arrows point from the citing to the cited document; the full title is in each box's tooltip. ",
        el("span", { "class": "noprint" }, "Drag to pan, scroll to zoom, click a document to open it.")),
      tools, el("div", { "class": "graph-wrap" }, svg));
    if (window.policyscopePanZoom) window.policyscopePanZoom(svg);
  }).catch(fail);
}

function queriesView(q) {
  var sel = { coder: q.coder, status: q.status, include_translations: q.include_translations };
  Promise.all([api("/api/query/table" + qs(sel)), api("/api/coders"), loadCodes()]).then(function (res) {
    var table = res[0], coders = res[1];
    var byPath = {};
    codes.forEach(function (c) { byPath[c.path] = c; });
    var body = el("tbody");
    table.codes.forEach(function (r) {
      var c = byPath[r.path];
      body.appendChild(el("tr", null,
        el("td", null, c ? swatch(c.colour) : null, r.path),
        el("td", { "class": "num" }, String(r.count)),
        el("td", { "class": "num" }, String(r.passages)),
        el("td", null, r.documents.map(function (d, i) {
          return [i ? ", " : "", el("a", { href: "#/doc/" + d.id, title: d.title }, d.label || "#" + d.id)];
        }).reduce(function (a, b) { return a.concat(b); }, []))));
    });
    function go(over) { location.hash = "#/queries" + qs(Object.assign({}, sel, over)); }
    var coderSel = el("select", { id: "coder", "aria-label": "Coder", onchange: function () { go({ coder: coderSel.value }); } },
      el("option", { value: "" }, "every coder"),
      coders.map(function (c) { var o = el("option", { value: c }, c); if (c === q.coder) o.selected = true; return o; }));
    var statusSel = el("select", { id: "qstatus", "aria-label": "Status", onchange: function () { go({ status: statusSel.value }); } },
      ["proposed,accepted", "accepted", "proposed", "rejected"].map(function (s) { var o = el("option", { value: s }, s); if (s === (q.status || "proposed,accepted")) o.selected = true; return o; }));
    var t = Date.now();
    setView(el("h1", { text: "Queries" }),
      el("div", { "class": "actions" }, coderSel, statusSel, Documents.translationsToggle(q, go),
        el("a", { href: "/api/query/matrix" + qs(sel), target: "_blank" }, "matrix (JSON)"),
        el("a", { href: "/api/query/excerpts" + qs(sel), target: "_blank" }, "excerpts (JSON)")),
      el("h2", null, "Codes × documents"),
      el("table", { id: "table4" }, el("thead", null, el("tr", null, el("th", null, "Code"), el("th", { "class": "num" }, "Documents"),
        el("th", { "class": "num" }, "Passages"), el("th", null, "Which"))), body),
      el("h2", null, "Documents per year and code"),
      el("figure", null, el("img", { src: "/api/figures/trends.svg" + qs(Object.assign({ t: t }, sel)), alt: "Trends" })),
      el("h2", null, "Co-occurrence (documents coded with both)"),
      el("figure", null, el("img", { src: "/api/figures/cooccur.svg" + qs(Object.assign({ t: t }, sel)), alt: "Co-occurrence by document" })),
      el("h2", null, "Co-occurrence (sentences coded with both)"),
      el("figure", null, el("img", { src: "/api/figures/cooccur.svg" + qs(Object.assign({ t: t, by: "passage" }, sel)), alt: "Co-occurrence by passage" })));
  }).catch(fail);
}

// ---------- routing and keys ----------
function route() {
  var r = parseHash();
  var name = r.parts[0] || "search";
  current = null;
  document.querySelectorAll("#nav a").forEach(function (a) {
    var on = a.getAttribute("data-route") === name || (name === "doc" && a.getAttribute("data-route") === "docs");
    a.classList.toggle("on", on);
  });
  if (name === "search") searchView(r.q);
  else if (name === "docs") docsView();
  else if (name === "doc") docView(r.parts[1], r.q);
  else if (name === "review") reviewView(r.q);
  else if (name === "codes") codebookView(r.q);
  else if (name === "graph") graphView();
  else if (name === "queries") queriesView(r.q);
  else if (name === "frame" && window.frameView) window.frameView(r.q);
  else if (name === "audit" && window.auditView) window.auditView(r.q);
  else setView(el("p", { text: "Not found" }));
}

document.addEventListener("keydown", function (e) {
  var t = e.target;
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT")) {
    if (e.key === "Escape") t.blur();
    return;
  }
  if (e.key === "?") { document.getElementById("help").showModal(); return; }
  if (e.key === "/") { e.preventDefault(); location.hash = "#/search"; return; }
  if (!current) return;
  var k = e.key;
  if (k === "j" || k === "ArrowDown") { e.preventDefault(); current.next(); }
  else if (k === "k" || k === "ArrowUp") { e.preventDefault(); current.prev(); }
  else if (k === "n") current.nextProposed();
  else if (k === "a") current.decide("accept");
  else if (k === "r" || k === "x") current.decide("reject");
  else if (k === "e") { var s = document.getElementById("recode-code"); if (s) { e.preventDefault(); s.focus(); } }
  else if (k === "m") { var m = document.getElementById("memo-text"); if (m) { e.preventDefault(); m.focus(); } }
});

(function init() {
  var who = document.getElementById("reviewer");
  who.value = localStorage.getItem("policyscope.reviewer") || "";
  window.addEventListener("hashchange", route);
  route();
})();
