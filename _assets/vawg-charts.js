/* Make each chart interactive with the Vega bundle this book serves from its own _static folder.
   Until (or unless) this runs, the chart's static SVG drawing is shown. */
(function () {
  "use strict";

  function draw(container) {
    var specNode = container.querySelector("script.vawg-chart__spec");
    var view = container.querySelector(".vawg-chart__view");
    if (!specNode || !view || typeof window.vegaEmbed !== "function") {
      return;
    }
    var target = document.createElement("div");
    target.className = "vawg-chart__interactive";
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
    document.querySelectorAll(".vawg-chart").forEach(draw);
  });
})();
