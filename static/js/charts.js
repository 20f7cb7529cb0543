// Draws each notebook chart of the page (layouts/shortcodes/nb-output.html) from its JSON, with the library the site
// serves (static/vendor/, loaded before this script by layouts/partials/chart-scripts.html): Plotly with plotly.js,
// Vega-Lite with vega-embed. The chart's static form (its image or text) stays when the library did not load or
// cannot draw it, as a notebook shows a figure's static form without the renderer.
(function () {
  "use strict";

  var DRAW = {
    plotly: function (target, spec) {
      if (!window.Plotly) return null;
      var config = Object.assign({ responsive: true }, spec.config || {});
      return window.Plotly.newPlot(target, spec.data || [], spec.layout || {}, config);
    },
    vegalite: function (target, spec) {
      if (!window.vegaEmbed) return null;
      return window.vegaEmbed(target, spec, { actions: false });
    },
  };

  function draw(chart) {
    var draw = DRAW[chart.dataset.chart];
    var json = chart.querySelector('script[type="application/json"]');
    if (!draw || !json) return;
    var target = document.createElement("div");
    target.className = "nb-chart-live";
    chart.appendChild(target);
    var drawn;
    try {
      drawn = draw(target, JSON.parse(json.textContent));
    } catch (error) {
      drawn = Promise.reject(error);
    }
    if (!drawn) {
      target.remove();
      return;
    }
    Promise.resolve(drawn).then(
      function () {
        var fallback = chart.querySelector(".nb-chart-fallback");
        if (fallback) fallback.remove();
        chart.classList.add("nb-chart-drawn");
      },
      function (error) {
        target.remove();
        console.error("a " + chart.dataset.chart + " chart could not be drawn; its static form stays:", error);
      }
    );
  }

  function drawAll() {
    document.querySelectorAll(".nb-chart[data-chart]").forEach(draw);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", drawAll);
  else drawAll();
})();
