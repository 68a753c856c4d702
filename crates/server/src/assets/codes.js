// policyscope web app: the codebook editor (create, rename, move, recolour,
// describe, merge, delete codes), making a code from the code picker, the
// reviewer's name, and the colours of overlapping codings. Loaded before
// app.js; uses its helpers (el, api, toast, loadCodes, codes …) only when
// called, after both files are loaded.
"use strict";

// ---------- the reviewer: a person, asked once ----------
var REVIEWER_KEY = "policyscope.reviewer";
// The same words the server refuses (policyscope_coding::PLACEHOLDER_NAMES).
var PLACEHOLDERS = ["reviewer", "coder", "user", "anonymous", "unknown", "default", "nobody", "someone"];

function isPersonName(v) {
  v = (v || "").trim();
  return v.length > 0 && PLACEHOLDERS.indexOf(v.toLowerCase()) < 0 && !/^(auto|model):/i.test(v);
}

// Opens the box that asks for the reviewer's name (once per browser: the
// name is kept in localStorage until the app has accounts). Not modal, so
// the name field in the header stays usable too.
function askReviewerName() {
  var dlg = document.getElementById("who-dialog");
  if (dlg && !dlg.open) {
    dlg.show();
    document.getElementById("who-name").focus();
  }
}

function setupReviewerName() {
  var input = document.getElementById("reviewer");
  var stored = localStorage.getItem(REVIEWER_KEY) || "";
  if (!isPersonName(stored)) stored = "";
  input.value = stored;
  var name = el("input", { id: "who-name", autocomplete: "name", required: true, size: 24, placeholder: "e.g. 王芳 or Alice Martin" });
  var msg = el("p", { "class": "error", id: "who-error" });
  var dlg = el("dialog", { id: "who-dialog" },
    el("form", { method: "dialog", onsubmit: function (e) {
      if (!isPersonName(name.value)) { e.preventDefault(); msg.textContent = "Give your own name: every review and coding records who made it."; return; }
      input.value = name.value.trim();
      localStorage.setItem(REVIEWER_KEY, input.value);
      toast("Reviewing as " + input.value);
    } },
      el("h2", null, "Who is reviewing?"),
      el("p", { "class": "muted" }, "Your name is recorded with every coding, review and code change you make. It is kept in this browser."),
      el("label", null, "Your name ", name), msg,
      el("div", { "class": "actions" }, el("button", { "class": "primary", id: "who-save" }, "Start"))));
  document.body.appendChild(dlg);
  input.addEventListener("change", function () {
    var v = input.value.trim();
    if (isPersonName(v)) { localStorage.setItem(REVIEWER_KEY, v); if (dlg.open) dlg.close(); }
    else { localStorage.removeItem(REVIEWER_KEY); input.value = ""; askReviewerName(); }
  });
  if (!stored) askReviewerName();
}

// ---------- overlapping codings: every code's colour ----------
// The style of a run of text coded with these colours: one colour as
// before, several as diagonal stripes, so no code hides another.
function codedStyle(colours) {
  var seen = [];
  colours.forEach(function (c) { c = safeColour(c); if (seen.indexOf(c) < 0) seen.push(c); });
  if (seen.length < 2) return "--c:" + (seen[0] || "#888888");
  var stops = seen.map(function (c, i) {
    return "color-mix(in srgb, " + c + " 50%, transparent) " + (i * 5) + "px " + ((i + 1) * 5) + "px";
  });
  return "--c:" + seen[0] + ";background:repeating-linear-gradient(135deg," + stops.join(",") + ");" +
    "border-image:linear-gradient(90deg," + seen.map(function (c, i) { return c + " " + Math.round(i * 100 / seen.length) + "% " + Math.round((i + 1) * 100 / seen.length) + "%"; }).join(",") + ") 1";
}

// ---------- the code picker: an existing code, or a new one by name ----------
// Colours for codes made from the picker: the first one no code uses yet, so
// a new code is told apart at once and keeps its colour.
var NEW_CODE_COLOURS = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#9a6324", "#469990", "#808000"];
function unusedColour() {
  var used = codes.map(function (c) { return (c.colour || "").toLowerCase(); });
  var free = NEW_CODE_COLOURS.filter(function (c) { return used.indexOf(c) < 0; });
  return free.length ? free[0] : NEW_CODE_COLOURS[codes.length % NEW_CODE_COLOURS.length];
}

function newCodeInput(id) {
  return el("input", { id: id, "class": "wide", size: 18, "aria-label": "New code", placeholder: "or a new code: Parent/Name" });
}

