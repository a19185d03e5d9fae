"""The theme's behaviours in a real browser (Debian's Chromium), which the site's own script gives in place of
Material's JavaScript bundle (overrides/assets/javascripts/lce-theme.js): tables and code blocks that scroll
sideways, the table of contents and the header following the reading, the back-to-top button, the drawer opened
from a button and closed by Escape, by focus leaving it or by a link within the page."""

from __future__ import annotations

import pytest

from quality.built_site import html_files, no_example, page_html, page_tree, page_urls
from lce_platform.content.model import LANGUAGES

pytestmark = [
    pytest.mark.build,
    pytest.mark.browser,
]

TOC_LINKS = ".md-nav--secondary a.md-nav__link[href^='#']"
NEXT_FRAME = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
DRAWER_BUTTON = "button.lce-drawer-button"


def test_no_page_loads_materials_bundle_and_every_page_loads_the_theme_script(served_site):
    """Check that no built page links Material's bundle (nor is it copied) and that every page with Material's
    header loads the site's theme script."""
    assert not list(served_site.root.glob("**/assets/javascripts/bundle.*")), "Material's bundle is copied unused"
    pages = 0
    for path in html_files(served_site.root):
        page = page_tree(path.read_text(encoding="utf-8"))
        if not page.xpath("//*[@data-md-component='header']"):
            continue
        pages += 1
        scripts = page.xpath("//script/@src")
        assert not [src for src in scripts if "/bundle." in src], path
        assert [src for src in scripts if src.endswith("assets/javascripts/lce-theme.js")], path
    assert pages > 50


def _pages_with(root, language: str, selector: str, at_least: int = 1) -> list[str]:
    """The URLs of one language's pages whose built HTML has at least so many elements matching a CSS selector."""
    return [url for url in page_urls(root, language)
            if len(page_tree(page_html(root, language, url)).cssselect(selector)) >= at_least]


TABLES_MEASURED = """() => [...document.querySelectorAll('.md-content table')].map(table => {
    const wrapper = table.closest('.md-typeset__scrollwrap');
    return {wrapped: table.parentElement.matches('.md-typeset__table') && wrapper !== null,
            nested: wrapper !== null && wrapper.parentElement.closest('.md-typeset__scrollwrap') !== null,
            scrolls: wrapper !== null && wrapper.scrollWidth > wrapper.clientWidth,
            tabindex: wrapper && wrapper.getAttribute('tabindex'), role: wrapper && wrapper.getAttribute('role'),
            label: wrapper && wrapper.getAttribute('aria-label')};
})"""
CODE_BLOCKS_MEASURED = """() => [...document.querySelectorAll('.md-content pre > code')].map(code => ({
    scrolls: code.scrollWidth > code.clientWidth, tabindex: code.getAttribute('tabindex'),
    role: code.getAttribute('role'), label: code.getAttribute('aria-label')}))"""


def _measured_at_reflow_width(served_site, open_tab, language: str, selector: str, what: str, script: str):
    """For each page of one language with an element matching `selector` (none: `what` has no example), its URL and
    what `script` measures on it at 320 px, WCAG's reflow width."""
    urls = _pages_with(served_site.root, language, selector)
    if not urls:
        no_example(what)
    visit = open_tab(width=320)
    for url in urls:
        visit.open(served_site.url(language, url), until_network_idle=False)
        yield url, visit.page.evaluate(script)


