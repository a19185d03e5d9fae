"""What the build plan is made of besides content pages: pages the build generates, and files that are not pages."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
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


def kept_file(path: str, folder: Path | None, name: str, make: Callable[[], bytes]) -> SiteFile:
    """The site's file at `path`, made once and kept in `folder` as `name` (which names everything its bytes depend
    on): copied from there when an earlier build made it; made every time without a folder."""
    if folder is None:
        return SiteFile(path, make())
    kept = folder / name
    if not kept.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        # Both languages build at once: written aside, then renamed, so no build reads half a file.
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
        with os.fdopen(handle, "wb") as part:
            part.write(make())
        os.replace(temporary, kept)
    return SiteFile(path, source=kept)
