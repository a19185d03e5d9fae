"""The site search in a real browser (Debian's Chromium): narrowing results by type and by sector reads
Pagefind's filter indexes, which the build rewrites in a stable order (lce_platform/outputs/search_index.py)."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from conftest import search_parts
from quality.built_site import LANGUAGE_PREFIXES, html_files
from quality.gate_fixtures import search_term

pytestmark = [
    pytest.mark.build,
    pytest.mark.browser,
]

FILTER_INDEX = re.compile(r"/pagefind/(parts/[^/]+/)?filter/")


def read_fragment(path: Path) -> dict:
    """A page's record in a part of the index (its url, meta, content)."""
    data = gzip.decompress(path.read_bytes())
    return json.loads(data[data.index(b"{"):])


FACET = re.compile(r'data-pagefind-filter="(type|sector):([^"]*)"')


def facet_counts(root: Path, language: str) -> dict[str, Counter]:
    """How many built pages of one language carry each type and sector, read from the pages themselves."""
    site = root / "en" if language == "en" else root
    counts = {"type": Counter(), "sector": Counter()}
    for page in html_files(site):
        if language == "sv" and page.relative_to(root).parts[0] == "en":
            continue
        for name, value in set(FACET.findall(page.read_text(encoding="utf-8"))):
            counts[name][value] += 1
    return counts


def filtered_result_count(visit, filter_name: str, value: str) -> int:
    """Open the search, choose one value of one filter with no query, and read the number of results shown."""
    visit.show_search()
    select = visit.page.locator(f"[data-lce-search-filter='{filter_name}']")
    select.locator(f"option[value='{value}']").wait_for(state="attached", timeout=15_000)
    select.select_option(value)
    visit.page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15_000)
    total = re.search(r"\d+", visit.page.locator("[data-lce-search-meta]").inner_text())
    assert total, "the search names how many results it found"
    return int(total.group())


@pytest.mark.parametrize("language", ["sv", "en"])
def test_search_filters_list_every_value_and_narrow_to_its_pages(served_site, open_tab, language):
    """Check that each filter offers exactly the values the pages carry, and that choosing the most and the least
    common type, and a sector, shows as many results as pages carry that value."""
    counts = facet_counts(served_site.root, language)
    assert len(counts["type"]) >= 3
    visit = open_tab(width=1280)
    visit.open(served_site.url(language, ""))
    visit.show_search()
    for name in ("type", "sector"):
        options = visit.page.locator(f"[data-lce-search-filter='{name}'] option:not([value=''])")
        options.first.wait_for(state="attached", timeout=15_000)
        assert sorted(options.evaluate_all("nodes => nodes.map(node => node.value)")) == sorted(counts[name])
    ranked = counts["type"].most_common()
    for name, (value, pages) in [("type", ranked[0]), ("type", ranked[-1]), ("sector", counts["sector"].most_common(1)[0])]:
        visit.open(served_site.url(language, ""))
        assert filtered_result_count(visit, name, value) == pages, f"{language} {name}={value}"


def test_a_query_loads_no_filter_index_until_a_filter_is_chosen(served_site, open_tab):
    """Check that typing a query fetches no Pagefind filter index (they hold every page number of the archive),
    and that choosing a sector then fetches that filter's index."""
    visit = open_tab(width=1280)
    visit.open(served_site.url("en", ""))
    assert visit.open_search(search_term(served_site.root, "en")) > 0
    visit.page.wait_for_load_state("networkidle")
    assert [url for url in visit.requests if "/pagefind/" in url and url.endswith(".pf_index")]
    assert [url for url in visit.requests if FILTER_INDEX.search(url)] == []
    select = visit.page.locator("[data-lce-search-filter='sector']")
    select.select_option(index=1)
    visit.page.wait_for_load_state("networkidle")
    visit.page.wait_for_function("() => document.querySelector('[data-lce-search-meta]').textContent.match(/\\d/)")
    assert [url for url in visit.requests if FILTER_INDEX.search(url)]


def test_a_search_finds_a_page_whatever_part_of_the_index_it_is_in(served_site, open_tab):
    """Check, in each language, that searching the title of a page of each part of the index (the first part and
    every part it lists, a folder cut into several among them) shows that page among the results: the browser merges
    every part."""
    visit = open_tab(width=1280)
    for language in ("sv", "en"):
        site = served_site.root / ("en" if language == "en" else "")
        parts = search_parts(site)
        assert len(parts) >= 3, "the served site's index is in several parts"
        names = [part.name for part in parts[1:]]
        assert any(f"{name}-2" in names for name in names), f"no folder of the archive is cut into parts: {names}"
        visit.open(served_site.url(language, ""))
        visit.show_search()
        box = visit.page.locator("input.md-search__input")
        for part in parts:
            fragments = sorted((part / "fragment").glob("*.pf_fragment"))
            # An archive item's page (/activities/2025/its-name/) in the parts of the archive.
            page = next(record for record in map(read_fragment, fragments)
                        if part == parts[0] or record["url"].count("/") >= 4)
            box.fill(page["meta"]["title"])
            wanted = f"/{LANGUAGE_PREFIXES[language]}{page['url'].lstrip('/')}"
            for _ in range(100):  # wait_for_function evaluates a string, which the pages' policy forbids
                shown = visit.page.locator(".md-search-result__link").evaluate_all(
                    "links => links.map(link => link.pathname)")
                if wanted in shown:
                    break
                visit.page.wait_for_timeout(100)
            else:
                pytest.fail(f"searching {page['meta']['title']!r} does not show {wanted} (in {part}): {shown}")
    assert visit.console_errors == []


