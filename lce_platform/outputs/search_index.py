"""The site search: Pagefind's chunked static index, so a query downloads a few small files, never the archive.

Pages mark what is searchable (`data-pagefind-body`, in the theme) and how results can be narrowed
(`data-pagefind-filter`, written here). The index is built from the written HTML after each
language's build; Pagefind reads the language from `<html lang>` and stems Swedish and English.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import cbor2
from pagefind_bin import get_executable

from lce_platform.content.collections import ACTIVITIES, RESOURCES
from lce_platform.content.model import ALL_SECTORS, Activity, Resource
from lce_platform.outputs.render import render

from lce_platform.content.site import Entry
from lce_platform.outputs.edition import Edition

INDEX_FOLDER = "pagefind"
"""Where the index lands in a language's site folder (the search script loads it from there)."""

ARCHIVE_COLLECTIONS = (ACTIVITIES, RESOURCES)
"""Collections whose body the build wraps in `.lce-archive-body`, for the search to index only its lead."""

SKIPPED_SELECTORS = (
    ".headerlink", ".lce-fallback-notice", ".lce-list", ".lce-cards", ".lce-chips",
    ".lce-session-calendar", ".lce-add-to-calendar",
    *(f".lce-archive-body > {part}" for part in (
        "p:not(:first-of-type)", "ul", "ol", "dl", "table", "blockquote", "pre", "div", "details", "figure",
    )),
)
"""What the index leaves out: permalink signs, the 'not translated' notice, lists of activities and the home
page's cards of programmes and chips of sectors (the item is found, not every page that lists it), an activity's
links for adding it or its sessions to a calendar (the same words on every dated activity, so a search for
"Outlook" or "kalender" found them all; the calendar pages that explain subscribing are still found), and the
prose of archive items after their lead paragraph. An item
is found by its title, summary, facts, sectors, headings and lead; indexing every word of 10,000 items made
Pagefind need over 2 GB, and the chunk of a common word grew with the archive."""


class SearchIndexError(RuntimeError):
    """Pagefind failed to index the site."""


def facets(edition: Edition, entry: Entry) -> tuple[str, list[str]] | None:
    """The type and the sectors search results can be narrowed by, in the build's language (None if not an item)."""
    data = entry.data
    if isinstance(data, Activity):
        kind = edition.site.vocabularies["activity-types"][data.type].label(edition.language)
    elif isinstance(data, Resource):
        kind = edition.t("search.kinds." + data.kind.value)
    else:
        return None
    sectors = (
        [edition.t("all_sectors")] if data.sectors == (ALL_SECTORS,)
        else [edition.site.vocabularies["sectors"][sector].label(edition.language) for sector in data.sectors]
    )
    # Pagefind reads a comma in a filter value as a separator.
    return kind.replace(",", " "), [sector.replace(",", " ") for sector in sectors]


def search_facets(edition: Edition, entry: Entry) -> str:
    """Invisible markers that let search results be filtered by sector and by type (empty if none)."""
    found = facets(edition, entry)
    if found is None:
        return ""
    kind, sectors = found
    return render("search_facets.html", edition.language, kind=kind, sectors=sectors,
                  summary=entry.text("summary", edition.language))


def filter_values(edition: Edition) -> dict[str, list[str]]:
    """Every value of each search filter on the site, for the search box to offer without loading Pagefind's
    filter indexes (which hold every page number and grow with the archive) before a filter is chosen."""
    kinds: set[str] = set()
    sectors: set[str] = set()
    for entry in edition.site.entries.values():
        found = facets(edition, entry)
        if found is not None:
            kinds.add(found[0])
            sectors.update(found[1])
    return {"sector": sorted(sectors, key=str.casefold), "type": sorted(kinds, key=str.casefold)}


BODY_MARKER = b"<div data-pagefind-body>"
"""Where a page's searchable part begins (overrides/main.html)."""
_HTML_START = re.compile(rb"<html\b[^>]*>")
_TITLE = re.compile(rb"<title>.*?</title>", re.DOTALL)


def search_document(html: bytes) -> bytes | None:
    """What Pagefind reads of a page: its <html> tag (the language), its title and everything from the searchable
    part on (None for a page without one, which the index leaves out). The head, header and navigation before it
    are two thirds of a page, and parsing them took Pagefind almost half its time."""
    body = html.find(BODY_MARKER)
    if body < 0:
        return None
    start, title = _HTML_START.search(html, 0, body), _TITLE.search(html, 0, body)
    if start is None:
        return None
    return b"".join((b"<!doctype html>", start.group(0), b"<head>", title.group(0) if title else b"", b"</head><body>",
                     html[body:]))


