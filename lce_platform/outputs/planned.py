"""What the build plan is made of besides content pages: pages the build generates, and files that are not pages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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


@dataclass(frozen=True)
class SiteFile:
    """A file of the built site that is not a page (feed, sitemap, image…): its bytes, or the file it copies."""

    path: str
    content: bytes | str | None = None
    source: Path | None = None

    def data(self) -> bytes:
        """The file's bytes."""
        if self.source is not None:
            return self.source.read_bytes()
        return self.content.encode("utf-8") if isinstance(self.content, str) else self.content or b""
