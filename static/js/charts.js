// Draws each notebook chart of the page (layouts/_shortcodes/nb-output.html) from its JSON, with the library the site
// serves (static/vendor/, loaded before this script by layouts/_partials/chart-scripts.html): Plotly with plotly.js,
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
      // Canvas, as vega-embed drew before its version 7 (whose default is SVG).
      return window.vegaEmbed(target, spec, { actions: false, renderer: "canvas" });
    },
  };

  function draw(chart) {
    var draw = DRAW[chart.dataset.chart];
    var json = chart.querySelector('script[type="application/json"]');
    if (!draw || !json) return;
    var live = document.createElement("div");
    live.className = "nb-chart-live";
    // The chart is named by its alt text (the cell's `alt`, else "Figure N produced by the code above"), which its
    // static form shows too: the image's alt, or the text shown when the chart is not drawn.
    var alt = chart.dataset.alt;
    if (alt) {
      live.setAttribute("role", "img");
      live.setAttribute("aria-label", alt);
    }
    // The libraries set their own attributes on the element they draw in: a child of its own.
    var target = live.appendChild(document.createElement("div"));
    chart.appendChild(live);
    var drawn;
    try {
      drawn = draw(target, JSON.parse(json.textContent));
    } catch (error) {
      drawn = Promise.reject(error);
    }
    if (!drawn) {
      live.remove();
      return;
    }
    Promise.resolve(drawn).then(
      function () {
        var fallback = chart.querySelector(".nb-chart-fallback");
        if (fallback) fallback.remove();
        chart.classList.add("nb-chart-drawn");
      },
      function (error) {
        live.remove();
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
