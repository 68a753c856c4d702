// Pan (drag) and zoom (wheel, buttons) for every svg.pannable on the page,
// by changing its viewBox. Links on nodes keep working; a drag does not click.
(function () {
  "use strict";
  function setup(svg) {
    if (svg.getAttribute("data-panzoom")) return;
    svg.setAttribute("data-panzoom", "1");
    var vb = svg.getAttribute("viewBox").split(/[\s,]+/).map(Number);
    var home = vb.slice();
    var drag = null, moved = false;
    function apply() { svg.setAttribute("viewBox", vb.join(" ")); }
    function toSvg(clientX, clientY) {
      var r = svg.getBoundingClientRect();
      return [vb[0] + (clientX - r.left) / r.width * vb[2], vb[1] + (clientY - r.top) / r.height * vb[3]];
    }
    function zoom(factor, cx, cy) {
      var nw = vb[2] * factor, nh = vb[3] * factor;
      if (nw < home[2] / 20 || nw > home[2] * 10) return;
      vb = [cx - (cx - vb[0]) * factor, cy - (cy - vb[1]) * factor, nw, nh];
      apply();
    }
    svg.addEventListener("wheel", function (e) {
      e.preventDefault();
      var p = toSvg(e.clientX, e.clientY);
      zoom(e.deltaY < 0 ? 0.85 : 1 / 0.85, p[0], p[1]);
    }, { passive: false });
    svg.addEventListener("pointerdown", function (e) {
      drag = { x: e.clientX, y: e.clientY, vb: vb.slice() };
      moved = false;
    });
    window.addEventListener("pointermove", function (e) {
      if (!drag) return;
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 4) { moved = true; svg.classList.add("dragging"); }
      if (!moved) return;
      var r = svg.getBoundingClientRect();
      vb[0] = drag.vb[0] - dx / r.width * vb[2];
      vb[1] = drag.vb[1] - dy / r.height * vb[3];
      apply();
    });
    window.addEventListener("pointerup", function () { drag = null; svg.classList.remove("dragging"); });
    svg.addEventListener("click", function (e) { if (moved) { e.preventDefault(); moved = false; } }, true);
    var tools = document.querySelector('[data-for="' + svg.id + '"]');
    if (tools) {
      tools.addEventListener("click", function (e) {
        var act = e.target && e.target.getAttribute("data-act");
        var c = [vb[0] + vb[2] / 2, vb[1] + vb[3] / 2];
        if (act === "in") zoom(0.8, c[0], c[1]);
        else if (act === "out") zoom(1.25, c[0], c[1]);
        else if (act === "reset") { vb = home.slice(); apply(); }
      });
    }
  }
  // Pages that add a graph later (the web app) call this on the new svg.
  window.policyscopePanZoom = setup;
  var all = document.querySelectorAll("svg.pannable");
  for (var i = 0; i < all.length; i++) setup(all[i]);
})();
