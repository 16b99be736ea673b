/* On a source page, highlight the quote a reader arrived at (#quote-f003) and bring it into view.
   Without JavaScript the browser still scrolls to the quote's paragraph. */
(function () {
  "use strict";

  function highlight() {
    var match = /^#quote-(.+)$/.exec(window.location.hash);
    document.querySelectorAll("mark.vawg-quote.is-target").forEach(function (mark) {
      mark.classList.remove("is-target");
    });
    if (!match) {
      return;
    }
    var row = decodeURIComponent(match[1]).toLowerCase();
    var marks = Array.prototype.filter.call(document.querySelectorAll("mark.vawg-quote"), function (mark) {
      return mark.dataset.rows.toLowerCase().split(" ").indexOf(row) >= 0;
    });
    marks.forEach(function (mark) { mark.classList.add("is-target"); });
    if (marks.length) {
      marks[0].scrollIntoView({ block: "center" });
    }
  }

  document.addEventListener("DOMContentLoaded", highlight);
  window.addEventListener("hashchange", highlight);
})();
