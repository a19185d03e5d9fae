"""The freshness script and the filters in a real browser (Debian's Chromium via Playwright), under a CSP
that only allows scripts from the site itself."""

from __future__ import annotations

import mimetypes
from datetime import datetime
from pathlib import Path

import pytest
from playwright.sync_api import Route, expect

from conftest import FIXTURES, build_site, make_content
from lce_platform.content.moments import STOCKHOLM

ORIGIN = "https://lce.test"
CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'"

pytestmark = [
    pytest.mark.build,
    pytest.mark.browser,
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The spring 2025 fixture built in English on 2025-03-15."""
    content = make_content(tmp_path_factory.mktemp("browser"), base=FIXTURES / "spring-2025" / "content")
    build = build_site(content, "en")
    assert build.returncode == 0, build.output
    return build.site


def open_page(browser, site: Path, url: str, now: str, **context_options):
    """A page of the built site served with a strict CSP, with the visitor's clock at `now` (Stockholm)."""
    context = browser.new_context(**context_options)
    violations: list[str] = []

    def serve(route: Route) -> None:
        path = route.request.url[len(ORIGIN):].split("?")[0].split("#")[0]
        target = site / path.lstrip("/")
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            route.fulfill(status=404, body="")
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=target.read_bytes(), content_type=kind, headers={"Content-Security-Policy": CSP})

    context.route(f"{ORIGIN}/**", serve)
    context.route(lambda url: not url.startswith(ORIGIN), lambda route: route.abort())
    context.clock.install(time=datetime.fromisoformat(now).replace(tzinfo=STOCKHOLM))
    page = context.new_page()
    page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)
    page.goto(f"{ORIGIN}/{url}")
    page.wait_for_load_state("load")
    return page, violations


def phase_titles(page, phase: str) -> list[str]:
    """Titles of the entries a visitor sees in one phase section."""
    return page.locator(f'[data-lce-phase="{phase}"] .lce-item:visible .lce-item__title').all_inner_texts()


def test_entries_move_by_the_visitors_clock(browser, site):
    """Check that a week after the build the 19 and 20 March activities have moved to past and the 28 March
    course to ongoing, with no CSP violation."""
    page, violations = open_page(browser, site, "calendar/", "2025-03-28T12:00:00")
    assert phase_titles(page, "ongoing") == [
        "Data-Driven Methods – Strengthen your Organization", "Peer Learning – AI Tools for Creative Processes"]
    assert phase_titles(page, "upcoming") == ["Making Cultural Impact Measurable"]
    past = phase_titles(page, "past")
    assert past[:2] == ["Widen your Vision, Clarify your Brand",
                        "Disrupt for Success – Brand Development of Cultural Institutions"]
    assert page.locator('.lce-month[data-lce-month="2025-03"]').is_hidden()
    # Moved entries take their new section's heading level, so the outline stays in order (no h2 → h4).
    for phase in ("ongoing", "past"):
        section_level = int(page.locator(f'[data-lce-phase="{phase}"] :is(h2, h3)').first.evaluate("h => h.tagName")[1])
        levels = page.locator(f'[data-lce-phase="{phase}"] .lce-item__title').evaluate_all("hs => hs.map(h => h.tagName)")
        assert set(levels) == {f"H{section_level + 1}"}, phase
    # The theme's own inline snippets are blocked by this CSP (a matter for the quality gates); ours is a file.
    assert not [message for message in violations if "inline" not in message]


def test_on_the_build_day_nothing_moves(browser, site):
    """Check that at noon on the build day the page shows what the build wrote."""
    page, _ = open_page(browser, site, "calendar/", "2025-03-15T12:00:00")
    assert len(phase_titles(page, "upcoming")) == 4
    assert len(phase_titles(page, "ongoing")) == 1


def test_home_page_drops_what_has_ended(browser, site):
    """Check that on the home page an activity that has ended disappears (the home page has no past list)."""
    page, _ = open_page(browser, site, "", "2025-03-21T09:00:00")
    upcoming = phase_titles(page, "upcoming")
    assert "Widen your Vision, Clarify your Brand" not in upcoming
    assert upcoming[0] == "Peer Learning – AI Tools for Creative Processes"


