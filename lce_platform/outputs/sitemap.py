"""One sitemap for both languages, with hreflang alternates and each page's real last change, and robots.txt.

Each language is its own build, but the core knows every page of both from the content, so the
Swedish build (the site root) writes the combined sitemap. The English build removes the sitemap
MkDocs writes by itself: it would carry the build's date as every page's last change.
"""

from __future__ import annotations

import gzip
from datetime import datetime
from typing import TYPE_CHECKING

from lxml import etree

from lce_platform.plan import OutputFile, output_writer
from lce_platform.facts.history import page_changed
from lce_platform.content.model import DEFAULT_LANGUAGE, LANGUAGES
from lce_platform.facts.site import url_of

if TYPE_CHECKING:
    from lce_platform.plan import SiteBuild

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
SITEMAP_FILE = "sitemap.xml"
SITEMAP_LIMIT = 50_000


def lastmod_text(moment) -> str:
    """A W3C date (for a day) or date-time (for a commit) as the sitemap wants it."""
    if isinstance(moment, datetime):
        return moment.isoformat(timespec="seconds")
    return moment.isoformat()


def sitemap_pages(build: SiteBuild) -> list[str]:
    """src_uri of every page of the site, in a stable order (content pages, then generated ones)."""
    return sorted(build.site.entries) + sorted(set(build.generated) - set(build.site.entries))


def sitemap_xml(build: SiteBuild) -> bytes:
    """The sitemap: every page in every language, its alternates (sv, en, x-default) and its last change."""
    urlset = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS, "xhtml": XHTML_NS})
    pages = sitemap_pages(build)
    if len(pages) * len(LANGUAGES) > SITEMAP_LIMIT:
        raise ValueError(f"{len(pages) * len(LANGUAGES)} addresses exceed the {SITEMAP_LIMIT} of one sitemap")
    for src_uri in pages:
        path = url_of(src_uri)
        addresses = {language: build.roots[language] + path for language in LANGUAGES}
        for language in LANGUAGES:
            url = etree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
            etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = addresses[language]
            changed = page_changed(build, src_uri, language)
            if changed is not None:
                etree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = lastmod_text(changed)
            for alternate, href in [*addresses.items(), ("x-default", addresses[DEFAULT_LANGUAGE])]:
                etree.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=alternate, href=href)
    return etree.tostring(urlset, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def robots_txt(build: SiteBuild) -> str:
    """robots.txt: everything may be crawled; where the sitemap is."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {build.roots[DEFAULT_LANGUAGE]}{SITEMAP_FILE}\n"


@output_writer
def sitemap_and_robots(build: SiteBuild):
    """The combined sitemap and robots.txt from the Swedish build; the English build removes MkDocs' own."""
    if build.language != DEFAULT_LANGUAGE:
        yield OutputFile(SITEMAP_FILE, None)
        yield OutputFile(SITEMAP_FILE + ".gz", None)
        return
    sitemap = sitemap_xml(build)
    yield OutputFile(SITEMAP_FILE, sitemap)
    yield OutputFile(SITEMAP_FILE + ".gz", gzip.compress(sitemap, mtime=0))
    yield OutputFile("robots.txt", robots_txt(build))
