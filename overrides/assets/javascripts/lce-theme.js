// The behaviours of Material's theme that this site's pages use, in place of Material's JavaScript bundle: the
// bundle was 35 KB (gzip) of a first visit's 76 and mostly served features the site does not have (instant
// loading, code copying, annotations, its own search, palettes, versions). Search is search.js.
(function () {
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  var header = document.querySelector("[data-md-component=header]");
  function headerHeight() {
    return header ? header.offsetHeight : 0;
  }

  // A table written in Markdown scrolls sideways inside Material's wrapper, as the bundle made it; the build's
  // own tables come wrapped.
  document.querySelectorAll(".md-content table:not([class])").forEach(function (table) {
    if (table.parentElement.classList.contains("md-typeset__table")) return;
    var scrollwrap = document.createElement("div");
    var wrapper = document.createElement("div");
    scrollwrap.className = "md-typeset__scrollwrap";
    wrapper.className = "md-typeset__table";
    table.replaceWith(scrollwrap);
    scrollwrap.append(wrapper);
    wrapper.append(table);
  });

  // A table's wrapper or a code block that scrolls sideways is reachable with the keyboard (WCAG 2.1.1) and named,
  // only while it actually scrolls.
  var scrollLabels = root.lang === "sv"
    ? { table: "Tabell som rullar i sidled", code: "Kod som rullar i sidled" }
    : { table: "Table that scrolls sideways", code: "Code that scrolls sideways" };
  function updateScrollRegions() {
    document.querySelectorAll(".md-typeset__scrollwrap, .md-content pre > code").forEach(function (region) {
      if (region.scrollWidth > region.clientWidth) {
        region.setAttribute("tabindex", "0");
        region.setAttribute("role", "region");
        region.setAttribute("aria-label", region.tagName === "CODE" ? scrollLabels.code : scrollLabels.table);
      } else {
        region.removeAttribute("tabindex");
        region.removeAttribute("role");
        region.removeAttribute("aria-label");
      }
    });
  }
  window.addEventListener("load", updateScrollRegions);
  window.addEventListener("resize", updateScrollRegions);

  // Material's drawer and search are checkboxes whose state the CSS reads; a change event tells the scripts.
  function setToggle(toggle, open) {
    if (!toggle || toggle.checked === open) return;
    toggle.checked = open;
    toggle.dispatchEvent(new Event("change"));
  }

  // Following a link to a place on the page closes the drawer and the search, which would cover it.
  window.addEventListener("hashchange", function () {
    ["__drawer", "__search"].forEach(function (id) {
      setToggle(document.getElementById(id), false);
    });
  });

  // The drawer opens from a button (Material's label for the toggle cannot be focused). Opening it moves focus to
  // its first link; Escape closes it and returns to the button; so does focus leaving it, so that focus is never
  // on something the open drawer covers.
  var drawer = document.getElementById("__drawer");
  var drawerButton = document.querySelector(".lce-drawer-button");
  var drawerPanel = document.querySelector(".md-sidebar--primary");
  if (drawer && drawerButton && drawerPanel) {
    drawer.addEventListener("change", function () {
      drawerButton.setAttribute("aria-expanded", String(drawer.checked));
    });
    drawerButton.addEventListener("click", function () {
      setToggle(drawer, !drawer.checked);
      var first = drawer.checked && drawerPanel.querySelector("a[href]");
      if (first) first.focus();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !drawer.checked) return;
      setToggle(drawer, false);
      drawerButton.focus();
    });
    drawerPanel.addEventListener("focusout", function (event) {
      if (drawer.checked && event.relatedTarget && !drawerPanel.contains(event.relatedTarget)) setToggle(drawer, false);
    });
  }

  // Once the page's heading has scrolled under the header, the header shows the page's title.
  var title = document.querySelector("[data-md-component=header-title]");
  var heading = document.querySelector(".md-content h1");

  // The table of contents marks the section being read and those above it.
  var tocLinks = Array.prototype.slice.call(document.querySelectorAll(".md-nav--secondary a.md-nav__link[href^='#']"));
  var tocTargets = tocLinks.map(function (link) {
    return document.getElementById(decodeURIComponent(link.hash.slice(1)));
  });

  // The back-to-top button shows while the visitor scrolls up, past the top of the page.
  var top = document.querySelector("[data-md-component=top]");
  var lastY = window.scrollY;
  var topHidden = null;  // Material's CSS shows a hidden button, transparent: it must also leave the Tab order
  // A scroll just after focus moved is the browser bringing the focused element into view (Shift+Tab scrolls up):
  // the button must not then appear over it.
  var focusMovedAt = -Infinity;
  document.addEventListener("focusin", function (event) {
    if (event.target !== top) focusMovedAt = performance.now();
  });
  if (top) {
    top.addEventListener("click", function (event) {
      event.preventDefault();
      window.scrollTo({ top: 0 });
    });
  }

  function update() {
    var offset = headerHeight();
    var y = window.scrollY;
    if (title && heading) {
      title.classList.toggle("md-header__title--active", heading.getBoundingClientRect().bottom <= offset);
    }
    // As Material counts it: a heading is passed once it is under the header and most of the main area's top
    // padding; at the end of the page, all are.
    var main = document.querySelector(".md-main");
    var grid = main && main.firstElementChild;
    var passedAt = offset + (grid ? 0.8 * (grid.offsetTop - main.offsetTop) : 0);
    var atEnd = y + window.innerHeight >= Math.floor(document.body.offsetHeight);
    var current = null;
    tocTargets.forEach(function (target) {
      if (target && (atEnd || target.getBoundingClientRect().top < passedAt)) current = target;
    });
    // The page's table of contents may be listed twice (in the sidebar, and in the navigation where the page is);
    // in each, the current section's link and those of the sections holding it are active.
    var active = [];
    tocLinks.forEach(function (link, index) {
      if (tocTargets[index] !== current) return;
      var item = link.closest("li");
      for (; item && item.closest(".md-nav--secondary"); item = item.parentElement.closest("li")) {
        active.push(item.querySelector("a.md-nav__link"));
      }
    });
    tocLinks.forEach(function (link, index) {
      var target = tocTargets[index];
      var above = Boolean(current && target && target !== current &&
                          target.compareDocumentPosition(current) & Node.DOCUMENT_POSITION_FOLLOWING);
      link.classList.toggle("md-nav__link--active", active.indexOf(link) >= 0);
      link.classList.toggle("md-nav__link--passed", above && active.indexOf(link) < 0);
    });
    if (top) {
      var hidden = !(y < lastY && y > 0) || performance.now() - focusMovedAt < 500;
      if (hidden !== topHidden) {
        topHidden = hidden;
        top.hidden = hidden;
        top.style.top = offset + 16 + "px";
        if (hidden) {
          top.setAttribute("tabindex", "-1");
          top.blur();
        } else {
          top.removeAttribute("tabindex");
        }
      }
    }
    lastY = y;
  }

  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () {
      pending = false;
      update();
    });
  }
  window.addEventListener("scroll", schedule, { passive: true });
  window.addEventListener("resize", schedule, { passive: true });
  update();
})();
