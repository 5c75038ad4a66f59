/// `film.js`: the step scrubber of every training film on a page, in plain JavaScript (no external
/// scripts, works from `file://`). Without scripts the animated PNG plays by itself; with them, the
/// controls appear, the image shows one frame (a standalone PNG of the film) at a time, the slider
/// (arrow keys, Home, End, since it is a native range input) picks any frame and the label gives its
/// step and loss; Play advances every 250 ms and loops, Pause stops.
enum FilmScript {
  static let javascript = #"""
"use strict";
(function () {
  function setUp(figure) {
    var image = figure.querySelector(".film-image");
    var controls = figure.querySelector(".film-controls");
    var button = figure.querySelector(".film-play");
    var slider = figure.querySelector(".film-slider");
    var label = figure.querySelector(".film-label");
    var items = figure.querySelectorAll(".film-frames li");
    if (!image || !controls || !button || !slider || !label || items.length === 0) return;
    var frames = [];
    for (var i = 0; i < items.length; i++) {
      frames.push({ src: items[i].getAttribute("data-src"), label: items[i].textContent });
    }
    var timer = null;
    function show(index) {
      var k = Math.max(0, Math.min(frames.length - 1, index));
      slider.value = String(k);
      image.src = frames[k].src;
      label.textContent = frames[k].label;
      figure.setAttribute("data-frame", String(k));
    }
    function pause() {
      if (timer !== null) { clearInterval(timer); timer = null; }
      button.textContent = "Play";
      button.setAttribute("aria-pressed", "false");
    }
    function play() {
      if (timer !== null) return;
      if (Number(slider.value) >= frames.length - 1) show(0);
      button.textContent = "Pause";
      button.setAttribute("aria-pressed", "true");
      timer = setInterval(function () {
        var next = Number(slider.value) + 1;
        show(next >= frames.length ? 0 : next);
      }, 250);
    }
    button.addEventListener("click", function () { if (timer === null) play(); else pause(); });
    slider.addEventListener("input", function () { pause(); show(Number(slider.value)); });
    controls.hidden = false;
    show(0);
  }
  function start() {
    var films = document.querySelectorAll("figure.film");
    for (var i = 0; i < films.length; i++) setUp(films[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
"""#
}
