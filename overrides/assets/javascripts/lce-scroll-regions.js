// A table wider than the screen scrolls sideways in Material's wrapper; make that wrapper reachable with the
// keyboard (WCAG 2.1.1) and name it, as Material does for code blocks, only while it actually scrolls.
(function () {
  var label = document.documentElement.lang === "sv" ? "Tabell som rullar i sidled" : "Table that scrolls sideways";
  function update() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrapper) {
      if (wrapper.scrollWidth > wrapper.clientWidth) {
        wrapper.setAttribute("tabindex", "0");
        wrapper.setAttribute("role", "region");
        wrapper.setAttribute("aria-label", label);
      } else {
        wrapper.removeAttribute("tabindex");
        wrapper.removeAttribute("role");
        wrapper.removeAttribute("aria-label");
      }
    });
  }
  if (window.document$) {
    window.document$.subscribe(function () { setTimeout(update, 0); });
  } else {
    window.addEventListener("load", update);
  }
  window.addEventListener("resize", update);
})();
