// Click-to-load video: nothing is fetched from the video's host until the visitor presses Play.
// The player markup waits in an inert <template>; this script only moves it into the page.
(function () {
  "use strict";
  function start(figure) {
    var stage = figure.querySelector("[data-lce-player-stage]");
    var button = figure.querySelector("[data-lce-play]");
    var template = figure.querySelector("template[data-lce-player-template]");
    if (!stage || !button || !template) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var player = template.content.cloneNode(true);
      var media = player.querySelector(".lce-player__media");
      stage.replaceChildren(player);
      stage.classList.add("lce-player__stage--playing");
      if (media) {
        media.setAttribute("tabindex", "-1");
        media.focus();
      }
    });
  }
  function init() {
    document.querySelectorAll("[data-lce-player]").forEach(start);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