def _check_scroll_regions(regions: list[dict], url: str) -> int:
    """Assert that each region (a table's wrapper or a code block, as measured in the page) that scrolls sideways can
    be focused and is a named region, and one that fits cannot; how many scroll."""
    scrolling = 0
    for region in regions:
        if region["scrolls"]:
            scrolling += 1
            assert (region["tabindex"], region["role"]) == ("0", "region") and region["label"], f"/{url}: {region}"
        else:
            assert region["tabindex"] is None and region["role"] is None, f"/{url}: {region}"
    return scrolling


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_markdown_table_scrolls_sideways_in_one_wrapper_the_keyboard_reaches(served_site, open_tab, language):
    """Check, at 320 px (WCAG's reflow width), that every table sits in exactly one scrolling wrapper, and that a
    wrapper whose table is wider than the screen can be focused and is named as a region, and one that fits cannot."""
    scrolling = 0
    for url, tables in _measured_at_reflow_width(served_site, open_tab, language, "table:not([class])",
                                                 "Markdown table", TABLES_MEASURED):
        for table in tables:
            assert table["wrapped"] and not table["nested"], f"/{url}: {table}"
        scrolling += _check_scroll_regions(tables, url)
    assert scrolling, "no table is wider than 320 px: the keyboard check checked nothing"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_code_block_wider_than_the_screen_is_reached_by_the_keyboard(served_site, open_tab, language):
    """Check, at 320 px, that a code block wider than the screen can be focused and is named as a region, and one
    that fits cannot."""
    scrolling = 0
    for url, blocks in _measured_at_reflow_width(served_site, open_tab, language, "pre > code", "code block",
                                                 CODE_BLOCKS_MEASURED):
        scrolling += _check_scroll_regions(blocks, url)
    assert scrolling, "no code block is wider than 320 px: the keyboard check checked nothing"


def _scroll_to(visit, y: int) -> None:
    visit.page.evaluate(f"window.scrollTo(0, {y})")
    visit.page.evaluate(NEXT_FRAME)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_table_of_contents_and_the_header_follow_the_reading(served_site, open_tab, language):
    """Check on a page with a table of contents that, with a heading just under the header, its link is marked
    active and the links above it passed, the header shows the page's title, and back at the top nothing is."""
    candidates = _pages_with(served_site.root, language, TOC_LINKS, at_least=3)
    if not candidates:
        no_example("page with three sections in its table of contents")
    visit = open_tab(width=1280)
    # A page long enough to bring its third section under the header before its end (where all count as passed).
    for url in candidates:
        visit.open(served_site.url(language, url), until_network_idle=False)
        third = visit.page.locator(TOC_LINKS).nth(2).get_attribute("href")[1:]
        third_y = visit.page.evaluate(f"""() => document.getElementById({third!r}).getBoundingClientRect().top + scrollY
            - document.querySelector('[data-md-component=header]').offsetHeight""")
        if visit.page.evaluate("document.body.scrollHeight - innerHeight") > third_y + 100:
            break
    else:
        no_example("page long enough to scroll its third section under the header")
    links = visit.page.locator(TOC_LINKS)
    marks = "links => links.map(link => link.classList.contains('md-nav__link--active') ? 'active' : " \
            "link.classList.contains('md-nav__link--passed') ? 'passed' : '')"
    title = visit.page.locator("[data-md-component=header-title]")
    assert set(links.evaluate_all(marks)) == {""}
    assert "md-header__title--active" not in (title.get_attribute("class") or "")

    _scroll_to(visit, int(third_y))
    assert links.evaluate_all(marks)[:3] == ["passed", "passed", "active"]
    assert "md-header__title--active" in title.get_attribute("class")

    _scroll_to(visit, 0)
    assert set(links.evaluate_all(marks)) == {""}
    assert "md-header__title--active" not in title.get_attribute("class")


def test_back_to_top_shows_while_scrolling_up_and_returns_to_the_top(served_site, open_tab):
    """Check on a long page at phone width that the back-to-top button is hidden (and out of the Tab order) at the
    top and while scrolling down, shows while scrolling up, and takes the visitor back to the top."""
    visit = open_tab(width=390)
    visit.open(served_site.url("sv", "calendar/"), until_network_idle=False)
    button = visit.page.locator("[data-md-component=top]")
    # Material hides the button with the hidden attribute, shown as a transparent button that takes no clicks.
    shown = "button => !button.hidden && getComputedStyle(button).pointerEvents !== 'none'"
    assert visit.page.evaluate("document.body.scrollHeight - innerHeight") > 1500, "the calendar is too short"
    assert not button.evaluate(shown)
    _scroll_to(visit, 1200)
    assert not button.evaluate(shown) and button.get_attribute("tabindex") == "-1"
    _scroll_to(visit, 800)
    assert button.evaluate(shown) and button.get_attribute("tabindex") is None
    button.click()
    visit.page.wait_for_function("scrollY === 0")
    visit.page.evaluate(NEXT_FRAME)
    assert not button.evaluate(shown)


