"""The site search: a Pagefind index per language, filters by sector and type, light pages, compressed assets."""

from __future__ import annotations

import pytest
import gzip
import json
from pathlib import Path

import brotli
from bs4 import BeautifulSoup

from conftest import build_site, make_content, pages_found_by, search_fragments, search_parts
from lce_platform.outputs.search_index import PART_PAGES_SETTING

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


def pages_weighing_one(pages: dict[str, int]) -> dict[str, list[int]]:
    """Each folder's pages' weights, for folders of pages without a transcript."""
    return {folder: [1] * count for folder, count in pages.items()}


def test_the_index_is_split_into_parts_of_folders():
    """Check the split: a site within the bound is one part; a larger one has the pages outside the archive alone
    in the first part, then resources by kind and activities by year, folders packed into parts of at most the
    bound, each named after its first folder."""
    from lce_platform.outputs.search_index import PRIMARY_PART, split_into_parts

    pages = {"": 300, "activities/2024": 1700, "activities/2025": 1800, "activities/2016": 100,
             "activities/undated": 150, "resources/report": 400, "resources/material": 1400, "resources/tutorial": 600}
    parts = split_into_parts(pages_weighing_one(pages), 2500)
    assert [(part.name, part.folders, part.pages) for part in parts] == [
        (PRIMARY_PART, [""], 300),
        ("resources-material", ["resources/material", "resources/report", "resources/tutorial", "activities/2016"],
         2500),
        ("activities-2024", ["activities/2024"], 1700),
        ("activities-2025", ["activities/2025", "activities/undated"], 1950),
    ]
    assert sum(part.pages for part in parts) == sum(pages.values())
    assert [(part.name, part.folders) for part in split_into_parts(
        pages_weighing_one({"": 60, "activities/2025": 3, "resources/recording": 1}), 2500)] == [
        (PRIMARY_PART, ["", "activities/2025", "resources/recording"])]


