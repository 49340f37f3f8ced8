/* Povej! — projector mode: one slide at a time, filling the screen, moved with the buttons, the arrows, Space,
   Page Up/Down or a clicker, with a countdown for the timed steps (P pauses it, R starts it again). Type shrinks
   only as far as a slide needs to fit the screen. Without JavaScript every slide shows, one under the other. */
(function () {
  "use strict";
  var root = document.querySelector(".projector");
  if (!root) { return; }
  var slides = Array.prototype.slice.call(root.querySelectorAll(".slide"));
  var controls = root.querySelector(".projector-controls");
  var position = root.querySelector(".projector-position");
  var pause = root.querySelector("[data-pause]");
  var current = 0, timer = null, left = 0, paused = false;
  document.documentElement.className += " js-projector";
  controls.hidden = false;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function slide() { return slides[current]; }
  function draw() {
    var display = slide().querySelector("[data-timer]");
    if (!display) { return; }
    display.textContent = Math.floor(left / 60) + ":" + pad(left % 60);
    slide().querySelector(".timer-done").hidden = left > 0;
    slide().classList.toggle("time-up", left === 0);
  }
  function tick() {
    left = Math.max(0, left - 1);
    draw();
    if (left === 0) { clearInterval(timer); }
  }
  function run() {
    clearInterval(timer);
    if (!paused && left > 0) { timer = setInterval(tick, 1000); }
    pause.textContent = root.getAttribute(paused ? "data-label-resume" : "data-label-pause");
    pause.setAttribute("aria-pressed", paused ? "true" : "false");
  }
  function restart() {
    left = parseInt(slide().getAttribute("data-seconds"), 10) || 0;
    var timed = left > 0;
    pause.disabled = !timed;
    root.querySelector("[data-restart]").disabled = !timed;
    draw();
    run();
  }
  function fit(section) {
    // The largest type at which the slide fits the screen, from 7 % of its height down to 18 px.
    var size = Math.max(18, Math.round(section.clientHeight * 0.07));
    section.style.fontSize = size + "px";
    while (size > 18 && section.scrollHeight > section.clientHeight + 1) {
      size -= 1;
      section.style.fontSize = size + "px";
    }
  }
  function show(index, moved) {
    var step = slide().getAttribute("data-step");
    current = Math.max(0, Math.min(slides.length - 1, index));
    slides.forEach(function (each, i) { each.hidden = i !== current; });
    fit(slide());
    position.textContent = root.getAttribute("data-label-slide") + " " + (current + 1) + " " +
      root.getAttribute("data-label-of") + " " + slides.length;
    if (moved) {
      window.history.replaceState(null, "", "#slide-" + (current + 1));
      slide().querySelector("h2").focus({ preventScroll: true });
    }
    if (moved && slide().getAttribute("data-step") === step && left > 0) {
      draw();  // the next part of the same step: its countdown goes on
      return;
    }
    paused = false;
    restart();
  }
  function togglePause() { paused = !paused; run(); }
  controls.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) { return; }
    if (button.hasAttribute("data-move")) { show(current + parseInt(button.getAttribute("data-move"), 10), true); }
    else if (button.hasAttribute("data-pause")) { togglePause(); }
    else { paused = false; restart(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (event.target.closest && event.target.closest("button, a, input") && (event.key === " " || event.key === "Enter")) {
      return;  // a focused button or link does what it says
    }
    var next = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1 };
    var key = event.key.toLowerCase();
    if (event.key === "Home") { show(0, true); } else if (event.key === "End") { show(slides.length - 1, true); }
    else if (next[event.key]) { show(current + (event.key === " " && event.shiftKey ? -1 : next[event.key]), true); }
    else if (key === "p") { togglePause(); }
    else if (key === "r") { paused = false; restart(); }
    else { return; }
    event.preventDefault();
  });
  window.addEventListener("resize", function () { fit(slide()); });
  var start = /^#slide-(\d+)$/.exec(window.location.hash);
  show(start ? parseInt(start[1], 10) - 1 : 0, false);
}());
