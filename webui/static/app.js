// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // "/" focuses the search box, as on many search sites (not while typing in a field).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable)) return;
    var box = document.getElementById("q");
    if (box) { event.preventDefault(); box.focus(); box.select(); }
  });
  // On a phone the filters come before the results: fold them into their one-line summary, unless a
  // field in them needs fixing. Without this script they stay open (and still come first).
  var panel = document.querySelector("details.filters-panel");
  if (panel && window.matchMedia("(max-width: 760px)").matches && !panel.querySelector("[aria-invalid]")) {
    panel.open = false;
  }
  // A timeline wider than the screen opens at its newest bars (it scrolls sideways inside its figure).
  Array.prototype.forEach.call(document.querySelectorAll(".timeline-scroll"), function (box) {
    box.scrollLeft = box.scrollWidth;
  });
})();
