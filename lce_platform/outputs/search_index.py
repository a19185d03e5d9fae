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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import cbor2
from pagefind_bin import get_executable

from lce_platform.build_cache import SearchPartCache, digest
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


PARTS_FOLDER = "parts"
"""Where the index's other parts land, each in a folder of its own: pagefind/parts/<name>/."""
PARTS_LIST = "parts.json"
"""The list of the other parts (pagefind/parts.json) that the search script merges into the first one."""
PART_PAGES = 2500
"""How many pages' worth of indexed words a part holds at most (page_weight: a recording's transcript counts as the
pages it fills; a folder of more is cut into several parts). Pagefind holds what it indexes until it writes, so a
part bounds a run whatever the archive's size: 2,500 activity pages about 200 MB. Each part costs the first query
its entry, metadata and the index chunks of the query, so parts are few (one up to 2,500 pages; see DEVELOPERS.md,
"The search index in parts")."""
PART_PAGES_SETTING = "LCE_SEARCH_PART_PAGES"
"""The environment variable that sets PART_PAGES for a build (the tests force parts on a small site; the bench
builds one part to compare with)."""
PRIMARY_PART = "main"
"""The part in pagefind/ itself: the pages outside the archive's folders, and the script and WebAssembly that
every part uses."""
UNUSED_FILES = ("pagefind-*ui.*", "pagefind-highlight.js")
"""Pagefind's own search UI and highlighter, which the site does not use."""
RUNTIME_FILES = ("pagefind.js", "pagefind-worker.js", "wasm.*.pagefind")
"""What the other parts leave out: Pagefind's script, worker and WebAssembly, loaded once from the first part."""


@dataclass(frozen=True)
class Piece:
    """The pages of one folder from start to stop (not included), in the order search_documents lists them: the
    whole folder, or a slice of a folder larger than a part."""

    folder: str
    start: int
    stop: int


@dataclass
class Part:
    """One Pagefind run: the pieces of folders it indexes (in its order) and how many pages they hold."""

    name: str
    pieces: list[Piece] = field(default_factory=list)
    pages: int = 0

    @property
    def folders(self) -> list[str]:
        """The folders its pieces are of."""
        return [piece.folder for piece in self.pieces]


def archive_folder(relative: str) -> str:
    """The folder of an archive item's page (activities/2025, resources/report: what parts are made of); '' for every
    other page."""
    parts = relative.split("/")
    if len(parts) >= 4 and parts[0] in {collection.name for collection in ARCHIVE_COLLECTIONS}:
        return "/".join(parts[:2])
    return ""


def split_into_parts(weights_by_folder: dict[str, list[int]], part_pages: int) -> list[Part]:
    """The parts of a language's index, from each folder's pages' weights (page_weight) in its pages' order. A site
    of at most part_pages pages' worth is one part. A larger one has the pages outside the archive in the first part,
    alone: they list items (whose lists the index skips, but a part's digest is of its pages' bytes), so they change
    with almost every change, and alone they are quick to index again. The archive's folders follow in a stable order
    (resources by kind, then activities by year, so that the years that grow come last and a part filling up moves
    only the parts after it), packed into parts of at most part_pages pages' worth. A larger folder is cut, in its
    pages' order, into pieces that each fill a part (the last holds the rest), so a new page moves only the pieces
    from its own on, and pages of one item stay side by side. A part is named after its first folder, and a folder's
    further pieces after it with their number (activities-2025-2: no folder, a year or a kind, is named so)."""
    total = sum(sum(weights) for weights in weights_by_folder.values())
    if total <= part_pages:
        return [Part(PRIMARY_PART, [Piece(folder, 0, len(weights)) for folder, weights in sorted(weights_by_folder.items())],
                     total)]
    primary = weights_by_folder.get("", [])
    parts = [Part(PRIMARY_PART, [Piece("", 0, len(primary))], sum(primary))]
    archive = sorted((folder for folder in weights_by_folder if folder),
                     key=lambda folder: (folder.split("/")[0] != "resources", folder))
    for folder in archive:
        for number, (piece, weight) in enumerate(_pieces(folder, weights_by_folder[folder], part_pages), 1):
            if len(parts) == 1 or parts[-1].pages + weight > part_pages:
                parts.append(Part(folder.replace("/", "-") + (f"-{number}" if number > 1 else "")))
            parts[-1].pieces.append(piece)
            parts[-1].pages += weight
    return parts


