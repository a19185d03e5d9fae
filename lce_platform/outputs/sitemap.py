"""One sitemap for both languages, with hreflang alternates and each page's real last change, and robots.txt.

Each language is its own edition, but the core knows every page of both from the content, so the
Swedish build (the site root) writes the combined sitemap; the English build writes none.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator, Mapping
from datetime import datetime

from lxml import etree

from lce_platform.facts.history import page_changed
from lce_platform.content.model import DEFAULT_LANGUAGE, LANGUAGES
from lce_platform.facts.urls import SITEMAP_FILE, url_of
from lce_platform.outputs.edition import Edition
from lce_platform.outputs.planned import GeneratedPage, SiteFile


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
SITEMAP_LIMIT = 50_000


def lastmod_text(moment) -> str:
    """A W3C date (for a day) or date-time (for a commit) as the sitemap wants it."""
    if isinstance(moment, datetime):
        return moment.isoformat(timespec="seconds")
    return moment.isoformat()


def sitemap_pages(edition: Edition, generated: Mapping[str, GeneratedPage]) -> list[str]:
    """src_uri of every page of the site, in a stable order (content pages, then generated ones)."""
    return sorted(edition.site.entries) + sorted(set(generated) - set(edition.site.entries))


def sitemap_xml(edition: Edition, generated: Mapping[str, GeneratedPage]) -> bytes:
    """The sitemap: every page in every language, its alternates (sv, en, x-default) and its last change."""
    urlset = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS, "xhtml": XHTML_NS})
    pages = sitemap_pages(edition, generated)
    if len(pages) * len(LANGUAGES) > SITEMAP_LIMIT:
        raise ValueError(f"{len(pages) * len(LANGUAGES)} addresses exceed the {SITEMAP_LIMIT} of one sitemap")
    for src_uri in pages:
        path = url_of(src_uri)
        addresses = {language: edition.roots[language] + path for language in LANGUAGES}
        for language in LANGUAGES:
            url = etree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
            etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = addresses[language]
            listed = generated[src_uri].lists if src_uri in generated else ()
            changed = page_changed(edition.history, edition.site.entries, src_uri, language, listed)
            if changed is not None:
                etree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = lastmod_text(changed)
            for alternate, href in [*addresses.items(), ("x-default", addresses[DEFAULT_LANGUAGE])]:
                etree.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=alternate, href=href)
    return etree.tostring(urlset, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def robots_txt(edition: Edition) -> str:
    """robots.txt: everything may be crawled; where the sitemap is."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {edition.roots[DEFAULT_LANGUAGE]}{SITEMAP_FILE}\n"


def sitemap_and_robots(edition: Edition, generated: Mapping[str, GeneratedPage]) -> Iterator[SiteFile]:
    """The combined sitemap (with its gzip copy) and robots.txt, from the Swedish build only."""
    if edition.language != DEFAULT_LANGUAGE:
        return
    sitemap = sitemap_xml(edition, generated)
    yield SiteFile(SITEMAP_FILE, sitemap)
    yield SiteFile(SITEMAP_FILE + ".gz", gzip.compress(sitemap, mtime=0))
    yield SiteFile("robots.txt", robots_txt(edition))
