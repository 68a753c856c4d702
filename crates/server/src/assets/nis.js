// The analytical frame in the app (#/frame): who is given which task, the
// actor co-mention network, documents per NIS element and year, standards
// and technologies. Uses el(), api(), qs(), setView(), fail() of app.js.
(function () {
  "use strict";

  function table(id, caption, head, rows) {
    return el("table", { id: id, "class": "frame-table" },
      el("caption", null, caption),
      el("thead", null, el("tr", null, head.map(function (h) { return el("th", null, h); }))),
      el("tbody", null, rows));
  }

  // A link to a document, or with a span to that passage in it (highlighted
  // and scrolled to by the document view).
  function docLink(d, start, end) {
    var at = start === undefined || end === undefined ? "" : qs({ at: start, end: end });
    return el("a", { href: "#/doc/" + d.id + at, title: start === undefined ? null : "at " + start }, d.title);
  }

  function rolesSection(roles, actors, actor) {
    var pick = el("select", { id: "frame-actor" },
      el("option", { value: "" }, "All actors"),
      actors.map(function (a) { return el("option", { value: a.id, selected: a.id === actor }, a.name + (a.name_zh ? " " + a.name_zh : "")); }));
    pick.addEventListener("change", function () { location.hash = "#/frame" + qs({ actor: pick.value }); });
    var rows = roles.roles.slice(0, 300).map(function (r) {
      return el("tr", null, el("td", null, r.actor_name), el("td", { lang: "zh" }, r.verb),
        el("td", { lang: "zh" }, r.object), el("td", null, docLink(r.doc, r.start, r.end)));
    });
    return el("section", { id: "frame-roles" }, el("h2", null, "Who is given which task (" + roles.total + ")"), pick,
      table("roles-table", "Role statements", ["Actor", "Verb", "Task", "Document"], rows));
  }

  function networkSection(net) {
    var names = {};
    net.nodes.forEach(function (n) { names[n.id] = n.name; });
    var edges = net.edges.filter(function (e) { return e.passages > 0; })
      .sort(function (a, b) { return b.passages - a.passages; }).slice(0, 40);
    var rows = edges.map(function (e) {
      return el("tr", null, el("td", null, names[e.source] || e.source), el("td", null, names[e.target] || e.target),
        el("td", { "class": "num" }, String(e.passages)), el("td", { "class": "num" }, String(e.documents)),
        el("td", null, e.evidence.slice(0, 3).map(function (ev) {
          return el("a", { href: "#/doc/" + ev.doc_id + qs({ at: ev.start, end: ev.end }), "class": "ev" }, ev.doc_id + ":" + ev.start + " ");
        })));
    });
    return el("section", { id: "frame-network" }, el("h2", null, "Actors named together (" + net.nodes.length + " actors)"),
      table("network-table", "Co-mentions by sentence and by document", ["Actor", "Actor", "Sentences", "Documents", "Passages"], rows));
  }

  function trendSection(nis) {
    var t = nis.by_element;
    var rows = t.codes.filter(function (r) { return r.path.indexOf("/") >= 0; }).map(function (r) {
      return el("tr", null, el("th", null, r.path.split("/").pop()),
        r.documents.map(function (n) { return el("td", { "class": "num" }, String(n)); }));
    });
    return el("section", { id: "frame-nis" }, el("h2", null, "Documents coded per NIS element and year"),
      table("nis-table", "NIS element × year", [""].concat(t.years), rows));
  }

  function standardsSection(st, tech) {
    var rows = st.standards.map(function (s) {
      return el("tr", null, el("td", null, s.standard), el("td", null, s.family), el("td", { "class": "num" }, String(s.mentions)),
        el("td", null, s.documents.map(function (d) { return docLink(d); })));
    });
    var trows = tech.rows.map(function (r) {
      var n = r.mentions.reduce(function (a, b) { return a + b; }, 0);
      return el("tr", null, el("td", null, r.name), el("td", { "class": "num" }, String(n)));
    });
    return el("section", { id: "frame-standards" }, el("h2", null, "Standards cited and technologies named"),
      table("standards-table", "Standards", ["Standard", "Family", "Mentions", "Documents"], rows),
      table("technologies-table", "Chokepoint technologies", ["Technology", "Mentions"], trows));
  }

  window.frameView = function (q) {
    var actor = (q && q.actor) || "";
    Promise.all([api("/api/frame"), api("/api/roles" + qs({ actor: actor, limit: 300 })), api("/api/frame/actors"),
      api("/api/frame/nis"), api("/api/frame/standards"), api("/api/frame/technologies")])
      .then(function (r) {
        var frame = r[0];
        setView(el("h1", null, "Actors, standards & NIS"),
          el("p", { "class": "note" }, "Frame " + frame.hash + ": " + frame.actors.length + " actors and bodies. Mentions come from `policyscope mentions run`."),
          rolesSection(r[1], frame.actors, actor), networkSection(r[2]), trendSection(r[3]), standardsSection(r[4], r[5]));
      }).catch(fail);
  };
})();
