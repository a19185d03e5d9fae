"""A site with more addresses than one sitemap holds: a sitemap index over numbered parts, without MkDocs."""

from __future__ import annotations

import gzip
from datetime import date

import pytest
from lxml import etree

from conftest import PINNED_TODAY, fixture_files, make_content
from lce_platform.content.model import LANGUAGES
from lce_platform.facts.urls import SITEMAP_FILE
from lce_platform.outputs import sitemap
from lce_platform.outputs.sitemap import sitemap_files, sitemap_parts, sitemap_entries
from lce_platform.plan import BuildPlan

ROOTS = {"sv": "https://lce.test/", "en": "https://lce.test/en/"}
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> BuildPlan:
    content = make_content(tmp_path_factory.mktemp("sitemap"), files=fixture_files("library"))
    return BuildPlan.start(content, "sv", date.fromisoformat(PINNED_TODAY), ROOTS)


def written(plan: BuildPlan, **limits) -> dict[str, bytes]:
    return {file.path: file.data() for file in sitemap_files(plan.edition, plan.generated, **limits)}


def locs(document: bytes) -> list[str]:
    return [loc.text for loc in etree.fromstring(document).iterfind("s:url/s:loc", NS)]


def test_a_site_that_fits_gets_one_sitemap_with_every_address(plan):
    """Check that under the limits the sitemap is one urlset holding every page in both languages."""
    files = written(plan)
    assert set(files) == {SITEMAP_FILE, SITEMAP_FILE + ".gz"}
    addresses = locs(files[SITEMAP_FILE])
    pages = len(plan.site.entries) + len(set(plan.generated) - set(plan.site.entries))
    assert len(addresses) == len(set(addresses)) == pages * len(LANGUAGES)
    assert gzip.decompress(files[SITEMAP_FILE + ".gz"]) == files[SITEMAP_FILE]


@pytest.mark.parametrize("limit", [7, 50])
def test_more_addresses_than_a_sitemap_holds_get_an_index_over_parts(plan, limit):
    """Check that over the address limit, sitemap.xml is an index naming numbered parts by absolute address; that
    no part exceeds the limit; that the parts hold every address of the one-file sitemap once, in its order; and
    that each part's lastmod in the index is the newest of its entries."""
    whole = locs(written(plan)[SITEMAP_FILE])
    files = written(plan, limit=limit)
    index = etree.fromstring(files[SITEMAP_FILE])
    assert index.tag == f"{{{NS['s']}}}sitemapindex"
    named = [loc.text for loc in index.iterfind("s:sitemap/s:loc", NS)]
    assert len(named) == -(-len(whole) // limit) > 1
    parts = []
    for address in named:
        assert address.startswith(ROOTS["sv"])
        path = address.removeprefix(ROOTS["sv"])
        assert gzip.decompress(files[path + ".gz"]) == files[path]
        part = locs(files[path])
        assert 0 < len(part) <= limit
        parts += part
    assert parts == whole
    assert set(files) == {SITEMAP_FILE, SITEMAP_FILE + ".gz", *(
        name.removeprefix(ROOTS["sv"]) + suffix for name in named for suffix in ("", ".gz"))}


def test_the_byte_limit_splits_too_and_each_part_stays_under_it(plan):
    """Check that a byte limit smaller than the whole sitemap splits it, and that every written part is within
    the limit (the size estimate never undercounts)."""
    whole = written(plan)[SITEMAP_FILE]
    limit = len(whole) // 3
    files = written(plan, bytes_limit=limit)
    parts = [data for path, data in files.items() if path != SITEMAP_FILE and not path.endswith(".gz")]
    assert len(parts) >= 3
    assert all(len(part) <= limit for part in parts)


def test_every_part_keeps_each_address_with_its_alternates(plan):
    """Check that splitting keeps each entry whole: its sv, en and x-default alternates come with it."""
    entries = list(sitemap_entries(plan.edition, plan.generated))
    for part in sitemap_parts(iter(entries), limit=5):
        for entry in part:
            assert {hreflang for hreflang, _ in entry.alternates} == {"sv", "en", "x-default"}
    assert sum(len(part) for part in sitemap_parts(iter(entries), limit=5)) == len(entries)


@pytest.mark.parametrize("run", [1, 4])
def test_a_sitemap_serialized_in_runs_is_byte_for_byte_the_one_serialized_whole(plan, monkeypatch, run):
    """Check that serializing a run of addresses at a time (as a large site's sitemap is, to bound its memory) gives
    the bytes of the whole tree serialized at once, for the one urlset and for the parts under an index."""
    whole, parted = written(plan), written(plan, limit=7)
    assert len(locs(whole[SITEMAP_FILE])) < sitemap.SITEMAP_RUN  # so these were serialized in one run
    monkeypatch.setattr(sitemap, "SITEMAP_RUN", run)
    assert written(plan) == whole
    assert written(plan, limit=7) == parted
