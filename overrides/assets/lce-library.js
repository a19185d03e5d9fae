// Filter of the resource library by sector and year. Without this script the page lists everything,
// grouped by year, and the form stays hidden.
(function () {
  "use strict";
  function setUp(form) {
    var items = Array.prototype.slice.call(document.querySelectorAll(".lce-resource[data-lce-year]"));
    var years = Array.prototype.slice.call(document.querySelectorAll("section.lce-year[data-lce-year]"));
    var status = form.querySelector("[data-lce-filter-status]");
    var sector = form.elements.namedItem("sector");
    var year = form.elements.namedItem("year");
    var params = new URLSearchParams(window.location.search);

    function choose(select, value) {
      if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        select.value = value;
      }
    }
    function apply(remember) {
      var shown = 0;
      items.forEach(function (item) {
        var sectors = (item.getAttribute("data-lce-sectors") || "").split(" ");
        var visible = (!sector.value || sectors.indexOf(sector.value) >= 0 || sectors.indexOf("all") >= 0) &&
                      (!year.value || item.getAttribute("data-lce-year") === year.value);
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      years.forEach(function (section) {
        section.hidden = !section.querySelector(".lce-resource:not([hidden])");
      });
      status.textContent = form.getAttribute("data-lce-shown")
        .replace("{shown}", String(shown)).replace("{total}", String(items.length));
      if (remember) {
        var query = new URLSearchParams();
        if (sector.value) query.set("sector", sector.value);
        if (year.value) query.set("year", year.value);
        var search = query.toString();
        window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
      }
    }
    choose(sector, params.get("sector"));
    choose(year, params.get("year"));
    form.hidden = false;
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
    apply(false);
  }
  function init() {
    document.querySelectorAll("form[data-lce-filter]").forEach(setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
