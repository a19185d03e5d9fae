"""One sitemap for both languages, with hreflang alternates and each page's real last change, and robots.txt.

Each language is its own edition, but the core knows every page of both from the content, so the
Swedish build (the site root) writes the combined sitemap; the English build writes none. A sitemap holds at
most 50,000 addresses and 50 MB (sitemaps.org); a larger site gets several, named by a sitemap index at the
same address, which is what robots.txt names either way.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from typing import NamedTuple

from lxml import etree

from lce_platform.facts.history import as_datetime, page_changed
from lce_platform.content.model import DEFAULT_LANGUAGE, LANGUAGES
from lce_platform.facts.urls import SITEMAP_FILE, sitemap_part_file, url_of
from lce_platform.outputs.edition import Edition
from lce_platform.outputs.planned import GeneratedPage, SiteFile


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
SITEMAP_LIMIT = 50_000
SITEMAP_BYTES_LIMIT = 50 * 1024 * 1024
SITEMAP_RUN = 1_000
"""Addresses in one XML tree at a time: a tree takes about 3 KB an address, so one of the whole sitemap would take
memory in proportion to the site."""


def lastmod_text(moment: datetime | date) -> str:
    """A W3C date (for a day) or date-time (for a commit) as the sitemap wants it."""
    if isinstance(moment, datetime):
        return moment.isoformat(timespec="seconds")
    return moment.isoformat()


def sitemap_pages(edition: Edition, generated: Mapping[str, GeneratedPage]) -> list[str]:
    """src_uri of every page of the site, in a stable order (content pages, then generated ones)."""
    return sorted(edition.site.entries) + sorted(set(generated) - set(edition.site.entries))


class SitemapEntry(NamedTuple):
    """One address of the sitemap: its last change (None when unknown) and its alternates by hreflang."""

    loc: str
    lastmod: datetime | date | None
    alternates: tuple[tuple[str, str], ...]

    def size(self) -> int:
        """Bytes it takes in a sitemap, a little more than it really does (markup at most 120 per element)."""
        texts = [self.loc, "" if self.lastmod is None else lastmod_text(self.lastmod), *(text for pair in self.alternates for text in pair)]
        return sum(len(text.encode()) for text in texts) + 120 * (3 + len(self.alternates))


def sitemap_entries(edition: Edition, generated: Mapping[str, GeneratedPage]) -> Iterator[SitemapEntry]:
    """Every page in every language: its alternates (sv, en, x-default) and its last change."""
    for src_uri in sitemap_pages(edition, generated):
        path = url_of(src_uri)
        addresses = {language: edition.roots[language] + path for language in LANGUAGES}
        alternates = (*addresses.items(), ("x-default", addresses[DEFAULT_LANGUAGE]))
        listed = generated[src_uri].lists if src_uri in generated else ()
        for language in LANGUAGES:
            changed = page_changed(edition.history, edition.site.entries, src_uri, language, listed)
            yield SitemapEntry(addresses[language], changed, alternates)


def urlset(entries: list[SitemapEntry]) -> bytes:
    """A sitemap of the entries, serialized SITEMAP_RUN addresses at a time: each run is a document of its own,
    whose first two lines (the declaration, the urlset's start tag) and last line (its end tag) are the same in
    every run; the sitemap is the first run's opening, every run's addresses and the end tag, byte for byte what
    the whole tree at once would give."""
    if len(entries) <= SITEMAP_RUN:
        return _urlset_document(entries)
    runs = [_urlset_document(entries[start:start + SITEMAP_RUN]) for start in range(0, len(entries), SITEMAP_RUN)]
    declaration, start_tag, _rest = runs[0].split(b"\n", 2)
    opening = declaration + b"\n" + start_tag + b"\n"
    closing = runs[0][runs[0].rindex(b"</"):]
    addresses = []
    for run in runs:
        assert run.startswith(opening) and run.endswith(closing), "a run's document has another frame"
        addresses.append(run[len(opening):-len(closing)])
    return opening + b"".join(addresses) + closing


def _urlset_document(entries: list[SitemapEntry]) -> bytes:
    root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS, "xhtml": XHTML_NS})
    for entry in entries:
        url = etree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = entry.loc
        if entry.lastmod is not None:
            etree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = lastmod_text(entry.lastmod)
        for hreflang, href in entry.alternates:
            etree.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=hreflang, href=href)
    return serialized(root)


def serialized(root: etree._Element) -> bytes:
    """An XML document as every sitemap file is written."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def sitemap_parts(entries: Iterator[SitemapEntry], limit: int = SITEMAP_LIMIT,
                  bytes_limit: int = SITEMAP_BYTES_LIMIT) -> Iterator[list[SitemapEntry]]:
    """The entries in runs of at most `limit` addresses and `bytes_limit` bytes, in order, each when it is full
    (at least one, empty when there are no entries)."""
    part: list[SitemapEntry] = []
    size = 0
    for entry in entries:
        if part and (len(part) >= limit or size + entry.size() > bytes_limit):
            yield part
            part, size = [], 0
        part.append(entry)
        size += entry.size()
    yield part