@pytest.mark.parametrize("size", [2501, 5000, 5618, 7501])
def test_a_folder_larger_than_a_part_is_cut_in_page_order(size):
    """Check that a folder of more pages than a part holds is cut into as few parts as the bound allows, each within
    it, in the folder's page order, together holding each of its pages once, with names of their own that say the
    folder; the pieces' packing with the small folders around them is unchanged."""
    from lce_platform.outputs.search_index import PRIMARY_PART, split_into_parts

    pages = {"": 40, "resources/report": 300, "activities/2024": 900, "activities/2025": size,
             "activities/undated": 30}
    parts = split_into_parts(pages_weighing_one(pages), 2500)
    cut = [part for part in parts if "activities/2025" in part.folders]
    assert len(cut) == -(-size // 2500) and all(part.pages <= 2500 for part in parts)
    pieces = [piece for part in cut for piece in part.pieces if piece.folder == "activities/2025"]
    assert [(piece.start, piece.stop) for piece in pieces] == [
        (start, min(start + 2500, size)) for start in range(0, size, 2500)]
    rest = size % 2500
    assert [part.name for part in parts] == [PRIMARY_PART, "resources-report", "activities-2025",
                                             *(f"activities-2025-{number}" for number in range(2, len(cut) + 1)),
                                             *([] if rest else ["activities-undated"])]
    assert parts[1].folders == ["resources/report", "activities/2024"]
    if rest:
        assert parts[-1].folders == ["activities/2025", "activities/undated"], "the rest is packed with the next folder"
    assert sum(part.pages for part in parts) == sum(pages.values())
    assert split_into_parts(pages_weighing_one(pages), 2500) == parts, "the same pages give the same parts"


def test_a_transcript_weighs_the_pages_it_fills_and_recordings_are_cut_by_weight():
    """Check that a page with a transcript weighs one page more for every page's worth of its words (Pagefind indexes
    a transcript whole), one without weighs one, and that a folder of heavy pages is cut into parts by weight, not
    by count."""
    from lce_platform.outputs.render import render
    from lce_platform.outputs.search_index import PAGE_WORDS, page_weight, split_into_parts

    words = " ".join(f"ord{number}" for number in range(PAGE_WORDS * 5 + 7))
    transcript = render("transcript.html", "sv", paragraphs=[words], text_language="sv", page_language="sv")
    recording = ('<html lang="sv"><body><main data-pagefind-body><h1>Talk</h1><p>Lead.</p>' + transcript
                 + '<p>After.</p></main></body></html>').encode()
    assert page_weight(recording) == 6
    assert page_weight(b'<html lang="sv"><body><main data-pagefind-body><h1>Talk</h1><p>Lead.</p></main>') == 1

    weights = {"": [1] * 10, "resources/recording": [6] * 25, "activities/2025": [1] * 20}
    parts = split_into_parts(weights, 50)
    assert [(part.name, part.pages) for part in parts] == [
        ("main", 10), ("resources-recording", 48), ("resources-recording-2", 48), ("resources-recording-3", 48),
        ("resources-recording-4", 6 + 20)]
    assert [(piece.start, piece.stop) for part in parts for piece in part.pieces
            if piece.folder == "resources/recording"] == [(0, 8), (8, 16), (16, 24), (24, 25)]


def test_a_new_page_changes_only_the_parts_from_its_own_on():
    """Check, with the digests a cached rebuild compares, that a page added to a folder larger than a part changes
    the parts from the one that holds it on and no part before it; a page whose document changes, only its part."""
    from lce_platform.outputs.search_index import part_digest, split_into_parts

    def documents(names: list[str]) -> dict[str, list[tuple[str, str, int]]]:
        return {"": [("index.html", "home", 1)], "resources/report": [("resources/report/r/index.html", "r", 1)],
                "activities/2025": [(f"activities/2025/{name}/index.html", name, 1) for name in sorted(names)]}

    def digests(pages: dict[str, list[tuple[str, str, int]]]) -> dict[str, str]:
        parts = split_into_parts({folder: [page[2] for page in listed] for folder, listed in pages.items()}, 10)
        return {part.name: part_digest(part, pages, "settings") for part in parts}

    names = [f"item-{number:03}" for number in range(0, 70, 2)]
    before = digests(documents(names))
    assert list(before) == ["main", "resources-report", "activities-2025", "activities-2025-2",
                            "activities-2025-3", "activities-2025-4"]
    after = digests(documents([*names, "item-031"]))  # the 16th page: the second piece of activities/2025
    assert list(after) == list(before)
    assert [name for name in before if after[name] != before[name]] == [
        "activities-2025-2", "activities-2025-3", "activities-2025-4"]
    changed = documents(names)
    changed["activities/2025"][25] = (changed["activities/2025"][25][0], "new words", 1)
    assert [name for name, value in digests(changed).items() if value != before[name]] == ["activities-2025-3"]


def test_only_the_documents_of_the_parts_indexed_again_are_written_and_each_is_its_digests(tmp_path):
    """Check that the search documents of a site are listed without writing any, that writing a part's writes its
    pages' documents (as search_document cuts them) and nothing else, and that a page changed since its digest was
    taken stops the index instead of being indexed under the old digest."""
    from lce_platform.outputs.search_index import SearchIndexError, search_document, search_documents, write_documents

    site = tmp_path / "site"
    pages = {"index.html": "Hem", "activities/2025/a/index.html": "A", "activities/2025/b/index.html": "B",
             "resources/report/r/index.html": "R", "404.html": None}
    for relative, title in pages.items():
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        searchable = f'<div data-pagefind-body><h1>{title}</h1></div>' if title else "<p>Not found</p>"
        (site / relative).write_text(f'<!doctype html><html lang="sv"><head><title>{title}</title></head>'
                                     f'<body><header>Menu</header>{searchable}</body></html>', encoding="utf-8")
    listed = search_documents(site)
    assert {folder: [page[0] for page in found] for folder, found in listed.items()} == {
        "": ["index.html"], "activities/2025": ["activities/2025/a/index.html", "activities/2025/b/index.html"],
        "resources/report": ["resources/report/r/index.html"]}
    assert sorted(path.name for path in tmp_path.rglob("*") if path.is_file() and site not in path.parents) == []
    out = tmp_path / "part"
    write_documents(site, listed["activities/2025"], out)
    assert sorted(path.relative_to(out).as_posix() for path in out.rglob("*") if path.is_file()) == [
        "activities/2025/a/index.html", "activities/2025/b/index.html"]
    assert (out / "activities/2025/a/index.html").read_bytes() == search_document(
        (site / "activities/2025/a/index.html").read_bytes())
    (site / "index.html").write_text((site / "index.html").read_text(encoding="utf-8").replace("Hem", "Ny"),
                                     encoding="utf-8")
    with pytest.raises(SearchIndexError, match="index.html changed"):
        write_documents(site, listed[""], tmp_path / "main")


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


def urls_in_part(part: Path) -> set[str]:
    """The addresses of the pages one part of a built search index holds."""
    urls = set()
    for path in (part / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        urls.add(json.loads(data[data.index(b"{"):])["url"])
    return urls


@pytest.mark.build
def test_a_folder_cut_into_parts_is_found_whole_and_a_cached_rebuild_finds_new_words(tmp_path):
    """Check, on a site whose activities of 2025 are more than a part holds, that they are cut into parts in their
    pages' order and a search finds an item in each; and that after one item's words change, a cached rebuild indexes
    again only the parts with changed pages and finds the item by its new words, no longer by its old ones."""
    # Between the minimal fixture's three activities of 2025 by name, so that pieces of two hold one each.
    words = {"a-kolibri": "kolibri", "n-pelikan": "pelikan", "z-tukan": "tukan"}
    content = make_content(tmp_path, files={
        f"activities/2025/{name}.md": LEAD_AND_PROSE.replace("mycket text", word).replace("sammanfattningsord", word)
        for name, word in words.items()})
    env = {PART_PAGES_SETTING: "2", "LCE_BUILD_CACHE": str(tmp_path / "cache")}
    build = build_site(content, "sv", extra_env=env, extra_args=("--dirty",))
    assert build.returncode == 0, build.output
    pieces = [part for part in search_parts(build.site)[1:] if part.name.startswith("activities-2025")]
    assert [part.name for part in pieces] == ["activities-2025", "activities-2025-2", "activities-2025-3"]
    for part, (name, word) in zip(pieces, words.items()):
        url = f"/activities/2025/{name}/"
        assert url in urls_in_part(part) and len(urls_in_part(part)) == 2, part.name
        assert url in pages_found_by(build.site, word), f"searching {word!r} does not find {url} in {part.name}"
    changed = content / "activities/2025/n-pelikan.md"
    changed.write_text(changed.read_text(encoding="utf-8").replace("pelikan", "nyckelpiga"), encoding="utf-8")
    rebuilt = build_site(content, "sv", extra_env=env, extra_args=("--dirty",))
    assert rebuilt.returncode == 0, rebuilt.output
    assert "indexed main, activities-2025-2\n" in rebuilt.output, rebuilt.output
    assert "/activities/2025/n-pelikan/" in pages_found_by(rebuilt.site, "nyckelpiga")
    assert "/activities/2025/n-pelikan/" not in pages_found_by(rebuilt.site, "pelikan")


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
