/* On a phone the navigation and the page contents open as dialogs over the page; following a link in one
   closes it, so the reader sees where the link leads (the theme leaves the dialog open over the text). */
document.addEventListener("click", function (event) {
  var link = event.target.closest("dialog a[href]");
  var dialog = link && link.closest("dialog");
  if (dialog && dialog.open) {
    dialog.close();
  }
});
