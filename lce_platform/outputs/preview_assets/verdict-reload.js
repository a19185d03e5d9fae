// The preview's error page: ask the server every second whether a build has finished since; reload when one has.
(function () {
  "use strict";
  var script = document.currentScript;
  var shown = script.dataset.version;
  var url = script.dataset.verdictUrl;
  function ask() {
    fetch(url, { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (verdict) {
        if (String(verdict.version) !== shown) {
          window.location.reload();
        } else {
          window.setTimeout(ask, 1000);
        }
      })
      .catch(function () { window.setTimeout(ask, 2000); });
  }
  window.setTimeout(ask, 1000);
})();
