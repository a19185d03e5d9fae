"""Accessibility gate: axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on any page type, in both languages,
at phone and desktop widths; the language switcher, filters and video placeholder work from the keyboard; and what
Tab and Shift+Tab focus is always in view (WCAG 2.4.7)."""

from __future__ import annotations

import pytest

from quality.built_site import PAGE_TYPES, WIDTHS, example_pages, no_example, page_urls
from quality.gate_fixtures import SETTLED, Visit
from quality.page_tour import AXE, NOT_FOUND, SEARCH, axe_violations, checker_scripts
from lce_platform.content.model import LANGUAGES


def _axe_tab(open_tab, width: int) -> Visit:
    return open_tab(width=width, init_scripts=checker_scripts(AXE))


@pytest.mark.parametrize("width_name", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_and_shape_has_no_wcag_violations(page_tour, language, width_name):
    """Check that axe finds no WCAG A/AA violation on one page of each type (an activity in each status, a
    recording, …) and of every other URL shape of the site, per language and width."""
    tour = page_tour(language, width_name)
    found = {f"/{tour.pages[label]} ({label})": violations for label, violations in tour.axe.items()
             if label not in (NOT_FOUND, SEARCH)}
    assert len(found) >= len(PAGE_TYPES)
    assert {page: violations for page, violations in found.items() if violations} == {}, \
        f"{language} at {WIDTHS[width_name]}px"


@pytest.mark.parametrize("width_name", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_search_with_results_has_no_wcag_violations(page_tour, language, width_name):
    """Check that axe finds no WCAG A/AA violation while Material's search shows results."""
    tour = page_tour(language, width_name)
    assert tour.search_results > 0
    assert tour.axe[SEARCH] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_open_drawer_has_no_wcag_violations(served_site, open_tab, language):
    """Check that axe finds no WCAG A/AA violation with the drawer open at phone width: closed, it is hidden, so the
    page checks above do not see the navigation's sections and table of contents as the drawer lists them."""
    visit = _axe_tab(open_tab, WIDTHS["phone"])
    visit.open(served_site.url(language, ""))
    visit.page.locator("button.lce-drawer-button").click()
    assert visit.page.locator(".md-sidebar--primary a[href]").first.is_visible()
    assert axe_violations(visit) == []


@pytest.mark.parametrize("width_name", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_not_found_page_has_no_wcag_violations(page_tour, language, width_name):
    """Check that axe finds no WCAG A/AA violation on the 404 page shown for a missing address."""
    tour = page_tour(language, width_name)
    assert tour.not_found_status == 404
    assert tour.axe[NOT_FOUND] == []


def _tab_until(visit: Visit, condition: str, presses: int = 80) -> bool:
    """Press Tab until the focused element satisfies a JavaScript condition on `element`."""
    for _ in range(presses):
        visit.page.keyboard.press("Tab")
        if visit.page.evaluate(f"(element => Boolean({condition}))(document.activeElement)"):
            return True
    return False


@pytest.mark.parametrize("width_name", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_language_switcher_works_from_the_keyboard(served_site, open_tab, language, width_name):
    """Check that Tab reaches the language menu, shows the other language's link and Enter opens that page."""
    other = next(code for code in LANGUAGES if code != language)
    url = "staff/" if "staff/" in page_urls(served_site.root, language) else ""
    visit = open_tab(width=WIDTHS[width_name])
    visit.open(served_site.url(language, url))
    assert _tab_until(visit, "element.closest('.md-select')"), "Tab never reaches the language menu"
    assert _tab_until(visit, f"element.matches('a.md-select__link[hreflang={other}]')", presses=4), \
        "Tab does not move into the language menu"
    assert visit.page.locator(f"a.md-select__link[hreflang={other}]").is_visible(), "the focused link is hidden"
    visit.page.keyboard.press("Enter")
    visit.page.wait_for_url(served_site.url(other, url))
    assert visit.page.locator("html").get_attribute("lang") == other


FOCUS_WALK_PRESSES = 16
"""Presses each way: through the header and the search box forward, and up from the footer back."""


@pytest.mark.parametrize("width_name", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_what_tab_and_shift_tab_focus_is_in_view(served_site, open_tab, language, width_name):
    """Check on one page of each type that every element Tab and Shift+Tab focus from the top of the page is on
    screen and not covered: not in a closed drawer or search box, not under the header, the open search or the
    back-to-top button."""
    visit = open_tab(width=WIDTHS[width_name], init_scripts=(SETTLED,))
    hidden: dict[str, list[str]] = {}
    for page_type in PAGE_TYPES:
        url = page_type.find(served_site.root, language)
        if url is None:
            continue
        for key in ("Tab", "Shift+Tab"):
            visit.open(served_site.url(language, url), until_network_idle=False)
            for _ in range(FOCUS_WALK_PRESSES):
                visit.page.keyboard.press(key)
                focused = visit.focused()
                if not focused["body"] and not focused["shows"]:
                    hidden.setdefault(f"/{url} ({key})", []).append(focused["html"])
    assert hidden == {}, f"focus out of view at {WIDTHS[width_name]}px"


CONTENT_CONTROLS = "article input, article select, article textarea, article button"


@pytest.mark.parametrize("language", LANGUAGES)
def test_filter_and_player_controls_are_reached_with_tab(served_site, open_tab, language):
    """Check that Tab reaches every visible control inside page content (filters, video placeholder)."""
    visit = open_tab(width=WIDTHS["desktop"])
    checked = 0
    for url in example_pages(served_site.root, language).values():
        visit.open(served_site.url(language, url), until_network_idle=False)
        controls = visit.page.locator(CONTENT_CONTROLS)
        visible = [index for index in range(controls.count()) if controls.nth(index).is_visible()]
        if not visible:
            continue
        checked += 1
        visit.page.evaluate("document.activeElement && document.activeElement.blur()")
        visit.page.evaluate("window.__reached = new Set(); document.addEventListener('focusin', e => window.__reached.add(e.target))")
        unreached = None
        for presses in range(1, 301):
            visit.page.keyboard.press("Tab")
            if presses % 10 == 0 or presses == 300:
                unreached = visit.page.evaluate(
                    """selector => [...document.querySelectorAll(selector)]
                         .filter(element => element.checkVisibility() && !window.__reached.has(element))
                         .map(element => element.outerHTML.slice(0, 120))""", CONTENT_CONTROLS)
                if not unreached:
                    break
        assert unreached == [], f"/{url}: Tab never reaches these controls"
    if not checked:
        no_example("filter or video-placeholder controls in page content")


@pytest.mark.parametrize("language", LANGUAGES)
def test_video_placeholder_plays_from_the_keyboard(served_site, open_tab, language):
    """Check that the recording's click-to-load placeholder is a button that Enter turns into the player."""
    recordings = [url for url in page_urls(served_site.root, language) if url.startswith("resources/recording/")]
    if not recordings:
        no_example("recording page (resources/recording/…)")
    visit = open_tab(width=WIDTHS["desktop"])
    visit.open(served_site.url(language, recordings[0]))
    button = visit.page.locator("article button")
    if button.count() == 0:
        no_example("video placeholder button on its recording page")
    assert _tab_until(visit, "element.matches('article button')", presses=150), "Tab never reaches the placeholder"
    visit.page.keyboard.press("Enter")
    visit.page.locator("article iframe, article video").first.wait_for(state="attached", timeout=5_000)
