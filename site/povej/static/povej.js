/* Quick exit, after GOV.UK "Exit this page": blank the page, then location.replace (no history entry). */
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