def test_a_link_within_the_page_closes_the_drawer(served_site, open_tab):
    """Check at phone width that the drawer opened by the header's menu button closes when a link leads to a place
    on the same page, which it would otherwise cover."""
    visit = open_tab(width=390)
    visit.open(served_site.url("sv", "about/accessibility/"), until_network_idle=False)
    visit.page.locator(DRAWER_BUTTON).click()
    assert visit.page.locator("#__drawer").is_checked()
    anchor = visit.page.evaluate("document.querySelector('.md-content h2[id]').id")
    visit.page.evaluate(f"location.hash = {anchor!r}")
    visit.page.wait_for_function("!document.getElementById('__drawer').checked")
    assert visit.console_errors == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_drawer_opens_from_a_button_and_every_link_in_it_is_reached_in_view(served_site, open_tab, language):
    """Check at phone width that the closed drawer is out of the Tab order, that Tab reaches the menu button (a
    button, with its state), that it opens the drawer on its first link, that Tab then shows every navigation link in
    view, that Tab out of the drawer closes it, and that Escape closes it and returns to the button."""
    visit = open_tab(width=390)
    visit.open(served_site.url(language, ""), until_network_idle=False)
    button = visit.page.locator(DRAWER_BUTTON)
    assert button.is_visible() and not visit.page.locator(".lce-drawer-label").is_visible()
    assert button.get_attribute("aria-label") and button.get_attribute("aria-expanded") == "false"

    # Closed, the drawer's links are skipped: Tab goes from the menu button to the header and then the page.
    visit.page.keyboard.press("Tab")
    visit.page.keyboard.press("Tab")
    assert visit.page.evaluate("document.activeElement.matches('button.lce-drawer-button')")
    for _ in range(25):
        visit.page.keyboard.press("Tab")
        assert not visit.focused()["inDrawer"]

    button.focus()
    visit.page.keyboard.press("Enter")
    assert visit.page.locator("#__drawer").is_checked() and button.get_attribute("aria-expanded") == "true"
    links = visit.page.locator(".md-sidebar--primary a[href]").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))")
    assert len(links) > 8
    reached = []
    focused = visit.focused()
    while focused["inDrawer"]:
        assert focused["shows"], f"focus on {focused['name']!r} in the open drawer is not in view"
        reached.append(focused["href"])
        visit.page.keyboard.press("Tab")
        focused = visit.focused()
    assert reached == links
    assert not visit.page.locator("#__drawer").is_checked() and button.get_attribute("aria-expanded") == "false"
    assert focused["shows"], f"focus after the drawer, on {focused['name']!r}, is not in view"

    button.click()
    visit.page.keyboard.press("Tab")
    visit.page.keyboard.press("Escape")
    assert not visit.page.locator("#__drawer").is_checked() and button.get_attribute("aria-expanded") == "false"
    assert visit.page.evaluate("document.activeElement.matches('button.lce-drawer-button')")
    assert visit.console_errors == []


def test_the_drawer_button_is_only_where_the_navigation_is_a_drawer(served_site, open_tab):
    """Check that from 76.25em (1220 px) on, where the navigation is a sidebar, no menu button shows and the
    navigation's links are in view."""
    visit = open_tab(width=1280)
    visit.open(served_site.url("sv", ""), until_network_idle=False)
    assert not visit.page.locator(DRAWER_BUTTON).is_visible()
    assert not visit.page.locator("label[for='__drawer'].md-header__button").is_visible()
    assert visit.page.locator(".md-sidebar--primary a[href='calendar/']").is_visible()
