// The audit log for admins (#/audit): who changed which coding, review,
// memo or code, and when. The link appears only when the API lets this
// user read the log. Uses el(), api(), qs(), setView(), fail() of app.js.
(function () {
  "use strict";

  function summary(e) {
    var row = e.after && typeof e.after === "object" ? e.after : e.before;
    if (!row || typeof row !== "object") return "";
    if (row.code_path) return row.code_path + (row.status ? " (" + row.status + ")" : "");
    return row.text || row.path || row.detail || "";
  }

  function target(e) {
    if (e.target_id !== null && e.target_id !== undefined) return e.target_kind + " " + e.target_id;
    return e.target_kind + (e.target_guid ? " " + e.target_guid.slice(0, 8) : "");
  }

  window.auditView = function (q) {
    var user = el("input", { name: "user", value: q.user || "", placeholder: "user", "aria-label": "User" });
    var since = el("input", { name: "since", value: q.since || "", placeholder: "since YYYY-MM-DD", "aria-label": "Since" });
    var form = el("form", { "class": "search", onsubmit: function (ev) {
      ev.preventDefault();
      var p = {};
      if (user.value.trim()) p.user = user.value.trim();
      if (since.value.trim()) p.since = since.value.trim();
      location.hash = "#/audit" + qs(p);
    } }, user, since, el("button", { type: "submit" }, "Show"));
    var sel = {};
    if (q.user) sel.user = q.user;
    if (q.since) sel.since = q.since;
    api("/api/audit" + qs(sel)).then(function (log) {
      // Newest first: an admin looks for what just happened.
      var rows = log.slice().reverse().map(function (e) {
        return el("tr", null, el("td", null, e.at), el("td", null, e.user), el("td", null, e.action),
          el("td", null, target(e)), el("td", null, summary(e)));
      });
      setView(el("h1", null, "Audit log"), form,
        el("p", { "class": "muted" }, log.length + " change(s)"),
        el("table", { id: "audit-table" },
          el("thead", null, el("tr", null, ["When", "Who", "What", "On", "Now"].map(function (h) { return el("th", null, h); }))),
          el("tbody", null, rows)));
    }).catch(fail);
  };

  // Only admins may read the log: show the link when the API says so.
  fetch("/api/audit?limit=1").then(function (r) {
    if (!r.ok) return;
    var nav = document.getElementById("nav");
    if (nav && !nav.querySelector("[data-route=audit]")) {
      nav.appendChild(el("a", { href: "#/audit", "data-route": "audit" }, "Audit"));
    }
  }).catch(function () { /* no link */ });
})();
