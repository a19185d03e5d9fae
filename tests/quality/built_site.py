"""A built two-language site as the quality gates see it: its pages, one example of each page type, a local server
and a headless Chromium."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import lxml.html
import pytest

from lce_platform.content.model import Status

REPO = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO / "node_modules"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LANGUAGE_PREFIXES = {"sv": "", "en": "en/"}
WIDTHS = {"phone": 375, "desktop": 1280}

_BADGE = re.compile(r'class="lce-badge lce-badge--([a-z-]+)[ "]')


def combine_languages(builds: dict, root: Path) -> Path:
    """One tree laid out as `make build` lays it out: Swedish at the root, English under en/."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(builds["sv"].site, root)
    shutil.copytree(builds["en"].site, root / "en")
    return root


STAFF_APPS = ("admin",)
"""Folders holding an app for staff, not pages of the site: the CMS (third-party code, tested on its own)."""


def html_files(root: Path) -> list[Path]:
    """Every HTML file of a built site's pages (both languages), the staff apps aside."""
    return sorted(path for path in root.rglob("*.html")
                  if not set(path.relative_to(root).parts[:2]) & set(STAFF_APPS))


def page_urls(root: Path, language: str) -> list[str]:
    """The URL path (under the language root, '' for home) of every page of one language."""
    prefix = LANGUAGE_PREFIXES[language]
    base = root / prefix if prefix else root
    urls = []
    for path in html_files(base):
        relative = path.relative_to(base).as_posix()
        if language == "sv" and relative.startswith("en/"):
            continue
        if relative.endswith("index.html"):
            urls.append(relative.removesuffix("index.html"))
    return urls


def page_tree(html: str) -> lxml.html.HtmlElement:
    """A built page parsed with lxml, for checks that read every page of a site (BeautifulSoup takes thirty times as
    long); select in it with CSS (`.cssselect(selector)`) or XPath."""
    return lxml.html.document_fromstring(html)


def page_html(root: Path, language: str, url: str) -> str:
    """The HTML of one page by its URL path under the language root."""
    return (root / LANGUAGE_PREFIXES[language] / url / "index.html").read_text(encoding="utf-8")


@dataclass(frozen=True)
class PageType:
    """A kind of page the gates visit once per language, found in the built site by `find`."""

    name: str
    description: str

    def find(self, root: Path, language: str) -> str | None:
        """The URL of the first page of this type, or None when the site has none."""
        return _first_page_of_type(self.name, root, language)


@functools.cache
def _first_page_of_type(type_name: str, root: Path, language: str) -> str | None:
    # Once per built site: the gates ask for every type's example in many tests, and a built site never changes.
    for url in page_urls(root, language):
        html = page_html(root, language, url)
        if 'http-equiv="refresh"' in html[:2000]:
            continue  # the redirect page of a moved file (redirect_from): it sends the visitor on at once
        if _matches(type_name, url, html):
            return url
    return None


def _matches(type_name: str, url: str, html: str) -> bool:
    parts = url.rstrip("/").split("/") if url else []
    if type_name == "home":
        return url == ""
    if type_name.startswith("activity-"):
        status = type_name.removeprefix("activity-")
        if not (parts[:1] == ["activities"] and len(parts) == 3):
            return False
        badges = _BADGE.findall(html)
        return badges[:1] == [status] if status != Status.scheduled.value else not badges
    if type_name == "recording":
        return parts[:2] == ["resources", "recording"] and len(parts) == 3
    if type_name == "resource":
        return parts[:1] == ["resources"] and len(parts) == 3 and parts[1] != "recording"
    if type_name == "programme":
        return parts[:1] == ["programmes"] and len(parts) == 2
    if type_name == "calendar":
        return parts[:1] in (["calendar"], ["kalender"])
    if type_name == "sector":
        return parts[:1] in (["sectors"], ["sektorer"]) and len(parts) == 2
    if type_name == "accessibility-statement":
        return url == "about/accessibility/"
    raise ValueError(type_name)


PAGE_TYPES = [
    PageType("home", "home page"),
    PageType("calendar", "calendar page (calendar/…)"),
    *(PageType(f"activity-{status.value}", f"activity page with status {status.value} "
               f"({'no status badge' if status is Status.scheduled else f'badge lce-badge--{status.value}'})")
      for status in Status),
    PageType("resource", "resource page other than a recording (resources/<kind>/…)"),
    PageType("recording", "recording page (resources/recording/…)"),
    PageType("sector", "sector page (sectors/<sector>/)"),
    PageType("programme", "programme page (programmes/…)"),
    PageType("accessibility-statement", "accessibility statement (about/accessibility/)"),
]
"""Page types named by the quality requirements; each gate visits one example per language."""


def no_example(what: str) -> NoReturn:
    """Fail a gate that found nothing to check: a gate that checks nothing must not pass."""
    pytest.fail(f"the built site has no {what}; add one to tests/fixtures/page-types/content")


def shape_of(url: str) -> str:
    """A page's URL shape: its first folder and depth, so a page type added later is visited without naming it."""
    parts = url.rstrip("/").split("/") if url else []
    if not parts:
        return "home"
    if parts[0] == "resources" and len(parts) == 3:
        return f"resources/{parts[1]}/*"
    return "/".join([parts[0], *["*"] * (len(parts) - 1)])


def other_shape_examples(root: Path, language: str) -> dict[str, str]:
    """One page of each URL shape that no named page type has an example of."""
    covered = {shape_of(url) for page_type in PAGE_TYPES if (url := page_type.find(root, language)) is not None}
    examples: dict[str, str] = {}
    for url in page_urls(root, language):
        shape = shape_of(url)
        if shape not in covered and shape not in examples:
            examples[shape] = url
    return examples


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site as a host would: each language's own 404 page for what is missing."""

    def log_message(self, format, *args):  # noqa: A002  (the signature is http.server's)
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        page = Path(self.directory) / ("en/404.html" if self.path.startswith("/en/") else "404.html")
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@dataclass
class ServedSite:
    """A built site served over HTTP on 127.0.0.1."""

    root: Path
    base_url: str

    def url(self, language: str, page: str) -> str:
        """The address of a page of one language."""
        return f"{self.base_url}/{LANGUAGE_PREFIXES[language]}{page}"


def serve(root: Path) -> Iterator[ServedSite]:
    """Serve `root` on a free port of 127.0.0.1 until the generator is closed."""
    handler = functools.partial(_SiteHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield ServedSite(root, f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def example_pages(root: Path, language: str) -> dict[str, str]:
    """One page of every named page type present and of every other URL shape: label → URL."""
    examples = {page_type.name: url for page_type in PAGE_TYPES if (url := page_type.find(root, language)) is not None}
    examples.update(other_shape_examples(root, language))
    return examples
