/* Quick exit, after GOV.UK Frontend's "Exit this page": blank the page, then location.replace (no history entry).
   Shift pressed three times on its own, within 5 seconds, also leaves: a Shift held for a capital letter or for
   Shift+Space does not count, and any other key starts the count again. Three dots show the count, and a status
   line tells a screen reader how many presses are left (made here, so pages without JavaScript carry neither). */
(function () {
  "use strict";
  // A sheet's Print button (hidden without JavaScript, where the browser's own Print is the way).
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  // The language switch keeps the #part the reader followed: parts have the same id in every language.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".languages a");
    if (link && window.location.hash && link.href.indexOf("#") < 0) { link.href += window.location.hash; }
  });
  var exit = document.querySelector("[data-quick-exit]");
  if (!exit) { return; }
  var dots = document.createElement("span"), status = document.createElement("span");
  dots.className = "quick-exit-dots";
  dots.setAttribute("aria-hidden", "true");
  dots.innerHTML = "<span></span><span></span><span></span>";
  exit.appendChild(dots);
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("data-quick-exit-status", "");
  exit.parentNode.insertBefore(status, exit.nextSibling);
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
    for (var i = 0; i < 3; i++) { dots.childNodes[i].className = i < count ? "on" : ""; }
    status.textContent = message;
  }
  function reset() {
    count = 0;
    if (timer) { window.clearTimeout(timer); timer = null; }
    show("");
  }
  exit.addEventListener("click", leave);
  document.addEventListener("keyup", function (event) {
    if (event.key === "Shift" && !lastKeyWasModified) {
      count += 1;
      if (count >= 3) { reset(); leave(); return; }
      show(exit.getAttribute(count === 1 ? "data-two" : "data-one"));
      if (timer) { window.clearTimeout(timer); }
      timer = window.setTimeout(reset, 5000);
    } else if (count) {
      reset();
    }
    lastKeyWasModified = event.shiftKey;
  }, true);
}());