def _pieces(folder: str, weights: list[int], part_pages: int) -> Iterator[tuple[Piece, int]]:
    """A folder's pages in pieces of at most part_pages pages' worth (a page heavier than that alone), and each
    piece's weight."""
    start, weight = 0, 0
    for index, page in enumerate(weights):
        if weight and weight + page > part_pages:
            yield Piece(folder, start, index), weight
            start, weight = index, 0
        weight += page
    if len(weights) > start:
        yield Piece(folder, start, len(weights)), weight


def pages_of(part: Part, documents: dict[str, list[tuple[str, str, int]]]) -> Iterator[tuple[str, str, int]]:
    """A part's pages (path, digest and weight of its search document, as search_documents lists them), in
    order."""
    for piece in part.pieces:
        yield from documents.get(piece.folder, [])[piece.start:piece.stop]


TRANSCRIPT = re.compile(rb'<section class="lce-transcript".*?</section>', re.DOTALL)
"""A recording's transcript in its page (outputs/templates/transcript.html)."""
PAGE_WORDS = 400
"""Words of a transcript that cost Pagefind the memory of one more page. At 10,000 generated items it needed
0.08 MB for an activity's page (125 indexed words) and 0.39 MB for a recording's (1,624): about 0.054 MB a page and
0.2 KB a word, so 400 words weigh as much as a page."""


def page_weight(document: bytes) -> int:
    """How many pages' worth of Pagefind's memory a search document costs: 1, and one more for every PAGE_WORDS
    words of its transcript (indexed whole, where an item's other prose after its lead is not)."""
    transcript = TRANSCRIPT.search(document)
    if transcript is None:
        return 1
    return 1 + len(re.sub(rb"<[^>]*>", b" ", transcript.group(0)).split()) // PAGE_WORDS


def search_documents(site_dir: Path) -> dict[str, list[tuple[str, str, int]]]:
    """Each archive folder's pages of site_dir ('' for the rest), the digests of their search documents and their
    weights (page_weight), in path order (folders walked sorted). Nothing is written: a rebuild writes only the
    documents of the parts it indexes again (write_documents)."""
    found: dict[str, list[tuple[str, str, int]]] = {}
    for directory, folders, names in os.walk(site_dir):
        folders.sort()
        relative_dir = Path(directory).relative_to(site_dir)
        for name in sorted(names):
            if not name.endswith(".html"):
                continue
            with open(os.path.join(directory, name), "rb") as page:
                document = search_document(page.read())
            if document is None:
                continue
            relative = (relative_dir / name).as_posix()
            found.setdefault(archive_folder(relative), []).append(
                (relative, hashlib.sha256(document).hexdigest(), page_weight(document)))
    return found


def write_documents(site_dir: Path, pages: Iterable[tuple[str, str, int]], folder: Path) -> None:
    """Write the search document of each page (as search_documents lists it) at its path under folder; raises
    SearchIndexError if a page is no longer the one its digest was taken of (the index would vouch for other bytes)."""
    made: set[Path] = set()
    for relative, document_digest, _weight in pages:
        document = search_document((site_dir / relative).read_bytes())
        if document is None or hashlib.sha256(document).hexdigest() != document_digest:
            raise SearchIndexError(f"{site_dir / relative} changed while the search index was made; build again")
        target = folder / relative
        if target.parent not in made:  # once a folder: a mkdir per page was a third of a rebuild's indexing
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(document)