def newest_lastmod(entries: list[SitemapEntry]) -> datetime | date | None:
    """The latest lastmod of the entries (a day counts as its start in Stockholm), None when none has one."""
    known = [entry.lastmod for entry in entries if entry.lastmod is not None]
    return max(known, key=as_datetime, default=None)


def sitemap_index(edition: Edition, newest_of_parts: list[datetime | date | None]) -> bytes:
    """The sitemap index naming every part by its absolute address and newest change."""
    index = etree.Element(f"{{{SITEMAP_NS}}}sitemapindex", nsmap={None: SITEMAP_NS})
    for number, newest in enumerate(newest_of_parts, start=1):
        sitemap = etree.SubElement(index, f"{{{SITEMAP_NS}}}sitemap")
        etree.SubElement(sitemap, f"{{{SITEMAP_NS}}}loc").text = edition.roots[DEFAULT_LANGUAGE] + sitemap_part_file(number)
        if newest is not None:
            etree.SubElement(sitemap, f"{{{SITEMAP_NS}}}lastmod").text = lastmod_text(newest)
    return serialized(index)


def sitemap_files(edition: Edition, generated: Mapping[str, GeneratedPage], limit: int = SITEMAP_LIMIT,
                  bytes_limit: int = SITEMAP_BYTES_LIMIT) -> Iterator[SiteFile]:
    """The sitemap at SITEMAP_FILE: the one urlset when it fits, else an index over numbered parts; each with
    its gzip copy. Made a part at a time (the first held until it is known whether another follows), so its memory
    is that of a part, whatever the size of the site."""
    newest_of_parts: list[datetime | date | None] = []
    first = b""
    for number, part in enumerate(sitemap_parts(sitemap_entries(edition, generated), limit, bytes_limit), start=1):
        document = urlset(part)
        newest_of_parts.append(newest_lastmod(part))
        del part
        if number == 1:
            first = document
            continue
        if number == 2:
            yield from _with_gzip_copy(sitemap_part_file(1), first)
            first = b""
        yield from _with_gzip_copy(sitemap_part_file(number), document)
    if len(newest_of_parts) == 1:
        yield from _with_gzip_copy(SITEMAP_FILE, first)
    else:
        yield from _with_gzip_copy(SITEMAP_FILE, sitemap_index(edition, newest_of_parts))


def _with_gzip_copy(path: str, document: bytes) -> Iterator[SiteFile]:
    yield SiteFile(path, document)
    yield SiteFile(path + ".gz", gzip.compress(document, mtime=0))


def robots_txt(edition: Edition) -> str:
    """robots.txt: everything may be crawled; where the sitemap is."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {edition.roots[DEFAULT_LANGUAGE]}{SITEMAP_FILE}\n"


def sitemap_and_robots(edition: Edition, generated: Mapping[str, GeneratedPage]) -> Iterator[SiteFile]:
    """The combined sitemap (with its gzip copy) and robots.txt, from the Swedish build only."""
    if edition.language != DEFAULT_LANGUAGE:
        return
    yield from sitemap_files(edition, generated)
    yield SiteFile("robots.txt", robots_txt(edition))
