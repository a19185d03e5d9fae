"""Markdown converted once for both languages.

`make build` runs the Swedish and the English build at once, one per core, and most pages convert the same
Markdown in both: an activity written in one language is shown in the other with a notice. Each build leaves
its conversions in one SQLite file both read (a file per conversion cost more to write and remove than the
conversions it saved); the first language converts the archive from its start and the second from its end,
so they meet in the middle and each converts about half. Converted HTML differs between the languages only
in the title of the section permalinks, which is swapped on reuse. Without the file (a single build, the
preview server, the tests) every build converts everything itself.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from lce_platform.content.model import LANGUAGES

SHARED_CONVERSIONS = "LCE_SHARED_CONVERSIONS"
"""Environment variable `make build` sets to the file the builds of one run share."""


@dataclass(frozen=True)
class Conversion:
    """What MkDocs learns from converting one page's Markdown."""

    html: str
    permalink_title: str
    toc: Any
    title: str | None
    anchor_ids: frozenset[str]
    links_to_anchors: dict[str, dict[str, str]] | None


def converts_from_the_end(language: str) -> bool:
    """Whether this language's build walks the pages backwards, to meet the other language's build midway."""
    return LANGUAGES.index(language) % 2 == 1


def with_permalink_title(html: str, old: str, new: str) -> str:
    """The converted HTML with the section permalinks titled in another language."""
    if old == new:
        return html
    pattern = re.compile(r'(<a class="headerlink" href="[^"]*" title=")' + re.escape(escape(old)) + '"')
    return pattern.sub(lambda found: found[1] + escape(new) + '"', html)


class ConversionStore:
    """A file of conversions, keyed by everything the converted HTML depends on but the permalink title."""

    def __init__(self, path: Path, extensions: Iterable[Any], extension_settings: dict[str, Any],
                 page_urls: Iterable[tuple[str, str]]) -> None:
        settings = {name: dict(values) for name, values in extension_settings.items()}
        self.permalink_title = str(settings.get("toc", {}).pop("permalink_title", ""))
        # Links resolve against the other pages, so builds with different pages never share.
        self._context = hashlib.sha256(json.dumps(
            [[str(extension) for extension in extensions], settings, sorted(page_urls)],
            sort_keys=True, default=repr,
        ).encode())
        path.parent.mkdir(parents=True, exist_ok=True)
        # Both builds write at once: a writer waits for the other. Nothing needs to survive a crash, so the
        # journal stays in memory (a journal file made and removed per write costs more than the write).
        self._database = sqlite3.connect(path, timeout=60, isolation_level=None)
        self._database.execute("PRAGMA journal_mode=MEMORY")
        self._database.execute("PRAGMA synchronous=OFF")
        self._database.execute("CREATE TABLE IF NOT EXISTS conversions (key TEXT PRIMARY KEY, value BLOB NOT NULL)")

    def key(self, src_uri: str, markdown: str) -> str:
        digest = self._context.copy()  # the context names every page: hashed once, not once per page
        digest.update(src_uri.encode() + b"\0" + markdown.encode())
        return digest.hexdigest()

    def get(self, key: str) -> Conversion | None:
        """A conversion either build left, in this build's language (None if not converted yet)."""
        row = self._database.execute("SELECT value FROM conversions WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        found: Conversion = pickle.loads(row[0])
        html = with_permalink_title(found.html, found.permalink_title, self.permalink_title)
        return Conversion(html, self.permalink_title, found.toc, found.title, found.anchor_ids,
                          found.links_to_anchors)

    def put(self, key: str, conversion: Conversion) -> None:
        """Leave a conversion for the other build."""
        value = pickle.dumps(conversion, protocol=pickle.HIGHEST_PROTOCOL)
        self._database.execute("INSERT OR REPLACE INTO conversions VALUES (?, ?)", (key, value))
