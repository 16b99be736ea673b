/* Small things every page does for a reader. */
(function () {
  "use strict";
  document.documentElement.classList.add("vawg-js");

  // On a phone a table's rows are set as cards (vawg.css): each cell is labelled with its column's words
  // here, rather than in the page, which would repeat every header once a row.
  document.querySelectorAll("table.vawg-table").forEach(function (table) {
    var words = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) { return th.textContent; });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, index) {
        cell.setAttribute("data-label", words[index] || "");
      });
    });
  });

  // A chapter's "How this was counted" note sits open in the margin where the page is wide enough (vawg.css),
  // and closed, a tap away, in the column on a phone.
  var wide = window.matchMedia("(min-width: 1200px)");
  function placeNotes() {
    document.querySelectorAll("details.vawg-counted").forEach(function (note) { note.open = wide.matches; });
  }
  placeNotes();
  wide.addEventListener("change", placeNotes);

  // On a phone the navigation and the page contents open as dialogs over the page; following a link in
  // one closes it, so the reader sees where the link leads (the theme leaves the dialog open).
  document.addEventListener("click", function (event) {
    var link = event.target.closest("dialog a[href]");
    var dialog = link && link.closest("dialog");
    if (dialog && dialog.open) {
      dialog.close();
    }
  });
})();