def index_settings() -> str:
    """What makes a part's index besides its pages: Pagefind's version and options, and this module (the rewrite of
    its files)."""
    return digest(metadata.version("pagefind_bin"), *SKIPPED_SELECTORS, Path(__file__).read_bytes())


def part_digest(part: Part, documents: dict[str, list[tuple[str, str, int]]], settings: str) -> str:
    """A digest of everything a part's files are made from: its name, its pages (paths and bytes), the settings."""
    return digest(settings, part.name, *(value for relative, document, _weight in pages_of(part, documents)
                                         for value in (relative, document)))


def part_dir(site_dir: Path, name: str) -> Path:
    index = site_dir / INDEX_FOLDER
    return index if name == PRIMARY_PART else index / PARTS_FOLDER / name


def part_is_complete(site_dir: Path, name: str) -> bool:
    folder = part_dir(site_dir, name)
    return (folder / "pagefind-entry.json").is_file() and (name != PRIMARY_PART or (folder / "pagefind.js").is_file())


def run_pagefind(documents: Path, output: Path) -> None:
    command = [
        str(get_executable()), "--site", str(documents), "--output-path", str(output),
        "--exclude-selectors", ", ".join(SKIPPED_SELECTORS), "--silent",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind could not index {documents}: {result.stdout}{result.stderr}".strip())


def place_part(site_dir: Path, name: str, built: Path) -> None:
    """Put a part's finished files in its folder, replacing the previous ones (the first part's folder also holds
    the others' folders and their list, which stay)."""
    target = part_dir(site_dir, name)
    if name != PRIMARY_PART:
        shutil.rmtree(target, ignore_errors=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(built, target)
        return
    target.mkdir(parents=True, exist_ok=True)
    for old in target.iterdir():
        if old.name in (PARTS_FOLDER, PARTS_LIST) or old.name.startswith((PARTS_LIST + ".",)):
            continue
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    for new in built.iterdir():
        os.replace(new, target / new.name)


def index_site(site_dir: Path, cache_dir: Path | None = None, part_pages: int | None = None) -> list[str]:
    """Write the Pagefind index of one built language in parts: the first in site_dir/pagefind, the others in
    site_dir/pagefind/parts/<name>, listed in pagefind/parts.json (raises SearchIndexError). Pagefind reads each
    page's search document (written beside the site for the run), at the page's own path, so its addresses are the
    pages'. With a cache folder (build_cache.py), a part whose digest is the previous build's keeps its files;
    parts that no longer exist go. Returns the names of the parts indexed."""
    if part_pages is None:
        part_pages = int(os.environ.get(PART_PAGES_SETTING) or PART_PAGES)
    cache = SearchPartCache.open(cache_dir, site_dir) if cache_dir else None
    try:
        with tempfile.TemporaryDirectory(dir=site_dir.parent, prefix=".search-documents-") as work:
            documents = search_documents(site_dir)
            parts = split_into_parts({folder: [page[2] for page in pages] for folder, pages in documents.items()},
                                     part_pages)
            chunk_units = CHUNK_UNITS_IN_PARTS if len(parts) > 1 else None
            settings = digest(index_settings(), str(chunk_units))
            digests = {part.name: part_digest(part, documents, settings) for part in parts}
            stale = [part for part in parts if cache is None or not part_is_complete(site_dir, part.name)
                     or not cache.unchanged(part.name, digests[part.name], part_dir(site_dir, part.name))]
            names = {part.name for part in parts}
            if cache is not None:
                cache.distrust([part.name for part in stale] + [name for name in cache.previous if name not in names])
            else:
                shutil.rmtree(site_dir / INDEX_FOLDER, ignore_errors=True)
            for part in stale:
                site = Path(work) / "site" / part.name
                write_documents(site_dir, pages_of(part, documents), site)
                built = Path(work) / "index" / part.name
                run_pagefind(site, built)
                unused = UNUSED_FILES + (RUNTIME_FILES if part.name != PRIMARY_PART else ())
                for pattern in unused:
                    for path in built.glob(pattern):
                        path.unlink()
                write_filters_in_stable_order(built, chunk_units)
                place_part(site_dir, part.name, built)
                if cache is not None:
                    cache.vouch(part.name, digests[part.name], part_dir(site_dir, part.name))
            others = sorted(part.name for part in parts if part.name != PRIMARY_PART)
            parts_dir = site_dir / INDEX_FOLDER / PARTS_FOLDER
            for old in parts_dir.iterdir() if parts_dir.is_dir() else ():
                if old.name not in others:
                    shutil.rmtree(old) if old.is_dir() else old.unlink()
            if not others:
                shutil.rmtree(parts_dir, ignore_errors=True)
            write_if_changed(site_dir / INDEX_FOLDER / PARTS_LIST,
                             json.dumps({"parts": others}, separators=(",", ":")).encode("utf-8"))
    finally:
        if cache is not None:
            cache.release()
    return [part.name for part in stale]


def write_if_changed(path: Path, data: bytes) -> None:
    """Write data unless path holds it already (so its compressed copies stay, being no older)."""
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)


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


PAGEFIND_CHUNK_UNITS = 20_000
"""How much of the word index Pagefind puts in one chunk (a word's pages and its places in them; fixed in Pagefind's
source, pagefind/src/index/mod.rs, chunk_index), whatever the size of the index."""
CHUNK_UNITS_IN_PARTS = 2_500
"""The chunk size of every part of a site split into parts. A query loads the chunks that hold its word (and the
prefixes the search script preloads while typing) from every part; with Pagefind's own size that was at least one
full chunk per part (at 3,000 items in three parts, 1.29 times the first query of one index). In chunks of an
eighth of it, the first query at 10,000 items in six parts is 1.12 times that of one index (1.22 with a quarter)."""


def rechunk_words(index_dir: Path, language: str, index_chunks: list, chunk_units: int) -> list:
    """Split the word index of index_dir into chunks of about chunk_units as Pagefind's chunk_index does (whole words
    in order, a chunk closed once it reaches the size); write them, remove the old ones and return the metadata's
    new list of chunks ([first word or prefix, last word or prefix, file name], as Pagefind's chunk_meta makes it)."""
    words = []
    for _first, _last, name in index_chunks:
        path = index_dir / "index" / f"{name}.pf_index"
        words += _read_index_file(path)[0]
        path.unlink()
    chunks: list[list] = [[]]
    size = 0
    for word in words:
        size += sum(len(page[1]) + 1 for page in word[1])
        chunks[-1].append(word)
        if size >= chunk_units:
            chunks.append([])
            size = 0
    chunks = [chunk for chunk in chunks if chunk]
    bounds = [[chunk[0][0], chunk[-1][0]] for chunk in chunks]
    for before, after in zip(bounds, bounds[1:]):
        common = len(os.path.commonprefix([before[1], after[0]]))
        before[1], after[0] = before[1][:common + 1], after[0][:common + 1]
    names = [_write_index_file(index_dir / "index", language, ".pf_index", 7, [chunk]) for chunk in chunks]
    if len(set(names)) != len(names):
        raise SearchIndexError(f"two chunks of the word index of {index_dir} have the same name")
    return [[first, last, name] for (first, last), name in zip(bounds, names)]


def write_filters_in_stable_order(index_dir: Path, chunk_units: int | None = None) -> None:
    """Rewrite Pagefind's filter indexes and the metadata naming them with filters and values sorted by name; with
    chunk_units, split its word index into chunks of that size too (rechunk_words).

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
        if chunk_units is not None:
            index_chunks = rechunk_words(index_dir, language, index_chunks, chunk_units)
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