def test_registration_is_hidden_once_the_activity_has_ended(browser, site):
    """Check that the registration button shows before the seminar ends and is hidden after."""
    url = "activities/2025/widen-your-vision-clarify-your-brand/"
    before, _ = open_page(browser, site, url, "2025-03-20T18:59:00")
    assert before.locator(".lce-register a").is_visible()
    after, violations = open_page(browser, site, url, "2025-03-20T19:00:00")
    assert after.locator(".lce-register").is_hidden()
    assert not [message for message in violations if "inline" not in message]


def test_an_activity_shows_it_took_place_once_the_visitors_clock_passes_its_end(browser, site):
    """Check that, built before it, the fully booked class of 19 March shows its booking status and calendar links
    until 16:00 that day, and after it, on its page and in the calendar's list, 'Took place' instead."""
    url = "activities/2025/disrupt-for-success/"
    before, _ = open_page(browser, site, url, "2025-03-19T15:59:00")
    assert before.locator("header .lce-badge:visible").all_inner_texts() == ["FULLY BOOKED"]
    assert before.locator(".lce-add-to-calendar").is_visible()
    after, violations = open_page(browser, site, url, "2025-03-19T16:00:00")
    assert after.locator("header .lce-badge:visible").all_inner_texts() == ["TOOK PLACE"]
    assert after.locator(".lce-add-to-calendar").is_hidden()
    calendar, _ = open_page(browser, site, "calendar/", "2025-03-21T09:00:00")
    item = calendar.locator(".lce-item", has_text="Disrupt for Success")
    assert item.locator(".lce-badge:visible").all_inner_texts() == ["TOOK PLACE"]
    assert not [message for message in violations if "inline" not in message]


def test_filters_work_with_the_keyboard_on_a_phone(browser, site):
    """Check that on a phone-sized screen the filters show, are reached with Tab, change with the arrow keys,
    narrow the list (activities for all sectors stay), announce the count and keep the choice in the URL."""
    page, _ = open_page(browser, site, "calendar/", "2025-03-15T12:00:00",
                        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    sector = page.locator("#lce-filter-sector")
    assert sector.is_visible()
    assert sector.bounding_box()["width"] <= 375
    page.locator("#lce-filter-sector").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert sector.input_value() == "design"
    assert "Disrupt for Success – Brand Development of Cultural Institutions" in phase_titles(page, "upcoming")
    page.select_option("#lce-filter-type", "seminar")
    assert phase_titles(page, "upcoming") == ["Widen your Vision, Clarify your Brand"]
    assert phase_titles(page, "ongoing") == []
    assert page.locator('[data-lce-phase="ongoing"] .lce-phase__empty').is_visible()
    assert "activities shown" in page.locator(".lce-filters__count").inner_text()
    assert "sector=design" in page.url and "type=seminar" in page.url
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "reset"
    page.keyboard.press("Enter")
    expect(page.locator(".lce-filtered-out")).to_have_count(0)
    assert len(phase_titles(page, "upcoming")) == 4


def test_filter_in_the_address_applies_on_arrival(browser, site):
    """Check that a link with ?area=… (as the area pages give to the year archive) opens the list filtered."""
    page, _ = open_page(browser, site, "calendar/2024/?area=outreach-events", "2025-03-15T12:00:00")
    assert page.locator("#lce-filter-area").input_value() == "outreach-events"
    assert set(phase_titles(page, "past")) == {"AI & Creativity", "Futures of Professional Learning"}


def test_filters_show_with_javascript_from_the_start_and_not_without_it(browser, site):
    """Check that the filters are shown by the page itself (showing them later would shift the whole calendar down)
    and that a browser without JavaScript does not show controls that would do nothing."""
    page, _ = open_page(browser, site, "calendar/", "2025-03-15T12:00:00")
    assert page.locator("form[data-lce-filters]").is_visible()
    shifts = page.evaluate("""() => new Promise(resolve => new PerformanceObserver((list, observer) => {
        resolve(list.getEntries().reduce((sum, shift) => sum + shift.value, 0)); observer.disconnect();
    }).observe({type: "layout-shift", buffered: true}) || setTimeout(() => resolve(0), 500))""")
    assert shifts < 0.01
    without, _ = open_page(browser, site, "calendar/", "2025-03-15T12:00:00", java_script_enabled=False)
    assert without.locator("form[data-lce-filters]").is_hidden()
