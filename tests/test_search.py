"""The site search: a Pagefind index per language, filters by sector and type, light pages, compressed assets."""

from __future__ import annotations

import pytest
import gzip
import json
from pathlib import Path

import brotli
from bs4 import BeautifulSoup

from conftest import build_site, make_content, search_fragments, search_parts

DISRUPT = "activities/2025/disrupt-for-success"
LEAD_AND_PROSE = """---
title: Ett seminarium med mycket text
type: seminar
programme: learn-create-engage
area: outreach-events
start: 2025-05-06T10:00
venue: online
sectors: [film]
summary: Sammanfattningen nämner ordet sammanfattningsord.
---

Inledningen nämner ordet ingressord.

## Rubrikord i en rubrik

Längre ner nämns ordet brödtextord.

- listord
"""


def fragment_of(site, url: str) -> dict:
    return next(fragment for fragment in search_fragments(site) if fragment["url"] == f"/{url}/".replace("//", "/"))


def test_each_language_has_its_own_search_index(minimal_sites):
    """Check that each language's site holds a Pagefind index of its own pages, in its own language: a small site in
    one part."""
    for language, build in minimal_sites.items():
        assert search_parts(build.site) == [build.site / "pagefind"]
        entry = json.loads((build.site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert set(entry["languages"]) == {language}
        searchable = [page for page in build.site.rglob("index.html") if "data-pagefind-body" in page.read_text(encoding="utf-8")]
        assert entry["languages"][language]["page_count"] == len(searchable) > 5


def test_the_index_is_split_into_parts_of_whole_folders():
    """Check the split: a site within the bound is one part; a larger one has the pages outside the archive alone
    in the first part, then resources by kind and activities by year, whole folders packed into parts of at most the
    bound (a larger folder alone), each named after its first folder."""
    from lce_platform.outputs.search_index import PRIMARY_PART, split_into_parts

    pages = {"": 300, "activities/2024": 1700, "activities/2025": 1800, "activities/2016": 100,
             "activities/undated": 150, "resources/report": 400, "resources/material": 1400, "resources/tutorial": 600}
    parts = split_into_parts(pages, 2500)
    assert [(part.name, part.folders, part.pages) for part in parts] == [
        (PRIMARY_PART, [""], 300),
        ("resources-material", ["resources/material", "resources/report", "resources/tutorial", "activities/2016"],
         2500),
        ("activities-2024", ["activities/2024"], 1700),
        ("activities-2025", ["activities/2025", "activities/undated"], 1950),
    ]
    assert sum(part.pages for part in parts) == sum(pages.values())
    assert [(part.name, part.folders) for part in split_into_parts({"": 10, "activities/2025": 5000}, 2500)] == [
        (PRIMARY_PART, [""]), ("activities-2025", ["activities/2025"])]
    assert [(part.name, part.folders) for part in split_into_parts(
        {"": 60, "activities/2025": 3, "resources/recording": 1}, 2500)] == [
        (PRIMARY_PART, ["", "activities/2025", "resources/recording"])]


@pytest.mark.build
def test_archive_items_are_found_by_title_summary_facts_headings_and_lead(tmp_path):
    """Check that an archive item's index holds its title, summary, facts, headings and lead, not all its prose nor
    its links for adding it to a calendar (every dated activity has them: a search for a calendar service or for
    "kalender" found them all)."""
    content = make_content(tmp_path, files={"activities/2025/mycket-text.md": LEAD_AND_PROSE})
    build = build_site(content, "sv")
    assert build.returncode == 0, build.output
    indexed = fragment_of(build.site, "activities/2025/mycket-text")
    assert indexed["meta"]["title"] == "Ett seminarium med mycket text"
    for word in ("sammanfattningsord", "ingressord", "Rubrikord", "Seminarium", "Film"):
        assert word in indexed["content"], word
    for word in ("brödtextord", "listord", "Outlook", "calendar.google.com", "Lägg till"):
        assert word not in indexed["content"], word
    home = fragment_of(build.site, "")["content"]
    assert "Learn, Create, Engage" not in home, "the header and footer are not indexed"


def test_pages_load_no_search_index_and_only_a_small_search_script(minimal_sites):
    """Check that pages no longer carry Material's search (its index, engine, worker) but Material's search box."""
    for build in minimal_sites.values():
        assert not (build.site / "search" / "search_index.json").exists()
        assert not (build.site / "assets" / "javascripts" / "lunr").exists()
        assert not (build.site / "assets" / "javascripts" / "workers").exists()
        page = BeautifulSoup(build.page(DISRUPT), "html.parser")
        assert page.find("form", attrs={"name": "search"}) is None, "Material's bundle would fetch its index"
        box = page.select_one(".md-search[data-lce-search]")
        assert box.select_one("input.md-search__input")["aria-label"]
        assert page.select_one('label.md-header__button[for="__search"]') is not None
        scripts = [script["src"] for script in page.select("script[src]")]
        assert any(src.endswith("assets/javascripts/search.js") for src in scripts)
        assert not any("pagefind" in src for src in scripts), "Pagefind loads on first use, not with the page"
        filters = [select["data-lce-search-filter"] for select in box.select("select")]
        assert filters == ["sector", "type"]


def test_assets_have_precompressed_copies(minimal_sites):
    """Check that every CSS and JavaScript asset has .gz and .br copies holding the same bytes."""
    for build in minimal_sites.values():
        assets = [path for path in (build.site / "assets").rglob("*") if path.suffix in (".css", ".js")]
        assets += [build.site / "pagefind" / "pagefind.js"]
        assert len(assets) >= 5
        for path in assets:
            original = path.read_bytes()
            assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == original, path
            assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == original, path


def test_pages_use_no_web_fonts(minimal_sites):
    """Check that no page loads a font from anywhere (system fonts only)."""
    for build in minimal_sites.values():
        for page in build.site.rglob("*.html"):
            html = page.read_text(encoding="utf-8")
            assert "fonts.googleapis" not in html and "fonts.gstatic" not in html and ".woff" not in html, page


@pytest.mark.build
def test_make_build_indexes_after_both_languages_are_written(tmp_path):
    """Check that MkDocs' build writes no search index and `lce search-index` (as make build runs it) writes it."""
    from lce_platform.publishing.cli import main

    build = build_site(make_content(tmp_path), "en", finish=False)
    assert build.returncode == 0, build.output
    assert not (build.site / "pagefind").exists()
    assert main(["search-index", str(build.site)]) == 0
    entry = json.loads((build.site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"en"}
    assert (build.site / "assets" / "javascripts" / "search.js.gz").is_file()


def test_pagefind_indexes_the_search_documents_as_it_would_the_pages(minimal_sites, tmp_path):
    """Check, with the real Pagefind, that the index made from the pages' search documents (what index_site gives
    it) has the same fragments and word chunks as one made from the built pages themselves."""
    import shutil
    import subprocess

    from pagefind_bin import get_executable

    from lce_platform.outputs.search_index import INDEX_FOLDER, SKIPPED_SELECTORS, search_document

    site = minimal_sites["sv"].site
    pages = tmp_path / "pages"
    shutil.copytree(site, pages, ignore=shutil.ignore_patterns(INDEX_FOLDER, "en"))
    subprocess.run([str(get_executable()), "--site", str(pages), "--output-path", str(tmp_path / "from-pages"),
                    "--exclude-selectors", ", ".join(SKIPPED_SELECTORS), "--silent"], check=True)
    built = {folder: sorted(path.name for path in (site / INDEX_FOLDER / folder).iterdir())
             for folder in ("fragment", "index")}
    from_pages = {folder: sorted(path.name for path in (tmp_path / "from-pages" / folder).iterdir())
                  for folder in ("fragment", "index")}
    assert built == from_pages and len(built["fragment"]) > 5
    page = (site / "index.html").read_bytes()
    document = search_document(page)
    assert document.startswith(b"<!doctype html><html lang=\"sv\"") and b"<title>" in document
    assert b"md-header" in page and b"md-header" not in document
    assert search_document(b"<html lang=\"sv\"><body><p>No searchable part</p></body></html>") is None


def test_a_split_sites_parts_hold_every_word_in_smaller_chunks(minimal_sites, tmp_path):
    """Check, on the real Pagefind's index of a site, that splitting its word index into smaller chunks (as every
    part of a split site is) keeps every word with its pages, in order, each chunk named in the metadata by the
    words it spans as Pagefind names them (the first and last word, cut to where neighbours differ)."""
    import shutil

    from lce_platform.outputs.search_index import INDEX_FOLDER, _read_index_file, write_filters_in_stable_order

    def chunks(index: Path) -> list:
        entry = json.loads((index / "pagefind-entry.json").read_text(encoding="utf-8"))
        meta = _read_index_file(index / f"pagefind.{entry['languages']['sv']['hash']}.pf_meta")
        return [(first, last, _read_index_file(index / "index" / f"{name}.pf_index")[0])
                for first, last, name in meta[2]]

    index = tmp_path / "index"
    shutil.copytree(minimal_sites["sv"].site / INDEX_FOLDER, index)
    before = chunks(index)
    write_filters_in_stable_order(index, chunk_units=200)
    after = chunks(index)
    assert len(before) < 5 < len(after)
    assert [word for *_, words in after for word in words] == [word for *_, words in before for word in words]
    assert len(list((index / "index").iterdir())) == len(after)
    for (first, last, words), following in zip(after, after[1:] + [None]):
        assert words[0][0].startswith(first) and words[-1][0].startswith(last)
        if following is not None:
            assert last < following[0] and not words[-1][0].startswith(following[0])