@pytest.mark.parametrize("width", [375, 1280])
def test_the_search_button_is_reached_with_tab_and_shows_results(served_site, open_tab, width):
    """Check that, with a query typed, Tab moves from the search box to a visible submit button, and that Enter on
    it shows the results and moves the focus to the first one."""
    visit = open_tab(width=width)
    visit.open(served_site.url("en", ""))
    visit.show_search()
    box = visit.page.locator("input.md-search__input")
    box.fill(search_term(served_site.root, "en"))
    box.press("Tab")
    focused = visit.page.evaluate("document.activeElement.matches('.md-search__form button[type=submit]')")
    assert focused, "Tab from the search box does not reach its submit button"
    assert visit.page.locator(".md-search__form button[type=submit]").is_visible()
    visit.page.keyboard.press("Enter")
    visit.page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15_000)
    for _ in range(50):  # wait_for_function evaluates a string, which the pages' policy forbids
        if visit.page.evaluate("document.activeElement.matches('.md-search-result__link')"):
            break
        visit.page.wait_for_timeout(100)
    else:
        pytest.fail("Enter on the search button does not move the focus to the first result")


# Pagefind's module, as the page loads it, with its search calls recorded in window.__pagefindCalls.
RECORDING_PAGEFIND = """import * as pagefind from "./pagefind-original.js";
export * from "./pagefind-original.js";
window.__pagefindCalls = [];
export function search(term, options) { window.__pagefindCalls.push(["search", term]); return pagefind.search(term, options); }
export function debouncedSearch(term, options, wait) {
  window.__pagefindCalls.push(["debouncedSearch", term]); return pagefind.debouncedSearch(term, options, wait);
}
export function preload(term, options) { window.__pagefindCalls.push(["preload", term]); return pagefind.preload(term, options); }
"""


TYPING_STARTS = datetime(2025, 3, 15, 12, 0, tzinfo=timezone.utc)
"""The page's clock while the test types (any time: only the timers' order matters)."""


def test_typing_a_word_while_pagefind_loads_searches_once_for_the_word(served_site, open_tab):
    """Check that a word typed while Pagefind is still loading (its script held until the word is typed) is searched
    once, whole, and that, typed once Pagefind has loaded, no prefix shorter than three letters loads its part of the
    index: those parts are the largest, and searching each prefix typed
    (Pagefind's own debounced search preloads every one) cost a first query at 1,000 items a second index chunk."""
    visit = open_tab(width=1280)
    visit.open(served_site.url("en", ""))
    held: list = []

    def original_pagefind(route) -> None:
        route.fulfill(response=route.fetch(url=route.request.url.replace("pagefind-original.js", "pagefind.js")))

    # Pagefind's script is answered only once the whole word is typed, however fast the machine types or loads.
    visit.page.route("**/pagefind/pagefind.js", lambda route: held.append(route))
    visit.page.route("**/pagefind/pagefind-original.js", original_pagefind)
    word = search_term(served_site.root, "en")
    # The page's timers stand still while the word is typed: however slowly a loaded machine delivers the keys, the
    # search waits for 200 ms without a key, as for a reader typing without a pause.
    visit.page.clock.install(time=TYPING_STARTS)
    visit.page.clock.pause_at(TYPING_STARTS + timedelta(seconds=1))
    visit.show_search()
    visit.page.locator("input.md-search__input").press_sequentially(word, delay=80)
    for _ in range(100):
        if held:
            break
        visit.page.wait_for_timeout(50)
    assert held, "typing a word did not start loading Pagefind"
    visit.page.clock.run_for(300)  # the reader stops typing: the search of the word starts, Pagefind still loading
    visit.page.clock.resume()
    held[0].fulfill(body=RECORDING_PAGEFIND, content_type="text/javascript")
    visit.page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15_000)
    visit.page.wait_for_load_state("networkidle")
    calls = visit.page.evaluate("window.__pagefindCalls")
    assert [term for kind, term in calls if kind != "preload"] == [word], calls

    # Pagefind loaded, the word typed again letter by letter: only prefixes of three letters or more are preloaded.
    box = visit.page.locator("input.md-search__input")
    box.fill("")
    visit.page.evaluate("window.__pagefindCalls.length = 0")
    box.press_sequentially(word, delay=80)
    visit.page.wait_for_load_state("networkidle")
    calls = visit.page.evaluate("window.__pagefindCalls")
    preloaded = [term for kind, term in calls if kind == "preload"]
    assert preloaded and all(len(term) >= 3 and word.startswith(term) for term in preloaded), calls
    assert visit.console_errors == []