// The code to use: the typed name when there is one (made now, under the
// parent its path names), else the picker's choice. Resolves to a code id.
function pickCode(select, input) {
  var typed = (input.value || "").trim().replace(/\s*\/\s*/g, "/");
  if (!typed) return Promise.resolve(Number(select.value));
  var existing = codes.filter(function (c) { return c.path === typed || c.name === typed; });
  if (existing.length === 1 && existing[0].codable) { input.value = ""; return Promise.resolve(existing[0].id); }
  var cut = typed.lastIndexOf("/");
  var parentPath = cut > 0 ? typed.slice(0, cut) : null;
  var parent = parentPath ? codes.filter(function (c) { return c.path === parentPath; })[0] : null;
  if (parentPath && !parent) return Promise.reject(new Error("no code " + parentPath + " to put " + typed.slice(cut + 1) + " under"));
  return api("/api/codes", { name: typed.slice(cut + 1), parent_id: parent ? parent.id : null, colour: unusedColour(), by: reviewer() }).then(function (code) {
    input.value = "";
    return loadCodes().then(function () {
      select.appendChild(el("option", { value: String(code.id) }, code.path));
      select.value = String(code.id);
      toast("Made code " + code.path);
      return code.id;
    });
  });
}

// ---------- the codebook editor ----------
function codeOptions(sel, opts) {
  if (opts.none) sel.appendChild(el("option", { value: "" }, opts.none));
  codes.forEach(function (c) {
    if (opts.skip && opts.skip(c)) return;
    sel.appendChild(el("option", { value: String(c.id) }, c.path));
  });
  return sel;
}

