/* Quick exit, after GOV.UK Frontend's "Exit this page": blank the page, then location.replace (no history entry).
   Shift pressed three times on its own, within 5 seconds, also leaves: a Shift held for a capital letter or for
   Shift+Space does not count, and any other key starts the count again. */
(function () {
  "use strict";
  var exit = document.querySelector("[data-quick-exit]");
  if (!exit) { return; }
  var status = document.querySelector("[data-quick-exit-status]");
  var dots = exit.querySelectorAll(".quick-exit-dots span");
  var count = 0, timer = null, lastKeyWasModified = false;
  function leave(event) {
    if (event) { event.preventDefault(); }
    document.title = "";
    document.documentElement.className += " leaving";
    while (document.body.firstChild) { document.body.removeChild(document.body.firstChild); }
    // Offline, the neutral site cannot load: the blanked page is replaced by the browser's error page all the same.
    window.location.replace(exit.href);
  }
  function show(message) {
    for (var i = 0; i < dots.length; i++) { dots[i].className = i < count ? "on" : ""; }
    if (status) { status.textContent = message; }
  }
  function reset(message) {
    count = 0;
    if (timer) { window.clearTimeout(timer); timer = null; }
    show(message || "");
  }
  exit.addEventListener("click", leave);
  document.addEventListener("keyup", function (event) {
    if (event.key === "Shift" && !lastKeyWasModified) {
      count += 1;
      if (count >= 3) { reset(exit.getAttribute("data-leaving")); leave(); return; }
      show(exit.getAttribute(count === 1 ? "data-two-more" : "data-one-more"));
      if (timer) { window.clearTimeout(timer); }
      timer = window.setTimeout(function () { reset(exit.getAttribute("data-expired")); }, 5000);
    } else if (count) {
      reset();
    }
    lastKeyWasModified = event.shiftKey;
  }, true);
}());
