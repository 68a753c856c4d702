// policyscope web app: documents. Uploading files and folders (the importer's
// per-file report), editing a document's metadata, linking a translation to its
// original, showing stored text as a document (headings, hidden markup) while
// every offset stays that of the stored text, and clear messages for errors.
// Loaded before app.js, whose helpers (el, api, toast, route) it uses at call time.
"use strict";

// A message for an HTTP error without a JSON body (from a proxy or the HTTP layer).
function plainStatus(r) {
  if (r.status === 413) return "The upload is too large: send fewer or smaller files at a time.";
  if (r.status === 414) return "The request is too long for a web address; shorten the query.";
  return "The server answered " + r.status + " " + r.statusText + ".";
}

var Documents = (function () {
  // How the stored text is shown: `display` segments tile it in code points.
  function shown(doc) {
    var segs = doc.display || [];
    function overlapping(s, e) { return segs.filter(function (g) { return g.start < e && g.end > s; }); }
    return {
      // Segment edges inside [s, e): cut points, so that no span mixes hidden and shown text.
      cuts: function (s, e) {
        var out = [];
        overlapping(s, e).forEach(function (g) { if (g.start > s) out.push(g.start); if (g.end < e) out.push(g.end); });
        return out;
      },
      // Whether [s, e) (within one segment) is hidden markup.
      hidden: function (s, e) { return overlapping(s, e).some(function (g) { return g.kind === "hidden" && g.start <= s && e <= g.end; }); },
      // The element of a line: a heading line is marked as one.
      line: function (s, e) {
        var h = overlapping(s, e).filter(function (g) { return g.kind === "heading"; })[0];
        if (!h) return el("p");
        return el("p", { "class": "heading h" + h.level, role: "heading", "aria-level": String(Math.min(h.level + 1, 6)) });
      }
    };
  }

  function validId(raw) { return /^[1-9][0-9]{0,17}$/.test(String(raw || "")); }

  function badId(raw) {
    setView(el("h1", { text: "No such document" }),
      el("p", { "class": "error", id: "bad-doc-id" }, "“" + String(raw || "").slice(0, 40) + "” is not a document number: documents are numbered 1, 2, 3 …"),
      el("p", null, el("a", { href: "#/docs" }, "All documents")));
  }

  function link(d) {
    return el("a", { href: "#/doc/" + d.id }, d.label + " " + d.title + " (" + d.language + ")");
  }

  // Metadata form, translation links and the link form of a document page.
  function panel(doc) {
    var m = doc.meta;
    var box = el("div", { "class": "docmeta", id: "docmeta" });
    if (doc.original) box.appendChild(el("p", { "class": "translation", id: "translation-of" }, el("strong", null, "Translation of: "), link(doc.original)));
    if (doc.translations && doc.translations.length) {
      var t = el("p", { "class": "translation", id: "translations" }, el("strong", null, "Translations: "));
      doc.translations.forEach(function (d, i) { if (i) t.appendChild(document.createTextNode(", ")); t.appendChild(link(d)); });
      box.appendChild(t);
    }
    var fields = [["title", "Title", m.title], ["date", "Date", m.date], ["doc_type", "Type", m.doc_type], ["docno", "Document number", m.docno]];
    var inputs = {};
    var form = el("form", { "class": "editmeta", id: "edit-meta", onsubmit: function (e) {
      e.preventDefault();
      var body = {};
      fields.forEach(function (f) { var v = inputs[f[0]].value.trim(); if (v !== (f[2] || "")) body[f[0]] = v; });
      if (!Object.keys(body).length) { toast("Nothing changed"); return; }
      api("/api/documents/" + m.id, body).then(function () { toast("Saved"); route(); })
        .catch(function (err) { msg.textContent = err.message; });
    } });
    fields.forEach(function (f) {
      inputs[f[0]] = el("input", { name: f[0], id: "meta-" + f[0], value: f[2] || "", placeholder: f[0] === "date" ? "YYYY-MM-DD" : "" });
      form.appendChild(el("label", null, f[1] + " ", inputs[f[0]]));
    });
    var msg = el("span", { "class": "error", id: "edit-error", role: "alert" });
    form.appendChild(el("button", { type: "submit", id: "save-meta" }, "Save"));
    form.appendChild(msg);
    // Translation link: choose the original among the other documents.
    var pick = el("select", { id: "original", "aria-label": "Original" }, el("option", { value: "" }, "— original —"));
    var linkForm = el("form", { "class": "linkform", id: "link-translation", onsubmit: function (e) {
      e.preventDefault();
      if (!pick.value) { linkMsg.textContent = "Choose the original first."; return; }
      api("/api/documents/" + m.id + "/translation-of", { original: Number(pick.value) }).then(function () { toast("Linked"); route(); })
        .catch(function (err) { linkMsg.textContent = err.message; });
    } }, "This document is a translation of ", pick, " ", el("button", { type: "submit", id: "link-btn" }, "Link"));
    var linkMsg = el("span", { "class": "error", id: "link-error", role: "alert" });
    linkForm.appendChild(linkMsg);
    if (m.translation_of) {
      linkForm.appendChild(el("button", { type: "button", id: "unlink-btn", onclick: function () {
        api("/api/documents/" + m.id + "/translation-of", { original: null }).then(function () { toast("Unlinked"); route(); })
          .catch(function (err) { linkMsg.textContent = err.message; });
      } }, "Unlink"));
    }
    api("/api/documents").then(function (docs) {
      docs.filter(function (d) { return d.id !== m.id && !d.translation_of; }).forEach(function (d) {
        pick.appendChild(el("option", { value: String(d.id), selected: d.id === m.translation_of }, d.label + " " + d.title));
      });
    }).catch(function (err) { linkMsg.textContent = err.message; });
    box.appendChild(el("details", { "class": "edit" }, el("summary", null, "Edit metadata and translation link"), form, linkForm));
    return box;
  }

  // One line per file of the importer's report.
  function report(r) {
    var box = el("div", { id: "upload-report" },
      el("p", { id: "upload-summary" }, r.imported + " imported, " + r.unchanged + " unchanged, " + r.failed + " failed" + (r.skipped ? ", " + r.skipped + " skipped" : "")));
    var body = el("tbody");
    r.files.forEach(function (f) {
      var what = f.status === "failed" || f.status === "skipped" ? f.reason : (f.id ? el("a", { href: "#/doc/" + f.id }, "#" + f.id) : "");
      body.appendChild(el("tr", { "class": "up-" + f.status }, el("td", null, f.path), el("td", null, f.status.replace(/_/g, " ")), el("td", null, what),
        el("td", { "class": "muted" }, (f.warnings || []).join("; "))));
    });
    box.appendChild(el("table", { "class": "upload-files" }, el("thead", null, el("tr", null, el("th", null, "File"), el("th", null, "Result"), el("th", null, "Document or reason"), el("th", null, "Warnings"))), body));
    return box;
  }

  // The upload form of the documents page.
  function uploadPanel() {
    var files = el("input", { type: "file", id: "upload-files", multiple: true, "aria-label": "Files" });
    var folder = el("input", { type: "file", id: "upload-folder", multiple: true, webkitdirectory: true, "aria-label": "Folder" });
    var out = el("div", { id: "upload-out" });
    var btn = el("button", { "class": "primary", type: "submit", id: "upload-btn" }, "Upload and import");
    var form = el("form", { "class": "upload", id: "upload", onsubmit: function (e) {
      e.preventDefault();
      var data = new FormData();
      Array.from(files.files).forEach(function (f) { data.append("file", f, f.name); });
      Array.from(folder.files).forEach(function (f) { data.append("file", f, f.webkitRelativePath || f.name); });
      if (!data.has("file")) { out.textContent = "Choose files or a folder first."; return; }
      btn.disabled = true;
      out.textContent = "Importing…";
      fetch("/api/documents/upload", { method: "POST", body: data }).then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (j) {
          if (!r.ok) throw new Error(j.error || plainStatus(r));
          return j;
        });
      }).then(function (r) {
        while (out.firstChild) out.removeChild(out.firstChild);
        out.appendChild(report(r));
        refreshList();
      }).catch(function (err) {
        while (out.firstChild) out.removeChild(out.firstChild);
        out.appendChild(el("p", { "class": "error", id: "upload-error" }, err.message));
      }).then(function () { btn.disabled = false; });
    } }, el("label", null, "Files ", files), el("label", null, "or a folder ", folder), btn);
    return el("section", { "class": "uploadbox" }, el("h2", null, "Add documents"),
      el("p", { "class": "muted" }, "Text, Markdown, HTML, PDF, Word and OFD; the same import as `policyscope import`."), form, out);
  }

  // Redraws the documents table under the upload panel, keeping the report.
  function refreshList() {
    api("/api/documents").then(function (docs) {
      var old = document.getElementById("doclist");
      if (old) old.parentNode.replaceChild(table(docs), old);
      var h = document.querySelector("main h1");
      if (h) h.textContent = docs.length + " documents";
    }).catch(function (err) { toast(err.message); });
  }

  function table(docs) {
    var body = el("tbody");
    docs.forEach(function (d) {
      body.appendChild(el("tr", null,
        el("td", null, d.label),
        el("td", null, d.date || ""),
        el("td", null, el("a", { href: "#/doc/" + d.id }, d.title), d.translation_of ? el("span", { "class": "muted" }, " (translation of #" + d.translation_of + ")") : null),
        el("td", null, d.docno || ""),
        el("td", { "class": "num" }, String(d.codings)),
        el("td", { "class": "num" }, String(d.proposed))));
    });
    return el("table", { id: "doclist" }, el("thead", null, el("tr", null, el("th", null, "No."), el("th", null, "Date"), el("th", null, "Title"),
      el("th", null, "Document number"), el("th", { "class": "num" }, "Codings"), el("th", { "class": "num" }, "To review"))), body);
  }

  // The queries page's choice: an original and its translations as one document (default) or each apart.
  function translationsToggle(q, go) {
    var box = el("input", { type: "checkbox", id: "separate-translations", checked: q.include_translations === "true",
      onchange: function () { go({ include_translations: box.checked ? "true" : "" }); } });
    return el("label", { title: "By default an original and its translations count as one document" }, box, " count translations separately");
  }

  return { translationsToggle: translationsToggle, shown: shown, validId: validId, badId: badId, panel: panel, uploadPanel: uploadPanel, table: table };
})();
