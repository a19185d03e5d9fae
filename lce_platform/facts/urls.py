"""The site's addresses: where a content file's page is, and how one page links to another.

Every address is relative to a language root ('' is the home page). This module imports nothing of the project,
so the loader may use it too.
"""

from __future__ import annotations

import posixpath


def url_of(src_uri: str) -> str:
    """The directory-style URL MkDocs gives a Markdown file (relative to the language root)."""
    stem = src_uri[: -len(".md")]
    if posixpath.basename(stem) in ("index", "README"):
        parent = posixpath.dirname(stem)
        return parent + "/" if parent else ""
    return stem + "/"


def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url`, both directory-style URLs under one root."""
    # What posixpath.relpath gives, on the path segments (lists link tens of thousands of times per build).
    source = [part for part in from_url.split("/") if part]
    destination = [part for part in to_url.split("/") if part]
    common = 0
    while common < min(len(source), len(destination)) and source[common] == destination[common]:
        common += 1
    target = "/".join([".."] * (len(source) - common) + destination[common:]) or "."
    if to_url.endswith("/") or to_url == "":
        target = target.rstrip("/") + "/" if target != "." else "./"
    return target
