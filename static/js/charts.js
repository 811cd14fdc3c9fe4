/* Draws every chart of the page: a container [data-plotly="ID"] and its figure in <script id="ID"
   type="application/json"> (Django's json_script). Plotly comes from static/vendor/plotly.min.js — the copy
   inside the installed plotly package — so nothing is loaded from outside the portal and no inline script runs. */
(function () {
  "use strict";

  var CONFIG = { displayModeBar: false, responsive: true };

  function draw() {
    if (typeof window.Plotly === "undefined") { return; }
    var boxes = document.querySelectorAll("[data-plotly]");
    Array.prototype.forEach.call(boxes, function (box) {
      var source = document.getElementById(box.getAttribute("data-plotly"));
      if (!source) { return; }
      var figure = JSON.parse(source.textContent);
      // A responsive chart takes its container's size: give the container the figure's height, so a
      // resize (a turned phone, printing) changes the width only.
      if (figure.layout && figure.layout.height) { box.style.height = figure.layout.height + "px"; }
      window.Plotly.newPlot(box, figure.data || [], figure.layout || {}, CONFIG).then(function () {
        box.setAttribute("data-drawn", "true");
      });
    });
  }

  // Paper is narrower than most screens: fit the charts to it before printing, back afterwards.
  function resizeAll() {
    if (typeof window.Plotly === "undefined") { return; }
    Array.prototype.forEach.call(document.querySelectorAll("[data-plotly][data-drawn]"), function (box) {
      window.Plotly.Plots.resize(box);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
  window.addEventListener("beforeprint", resizeAll);
  window.addEventListener("afterprint", resizeAll);
}());
