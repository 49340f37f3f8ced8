/* Povej! — projector mode: one slide at a time, moved with arrows, Space, Page Up/Down or a clicker,
   with a countdown for the timed steps. Without JavaScript every slide shows, one under the other. */
(function () {
  "use strict";
  var root = document.querySelector(".projector");
  if (!root) { return; }
  var slides = Array.prototype.slice.call(root.querySelectorAll(".slide"));
  var position = root.querySelector(".projector-position");
  var current = 0, timer = null;
  document.documentElement.className += " js-projector";

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function startTimer(slide) {
    clearInterval(timer);
    var display = slide.querySelector("[data-timer]");
    if (!display) { return; }
    var left = parseInt(slide.getAttribute("data-minutes"), 10) * 60;
    display.textContent = Math.floor(left / 60) + ":" + pad(left % 60);
    display.classList.remove("done");
    timer = setInterval(function () {
      left = Math.max(0, left - 1);
      display.textContent = Math.floor(left / 60) + ":" + pad(left % 60);
      if (left === 0) { display.classList.add("done"); clearInterval(timer); }
    }, 1000);
  }
  function show(index) {
    current = Math.max(0, Math.min(slides.length - 1, index));
    slides.forEach(function (slide, i) { slide.hidden = i !== current; });
    position.textContent = root.getAttribute("data-label-slide") + " " + (current + 1) + " " +
      root.getAttribute("data-label-of") + " " + slides.length;
    if (window.location.hash !== "#slide-" + (current + 1)) {
      window.history.replaceState(null, "", "#slide-" + (current + 1));
    }
    startTimer(slides[current]);
    window.scrollTo(0, 0);
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var next = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1 };
    if (event.key === "Home") { show(0); } else if (event.key === "End") { show(slides.length - 1); }
    else if (next[event.key]) { show(current + (event.key === " " && event.shiftKey ? -1 : next[event.key])); }
    else { return; }
    event.preventDefault();
  });
  var start = /^#slide-(\d+)$/.exec(window.location.hash);
  show(start ? parseInt(start[1], 10) - 1 : 0);
}());
