"""The site search in a real browser (Debian's Chromium): narrowing results by type and by sector reads
Pagefind's filter indexes, which the build rewrites in a stable order (lce_platform/search_index.py)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from quality.built_site import html_files

pytestmark = [
    pytest.mark.build,
    pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium (see .ci/run)"),
]

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
