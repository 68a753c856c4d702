// Codebook evaluation and learnt models on the codebook page; the review
// queue's order option. Uses el(), api(), qs(), toast() of app.js.
(function () {
  "use strict";

  function num(x) { return x === null || x === undefined ? "–" : x.toFixed(3); }
  function isPerson(name) { return !/^(auto|model):/i.test(name); }

  function figuresTable(ev) {
    var head = ["Code", "Units", "TP", "FP", "FN", "Precision", "Recall", "F1", "κ"];
    return el("table", { "class": "eval-table", id: "eval-table" },
      el("caption", null, "Codebook " + ev.codebook + "@" + ev.version + " against " + ev.coder + " — " +
        ev.documents + " documents, by " + ev.unit + (ev.scope === "decided" ? ", units they decided on" : "")),
      el("thead", null, el("tr", null, head.map(function (h) { return el("th", null, h); }))),
      el("tbody", null, ev.codes.map(function (c) {
        return el("tr", { "data-code": c.code },
          el("td", null, c.code), el("td", { "class": "num" }, String(c.units)),
          el("td", { "class": "num" }, String(c.counts.tp)), el("td", { "class": "num" }, String(c.counts.fp)),
          el("td", { "class": "num" }, String(c.counts.fn)), el("td", { "class": "num" }, num(c.precision)),
          el("td", { "class": "num" }, num(c.recall)), el("td", { "class": "num" }, num(c.f1)),
          el("td", { "class": "num" }, num(c.kappa)));
      })));
  }

  function passage(kind, p) {
    return el("li", null, el("span", { "class": "tag" }, kind), " ",
      el("a", { href: "#/doc/" + p.doc_id }, p.title), p.rules.length ? " · " + p.rules.join(", ") + " (" + p.matched.join(", ") + ")" : "",
      el("div", { "class": "ctx" }, p.text));
  }

  function details(ev) {
    return ev.codes.filter(function (c) { return c.rules.length || c.false_negatives.length; }).map(function (c) {
      return el("details", { "class": "eval-code" }, el("summary", null, c.code),
        el("ul", null, c.rules.map(function (r) {
          return el("li", null, "rule " + r.rule + ": fired on " + r.hits + ", kept " + r.kept);
        })),
        el("ul", { "class": "clist" }, c.false_positives.map(function (p) { return passage("FP", p); })
          .concat(c.false_negatives.map(function (p) { return passage("FN", p); }))));
    });
  }

  function modelsTable(models) {
    if (!models.length) return el("p", { "class": "muted" }, "No model learnt yet (policyscope code learn).");
    var head = ["Code", "Positives", "Negatives", "CV precision", "CV recall", "CV F1", "Baseline F1", "Seed", "Trained"];
    return el("table", { "class": "eval-table", id: "models-table" },
      el("caption", null, "Models learnt from the coders' decisions (" + models[0].cv.folds + "-fold cross-validation)"),
      el("thead", null, el("tr", null, head.map(function (h) { return el("th", null, h); }))),
      el("tbody", null, models.map(function (m) {
        return el("tr", null, el("td", null, m.code_path), el("td", { "class": "num" }, String(m.positives)),
          el("td", { "class": "num" }, String(m.negatives)), el("td", { "class": "num" }, num(m.cv.precision)),
          el("td", { "class": "num" }, num(m.cv.recall)), el("td", { "class": "num" }, num(m.cv.f1)),
          el("td", { "class": "num" }, num(m.cv.baseline_f1)), el("td", { "class": "num" }, String(m.seed)),
          el("td", null, m.trained_at.slice(0, 16).replace("T", " ")));
      })));
  }

  // The evaluation section under the codebook: choose a person, see each code's figures.
  window.evaluationPanel = function (container) {
    var out = el("div", { id: "eval-result" });
    var coder = el("select", { id: "eval-coder", "aria-label": "Coder to evaluate against" });
    var unit = el("select", { id: "eval-unit", "aria-label": "Unit" },
      ["sentence", "paragraph", "document"].map(function (u) { return el("option", { value: u }, u); }));
    var decided = el("input", { type: "checkbox", id: "eval-decided" });
    var models = el("div", { id: "eval-models" });
    function run() {
      if (!coder.value) return;
      localStorage.setItem("policyscope.evalCoder", coder.value);
      out.textContent = "Evaluating…";
      api("/api/evaluate" + qs({ coder: coder.value, unit: unit.value, decided: decided.checked ? "true" : "" })).then(function (ev) {
        while (out.firstChild) out.removeChild(out.firstChild);
        out.appendChild(figuresTable(ev));
        details(ev).forEach(function (d) { out.appendChild(d); });
      }).catch(function (e) { out.textContent = "Error: " + e.message; });
    }
    var section = el("section", { "class": "evaluation", id: "evaluation" },
      el("h2", null, "Evaluation"),
      el("p", { "class": "muted" }, "The codebook's coding against a person's codings (and review decisions), computed now without writing anything."),
      el("form", { "class": "actions", onsubmit: function (e) { e.preventDefault(); run(); } },
        "against", coder, "by", unit, el("label", null, decided, " only units they decided on"),
        el("button", { "class": "primary", type: "submit", id: "eval-run" }, "Evaluate")),
      out, models);
    container.appendChild(section);
    api("/api/coders").then(function (names) {
      var people = names.filter(isPerson);
      if (!people.length) { out.textContent = "Nobody has coded or reviewed yet."; return; }
      people.forEach(function (n) { coder.appendChild(el("option", { value: n }, n)); });
      var last = localStorage.getItem("policyscope.evalCoder");
      if (last && people.indexOf(last) >= 0) coder.value = last;
      run();
    }).catch(function (e) { out.textContent = "Error: " + e.message; });
    api("/api/models").then(function (list) { models.appendChild(modelsTable(list)); })
      .catch(function (e) { models.textContent = "Error: " + e.message; });
  };

  // The review queue's order: text order, the proposals of the most confident rules first, or
  // the least certain model proposals first.
  window.reviewOrderSelect = function (q, status) {
    var sel = el("select", { id: "order-filter", "aria-label": "Order", onchange: function () {
      location.hash = "#/review" + qs({ status: status, code: q.code, order: sel.value === "text" ? "" : sel.value });
    } }, [["text", "text order"], ["confidence", "most confident rule first"], ["uncertainty", "most uncertain first"]].map(function (o) {
      var opt = el("option", { value: o[0] }, o[1]);
      if ((q.order || "text") === o[0]) opt.selected = true;
      return opt;
    }));
    return sel;
  };

  // A model's score beside a proposal in the queue.
  window.scoreTag = function (c) {
    return c.score === null || c.score === undefined ? null : el("span", { "class": "tag score", title: "model score" }, "score " + c.score.toFixed(2));
  };
})();
