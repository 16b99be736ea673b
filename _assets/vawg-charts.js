/* Make each chart interactive with the Vega bundle this book serves from its own _static folder.
   Every chart comes in layouts drawn for different widths (wide, narrow); the one drawn is the widest
   that fits the chart's column, and it is redrawn when the column crosses a layout's width (a phone
   turned on its side). Until (or unless) this runs, the page's style shows the static drawing that fits. */
(function () {
  "use strict";

  function layoutFor(container) {
    var specs = Array.prototype.slice.call(container.querySelectorAll("script.vawg-chart__spec"));
    specs.sort(function (a, b) { return Number(b.dataset.width) - Number(a.dataset.width); });
    var width = container.clientWidth;
    for (var i = 0; i < specs.length; i++) {
      if (Number(specs[i].dataset.width) <= width) { return specs[i]; }
    }
    return specs[specs.length - 1];
  }

  function draw(container) {
    var view = container.querySelector(".vawg-chart__view");
    var specNode = layoutFor(container);
    if (!specNode || !view || typeof window.vegaEmbed !== "function") {
      return;
    }
    if (container.dataset.drawnLayout === specNode.dataset.layout) {
      return;
    }
    container.dataset.drawnLayout = specNode.dataset.layout;
    var target = document.createElement("div");
    target.className = "vawg-chart__interactive";
    target.dataset.layout = specNode.dataset.layout;
    window.vegaEmbed(target, JSON.parse(specNode.textContent), { actions: false, renderer: "svg", tooltip: true })
      .then(function () {
        view.replaceChildren(target);
        container.classList.add("vawg-chart--interactive");
      })
      .catch(function (error) {
        console.error("Chart " + container.id + " could not be drawn interactively:", error);
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var charts = document.querySelectorAll(".vawg-chart");
    charts.forEach(draw);
    if (typeof ResizeObserver === "function") {
      var observer = new ResizeObserver(function (entries) {
        entries.forEach(function (entry) { draw(entry.target); });
      });
      charts.forEach(function (chart) { observer.observe(chart); });
    }
  });
})();
