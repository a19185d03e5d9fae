"""What the build plan is made of besides content pages: pages the build generates, and files that are not pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from lce_platform.aside import aside_field
from lce_platform.build_cache import replace_file


@dataclass(frozen=True)
class GeneratedPage:
    """A page the build writes from the content (calendar, indexes, staff docs…), rendered by the theme."""

    src_uri: str
    title: str
    markdown: str = ""
    html: str = ""
    summary: str | None = None
    hide: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    """src_uris of the content entries the page lists (its last change is theirs)."""
    make_html: Callable[[], str] | None = field(default=None, repr=False, compare=False)
    """How to make `html`, called by `rendered`: a build renders every page, a check (`lce check`), which needs only
    each page's address and title, renders none (the HTML of the archive's listings is most of a plan's time)."""

    def rendered(self) -> GeneratedPage:
        """The page with its HTML made."""
        if self.make_html is None:
            return self
        return replace(self, html=self.make_html(), make_html=None)


# Every generated page is planned before a build converts the first: held in memory, the lists of the archive.
GeneratedPage.markdown = aside_field("markdown")  # type: ignore[assignment]
GeneratedPage.html = aside_field("html")  # type: ignore[assignment]


@dataclass(frozen=True)
class SiteFile:
    """A file of the built site that is not a page (feed, sitemap, image…): its bytes, the file it copies, or how to
    make them (`make`, called only when the file is written); and, for a build that keeps the previous build's files
    (build_cache.py), what it is made from."""

    path: str
    content: bytes | str | None = None
    source: Path | None = None
    make: Callable[[], bytes | str] | None = None
    made_from: tuple[str, ...] | None = None
    """The src_uris of the entries whose files the file shows, besides what every page of the build may show (the
    build's facts and code) and what its path says (a share card's is a digest of what it shows): a file made from
    the same files is the same file (BuildPlan.file_key). None: a file made from more (the whole archive, packages
    outside the content), made again by every build."""
    facts: str = ""
    """Anything else the file shows, as text (a chart's numbers): part of its key."""

    def data(self) -> bytes:
        """The file's bytes (made now, when it has a maker)."""
        if self.make is not None:
            content = self.make()
        elif self.source is not None:
            return self.source.read_bytes()
        else:
            content = self.content
        return content.encode("utf-8") if isinstance(content, str) else content or b""


def kept_bytes(folder: Path | None, name: str, make: Callable[[], bytes]) -> bytes:
    """Bytes made once and kept in `folder` as `name` (which names everything they depend on): read from there when
    an earlier build made them; made every time without a folder."""
    if folder is None:
        return make()
    kept = folder / name
    if kept.is_file():
        return kept.read_bytes()
    made = make()
    folder.mkdir(parents=True, exist_ok=True)
    replace_file(kept, made)  # both languages build at once: neither reads half a file
    return made
