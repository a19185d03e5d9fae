/* Keeps built pages right between builds, by the visitor's clock: moves calendar entries from
   upcoming to ongoing to past, shows what has ended as held (its booking status and calendar links give way),
   hides registration for what has ended, and runs the calendar filters.
   Without JavaScript every page is already a complete list as of its build. */
(function () {
  "use strict";

  var ORDER = { upcoming: 0, ongoing: 1, past: 2 };

  function instant(element, name) {
    var value = Date.parse(element.getAttribute(name) || "");
    return isNaN(value) ? null : value;
  }

  function phaseAt(item, now) {
    var begins = instant(item, "data-lce-begins");
    var ends = instant(item, "data-lce-ends");
    if (begins === null || ends === null) return null;
    if (begins > now) return "upcoming";
    if (ends <= now) return "past";
    return "ongoing";
  }

  function phaseOf(item) {
    var section = item.closest("[data-lce-phase]");
    return section ? section.getAttribute("data-lce-phase") : null;
  }

  /* Adds `moved` entries to a section's list, in its order (ongoing: soonest end first; past: newest end first),
     each parsed once and the list written once: a page built long ago may move hundreds of entries. */
  function addSorted(list, moved, phase) {
    var all = Array.prototype.slice.call(list.querySelectorAll(":scope > .lce-item")).concat(moved);
    var ends = new Map(all.map(function (item) { return [item, instant(item, "data-lce-ends")]; }));
    all.sort(function (a, b) { return phase === "ongoing" ? ends.get(a) - ends.get(b) : ends.get(b) - ends.get(a); });
    list.append.apply(list, all);
  }

  /* A moved entry's title takes the heading level of the entries of the section it joins (the outline stays in order). */
  function fitHeading(item, list) {
    var sectionHeading = list.closest("[data-lce-phase]").querySelector("h1, h2, h3, h4, h5");
    var title = item.querySelector(".lce-item__title");
    if (!sectionHeading || !title) return;
    var level = "H" + (Number(sectionHeading.tagName.charAt(1)) + 1);
    if (title.tagName === level) return;
    var heading = document.createElement(level);
    heading.className = title.className;
    heading.append.apply(heading, Array.prototype.slice.call(title.childNodes));
    title.replaceWith(heading);
  }

  function visible(element) {
    return !element.hidden && !element.classList.contains("lce-filtered-out");
  }

  /* Hide month groups with nothing left in them and tell when a section is empty. */
  function tidy(timeline) {
    timeline.querySelectorAll(".lce-month").forEach(function (month) {
      month.hidden = !Array.prototype.some.call(month.querySelectorAll(".lce-item"), visible);
    });
    timeline.querySelectorAll("[data-lce-phase]").forEach(function (section) {
      var empty = section.querySelector(".lce-phase__empty");
      if (empty) empty.hidden = Array.prototype.some.call(section.querySelectorAll(".lce-item"), visible);
    });
  }

  function refreshTimeline(timeline, now) {
    var moves = { ongoing: [], past: [] };
    timeline.querySelectorAll(".lce-item[data-lce-begins]").forEach(function (item) {
      var shown = phaseOf(item);
      var actual = phaseAt(item, now);
      // Only forward in time: a visitor's clock running behind never undoes the build.
      if (!actual || !shown || ORDER[actual] <= ORDER[shown]) return;
      item.classList.remove("lce-item--" + shown);
      item.classList.add("lce-item--" + actual);
      moves[actual].push(item);
    });
    Object.keys(moves).forEach(function (phase) {
      if (moves[phase].length === 0) return;
      var target = timeline.querySelector('[data-lce-phase="' + phase + '"] .lce-list');
      moves[phase].forEach(function (item) {
        if (target) fitHeading(item, target); else item.hidden = true;
      });
      if (target) addSorted(target, moves[phase], phase);
    });
    tidy(timeline);
  }

  function closeRegistration(now) {
    document.querySelectorAll(".lce-register[data-lce-until]").forEach(function (button) {
      var until = instant(button, "data-lce-until");
      if (until !== null && until <= now) button.hidden = true;
    });
  }

  /* An activity that has ended took place: its list entries and its page's header swap their booking badge for the
     hidden "took place" badge the build left, and the page stops offering to add it to a calendar. */
  function markHeld(now) {
    document.querySelectorAll(".lce-item[data-lce-ends], .lce-activity[data-lce-end]").forEach(function (element) {
      var ends = instant(element, element.classList.contains("lce-item") ? "data-lce-ends" : "data-lce-end");
      var held = element.querySelector(".lce-badge--held[hidden]");
      if (ends === null || ends > now || !held) return;
      held.hidden = false;
      element.querySelectorAll(".lce-badge--live, .lce-add-to-calendar, .lce-session-calendar").forEach(function (part) {
        part.hidden = true;
      });
    });
  }

  function matches(item, selects) {
    return selects.every(function (select) {
      var wanted = select.value;
      if (!wanted) return true;
      var attribute = select.getAttribute("data-lce-filter");
      var value = item.getAttribute("data-lce-" + attribute) || "";
      if (attribute === "sectors") {
        var sectors = value.split(" ");
        return sectors.indexOf(wanted) >= 0 || sectors.indexOf("all") >= 0;
      }
      return value === wanted;
    });
  }

  function setUpFilters(timeline) {
    var form = timeline.querySelector("[data-lce-filters]");
    if (!form) return;
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-lce-filter]"));
    var count = form.querySelector(".lce-filters__count");
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var wanted = params.get(select.name);
      if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) select.value = wanted;
    });

    function apply(remember) {
      var shown = 0;
      timeline.querySelectorAll(".lce-item").forEach(function (item) {
        var keep = matches(item, selects);
        item.classList.toggle("lce-filtered-out", !keep);
        if (keep && !item.hidden) shown += 1;
      });
      tidy(timeline);
      var active = selects.some(function (select) { return select.value; });
      var template = form.getAttribute(shown === 1 ? "data-lce-shown-one" : "data-lce-shown-many");
      count.textContent = active ? template.replace("{count}", String(shown)) : "";
      if (remember) {
        var query = new URLSearchParams();
        selects.forEach(function (select) { if (select.value) query.set(select.name, select.value); });
        var search = query.toString();
        window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
      }
    }

    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
    form.addEventListener("reset", function () { window.setTimeout(function () { apply(true); }, 0); });
    form.hidden = false;
    apply(false);
  }

  function start() {
    var now = Date.now();
    document.querySelectorAll("[data-lce-timeline]").forEach(function (timeline) {
      refreshTimeline(timeline, now);
      setUpFilters(timeline);
    });
    markHeld(now);
    closeRegistration(now);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