function count(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

function inside(c, ancestor) { return c.id === ancestor.id || c.path.indexOf(ancestor.path + "/") === 0; }

function codebookView(q) {
  loadCodes().then(function () {
    var selected = q && q.code ? codes.filter(function (c) { return String(c.id) === q.code; })[0] : null;
    // Show the tree again after a change (the hash may not change: re-route then).
    function go(id) {
      var h = "#/codes" + qs({ code: id });
      if (location.hash === h) route(); else location.hash = h;
    }
    function tree(parent) {
      var kids = codes.filter(function (c) { return c.parent_id === parent; });
      if (!kids.length) return null;
      return el("ul", { "class": parent === null ? "tree codetree" : "" }, kids.map(function (c) {
        var row = el("div", { "class": "code-row" + (selected && selected.id === c.id ? " current" : ""), "data-id": String(c.id), "data-path": c.path },
          swatch(c.colour),
          el("a", { href: "#/codes" + qs({ code: c.id }), "class": "code-name" }, c.name),
          c.codable ? null : el("span", { "class": "tag" }, "folder"),
          c.codebook ? el("span", { "class": "tag", title: "defined by codebook " + c.codebook }, c.codebook) : el("span", { "class": "tag hand" }, "by hand"),
          el("span", { "class": "muted counts" }, " " + count(c.documents, "document") + " · " + count(c.passages, "passage") + (c.proposed ? " · " + c.proposed + " to review" : "")),
          el("a", { "class": "passages", href: "#/review" + qs({ status: "proposed,accepted", code: c.path }) }, "passages"));
        return el("li", null, row, tree(c.id));
      }));
    }
    var name = el("input", { id: "new-code-name", "class": "wide", size: 18, placeholder: "name", "aria-label": "Name of the new code" });
    var parent = codeOptions(el("select", { id: "new-code-parent", "aria-label": "Parent" }), { none: "(top level)" });
    if (selected) parent.value = String(selected.id);
    var colour = el("input", { id: "new-code-colour", type: "color", value: "#4477aa", "aria-label": "Colour" });
    var create = el("form", { "class": "actions", id: "new-code", onsubmit: function (e) {
      e.preventDefault();
      api("/api/codes", { name: name.value, parent_id: parent.value ? Number(parent.value) : null, colour: colour.value, by: reviewer() })
        .then(function (c) { toast("Made code " + c.path); go(c.id); })
        .catch(function (err) { toast("Error: " + err.message); });
    } }, el("strong", null, "New code"), name, "under", parent, colour, el("button", { "class": "primary", type: "submit" }, "Add"));
    var body = tree(null) || el("p", { "class": "muted", text: "No codes yet: add one here, or run `policyscope code run`." });
    setView(el("h1", { text: "Codebook" }),
      el("p", { "class": "muted" }, "A parent's documents and passages include its sub-codes'. Click a code to edit, move, merge or delete it."),
      create, el("div", { "class": "codebook" }, el("div", { "class": "codetree-box" }, body), selected ? codeEditor(selected, go) : null));
    if (window.evaluationPanel) window.evaluationPanel(view());
  }).catch(fail);
}

// The editor of one code: name, parent, colour, description; merge; delete.
function codeEditor(c, go) {
  var done = function (what) { return function () { toast(what); go(c.id); }; };
  var oops = function (err) { toast("Error: " + err.message); };
  var name = el("input", { id: "edit-name", "class": "wide", value: c.name, "aria-label": "Name" });
  var parent = codeOptions(el("select", { id: "edit-parent", "aria-label": "Parent" }), { none: "(top level)", skip: function (x) { return inside(x, c); } });
  parent.value = c.parent_id === null ? "" : String(c.parent_id);
  var colour = el("input", { id: "edit-colour", type: "color", value: safeColour(c.colour).length === 7 ? safeColour(c.colour) : "#888888", "aria-label": "Colour" });
  var desc = el("textarea", { id: "edit-description", "aria-label": "Description" });
  desc.value = c.description;
  var save = el("button", { "class": "primary", id: "edit-save", onclick: function () {
    var body = { by: reviewer() };
    if (name.value.trim() !== c.name) body.name = name.value;
    var p = parent.value ? Number(parent.value) : null;
    if (p !== c.parent_id) body.move = { to: p };
    if (colour.value.toLowerCase() !== (c.colour || "").toLowerCase()) body.colour = colour.value;
    if (desc.value !== c.description) body.description = desc.value;
    if (Object.keys(body).length === 1) { toast("Nothing changed"); return; }
    api("/api/codes/" + c.id, body).then(done("Saved " + c.name)).catch(oops);
  } }, "Save");

  var into = codeOptions(el("select", { id: "merge-into", "aria-label": "Merge into" }), { none: "choose a code…", skip: function (x) { return inside(x, c) || !x.codable; } });
  var confirmBox = el("div", { id: "confirm", "class": "confirm", hidden: true });
  function confirm(text, action) {
    while (confirmBox.firstChild) confirmBox.removeChild(confirmBox.firstChild);
    confirmBox.appendChild(el("p", { id: "confirm-text" }, text));
    confirmBox.appendChild(el("div", { "class": "actions" },
      el("button", { "class": "bad", id: "confirm-yes", onclick: function () { confirmBox.hidden = true; action(); } }, "Yes, do it"),
      el("button", { id: "confirm-no", onclick: function () { confirmBox.hidden = true; } }, "Cancel")));
    confirmBox.hidden = false;
  }
  var n = c.all_codings;
  var mergeBtn = el("button", { id: "merge-go", onclick: function () {
    if (!into.value) { toast("Choose the code to merge into"); return; }
    var target = codeById[Number(into.value)];
    confirm("Merge " + c.path + " into " + target.path + "? Its " + n + " coding(s)" + (codes.some(function (x) { return x.parent_id === c.id; }) ? ", sub-codes" : "") +
      " and memos move there; the merge is recorded.", function () {
      api("/api/codes/" + c.id + "/merge", { into: target.id, by: reviewer() }).then(function (r) {
        toast(r.memo.text); go(target.id);
      }).catch(oops);
    });
  } }, "Merge…");

  var moveTo = codeOptions(el("select", { id: "delete-move-to", "aria-label": "Move codings to" }), { none: "remove them", skip: function (x) { return x.id === c.id || !x.codable; } });
  var delBtn = el("button", { "class": "bad", id: "delete-go", onclick: function () {
    var target = moveTo.value ? codeById[Number(moveTo.value)] : null;
    var what = n === 0 ? "It has no codings." : target ? "Its " + n + " coding(s) move to " + target.path + "." : "Its " + n + " coding(s) will be removed, with their reviews and memos.";
    confirm("Delete " + c.path + "? " + what, function () {
      var body = { by: reviewer() };
      if (target) body.move_to = target.id; else if (n > 0) body.remove_codings = true;
      api("/api/codes/" + c.id + "/delete", body).then(function (r) {
        toast(r.memo.text); go(target ? target.id : undefined);
      }).catch(oops);
    });
  } }, "Delete…");

  var history = el("ul", { id: "code-history", "class": "history" });
  api("/api/codes/history" + qs({ code: c.id })).then(function (events) {
    if (!events.length) history.appendChild(el("li", { "class": "muted" }, "No change by hand yet."));
    events.forEach(function (e) {
      history.appendChild(el("li", null, el("span", { "class": "muted" }, e.at.slice(0, 16).replace("T", " ") + " "), e.actor + " — " + e.action + " " + e.code_path + (e.detail ? " → " + e.detail : "") + (e.codings ? " (" + e.codings + " codings)" : "")));
    });
  }).catch(oops);

  return el("aside", { "class": "side code-editor", id: "code-editor", "data-id": String(c.id) },
    el("h2", null, swatch(c.colour), c.path),
    el("p", { "class": "muted" }, count(c.documents, "document") + ", " + count(c.passages, "passage") + " with its sub-codes; " + count(n, "coding") + " of its own (every status)."),
    el("label", null, "Name ", name), el("label", null, "Under ", parent), el("label", null, "Colour ", colour),
    el("label", null, "Description", desc), el("div", { "class": "actions" }, save),
    el("h2", null, "Merge into another code"), el("div", { "class": "actions" }, into, mergeBtn),
    el("h2", null, "Delete"), el("div", { "class": "actions" }, el("span", null, "Its codings:"), moveTo, delBtn),
    confirmBox,
    el("h2", null, "History"), history);
}

document.addEventListener("DOMContentLoaded", setupReviewerName);