def write_search_documents(site_dir: Path, folder: Path) -> None:
    """Write the search document of every page of site_dir at the same path under folder."""
    for directory, _folders, names in os.walk(site_dir):
        target = folder / Path(directory).relative_to(site_dir)
        for name in names:
            if not name.endswith(".html"):
                continue
            with open(os.path.join(directory, name), "rb") as page:
                document = search_document(page.read())
            if document is None:
                continue
            target.mkdir(parents=True, exist_ok=True)
            (target / name).write_bytes(document)


def index_site(site_dir: Path) -> None:
    """Write the Pagefind index of one built language into site_dir/pagefind (raises SearchIndexError); an index
    left by a previous build (build_cache.py) is replaced whole. Pagefind reads each page's search document
    (written beside the site for the run), at the page's own path, so its addresses are the pages'."""
    shutil.rmtree(site_dir / INDEX_FOLDER, ignore_errors=True)
    with tempfile.TemporaryDirectory(dir=site_dir.parent, prefix=".search-documents-") as documents:
        write_search_documents(site_dir, Path(documents))
        command = [
            str(get_executable()), "--site", documents, "--output-path", str(site_dir / INDEX_FOLDER),
            "--exclude-selectors", ", ".join(SKIPPED_SELECTORS), "--silent",
        ]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind could not index {site_dir}: {result.stdout}{result.stderr}".strip())
    for unused in (site_dir / INDEX_FOLDER).glob("pagefind-*ui.*"):
        unused.unlink()
    (site_dir / INDEX_FOLDER / "pagefind-highlight.js").unlink(missing_ok=True)
    write_filters_in_stable_order(site_dir / INDEX_FOLDER)


PAGEFIND_SIGNATURE = b"pagefind_dcd"
"""What every decompressed Pagefind index file starts with, before its CBOR data."""


def _read_index_file(path: Path) -> object:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(PAGEFIND_SIGNATURE):
        raise SearchIndexError(f"{path} is not a Pagefind index file this build knows")
    return cbor2.loads(data[len(PAGEFIND_SIGNATURE):])


def _write_index_file(folder: Path, stem: str, suffix: str, hash_length: int, value: object) -> str:
    """Write value as a Pagefind index file named `<stem>_<hash of its content><suffix>`; return `<stem>_<hash>`."""
    data = PAGEFIND_SIGNATURE + cbor2.dumps(value)
    name = f"{stem}_{hashlib.sha256(data).hexdigest()[:hash_length]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return name


def write_filters_in_stable_order(index_dir: Path) -> None:
    """Rewrite Pagefind's filter indexes and the metadata naming them with filters and values sorted by name.

    Pagefind writes them from a hash map, in an order (so bytes and hashed names) that changes from run to run
    (Pagefind/pagefind#638 fixed it for page fragments only); search reads them by name, never by position.
    The rewrite keeps Pagefind's own format: a gzip of its signature and CBOR data.
    """
    entry_path = index_dir / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, about in entry["languages"].items():
        meta_path = index_dir / f"pagefind.{about['hash']}.pf_meta"
        meta = _read_index_file(meta_path)
        version, pages, index_chunks, filters, *rest = meta
        stable_filters = []
        for filter_name, filter_hash in sorted(filters):
            filter_path = index_dir / "filter" / f"{filter_hash}.pf_filter"
            name, values = _read_index_file(filter_path)
            filter_path.unlink()
            stable_values = sorted([value, sorted(page_numbers)] for value, page_numbers in values)
            stable_filters.append([filter_name, _write_index_file(
                index_dir / "filter", language, ".pf_filter", len(filter_hash) - len(language) - 1,
                [name, stable_values])])
        meta_path.unlink()
        about["hash"] = _write_index_file(index_dir, f"pagefind.{language}", ".pf_meta",
                                          len(about["hash"]) - len(language) - 1,
                                          [version, pages, index_chunks, stable_filters, *rest]
                                          ).removeprefix("pagefind.")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def has_index(site_dir: Path) -> bool:
    """Whether site_dir already holds a search index (a preview rebuild keeps the first one)."""
    return (site_dir / INDEX_FOLDER / "pagefind-entry.json").is_file()
