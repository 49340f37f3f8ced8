/* Povej! — the quick exit, on every page. Follows the GOV.UK "Exit this page" pattern:
   the button or three presses of Shift blank the page at once and replace it with a neutral site,
   using location.replace so this page does not stay in the back history. */
(function () {
  "use strict";
  var exit = document.querySelector("[data-quick-exit]");
  if (!exit) { return; }
  function leave(event) {
    if (event) { event.preventDefault(); }
    document.title = "";
    document.documentElement.className += " leaving";
    while (document.body.firstChild) { document.body.removeChild(document.body.firstChild); }
    window.location.replace(exit.href);
  }
  exit.addEventListener("click", leave);
  var presses = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat) { return; }
    var now = Date.now();
    presses = presses.filter(function (time) { return now - time < 5000; });
    presses.push(now);
    if (presses.length >= 3) { leave(); }
  });
}());
