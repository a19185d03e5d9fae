"""A new content file, written where it belongs with a clean name, and checked like the build checks it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from lce_platform.content.collections import ACTIVITIES, PROGRAMMES, RESOURCES, Collection
from lce_platform.content.errors import ContentError, ContentErrors
from lce_platform.content.loader import load_site

REQUIRED: dict[Collection[Any], tuple[str, ...]] = {
    ACTIVITIES: ("title", "type", "programme", "area", "sectors"),
    RESOURCES: ("title", "kind", "date", "sectors", "summary"),
    PROGRAMMES: ("title", "summary", "start"),
}
"""What each collection `lce new` writes needs before a file can be written: the model's required fields, and a
programme's start."""
UNDATED_BOUNDS: dict[Collection[Any], tuple[str, ...]] = {ACTIVITIES: ("after", "before")}
"""What stands for `start` when no date has been announced: the model asks an activity for its start, or for after
and/or before (it is then written to activities/undated/)."""
KINDS: dict[str, Collection[Any]] = {collection.singular("en"): collection for collection in REQUIRED}
"""The collections `lce new` writes, by the name it takes (activity, resource, programme)."""
LIST_FIELDS = {"sectors", "facilitators", "contact", "authors"}
MAX_SLUG_LENGTH = 80


class ScaffoldError(Exception):
    """The file cannot be written (it exists, or a required value is missing)."""


@dataclass(frozen=True)
class NewFile:
    """A file the scaffolder wrote: where, and its English translation if one was asked for."""

    path: Path
    translation: Path | None


def clean_slug(title: str) -> str:
    """A file name from a title: å ä ö é and punctuation transliterated, lowercase words joined by '-'."""
    slug = slugify(title, max_length=MAX_SLUG_LENGTH, word_boundary=True, lowercase=True)
    if not slug:
        raise ScaffoldError(f"title: '{title}' gives no file name; use letters or digits")
    return slug


def _frontmatter(values: dict[str, Any]) -> str:
    data = {}
    for name, value in values.items():
        if value in (None, "", ()):
            continue
        data[name] = list(value) if isinstance(value, tuple | list) else value
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def file_text(values: dict[str, Any], body: str) -> str:
    """A Markdown file with YAML frontmatter."""
    return f"---\n{_frontmatter(values)}---\n\n{body.strip()}\n"


def missing_values(kind: str, values: dict[str, Any]) -> list[str]:
    """The required fields of `kind` without a value ('start' for an activity with neither start nor bounds)."""
    collection = KINDS[kind]
    missing = [name for name in REQUIRED[collection] if values.get(name) in (None, "", ())]
    bounds = UNDATED_BOUNDS.get(collection)
    if bounds and all(values.get(name) in (None, "", ()) for name in ("start", *bounds)):
        missing.append("start")
    return missing


def write_new(content_dir: Path, kind: str, values: dict[str, Any], english: dict[str, str] | None = None,
              body: str = "", today: date | None = None, repo_prefix: str = "content/") -> NewFile:
    """Write a new file of `kind`; check it with the build's loader and remove it again if it is wrong."""
    if kind not in KINDS:
        raise ScaffoldError(f"kind: '{kind}' is not allowed; allowed: {', '.join(KINDS)}")
    missing = missing_values(kind, values)
    if missing:
        raise ScaffoldError(f"missing: {', '.join(missing)}")
    try:
        folder = KINDS[kind].folder_for(values)
    except ValueError as error:
        raise ScaffoldError(f"start: {error}") from None
    relative = f"{folder}/{clean_slug(values['title'])}.md"
    path = content_dir / relative
    translation = path.with_suffix(".en.md") if english else None
    for existing in (path, translation):
        if existing is not None and existing.exists():
            raise ScaffoldError(f"{repo_prefix}{existing.relative_to(content_dir).as_posix()} already exists; "
                                "choose another title or edit that file")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(file_text(values, body or values.get("summary") or ""), encoding="utf-8")
    if translation is not None:
        translation.write_text(file_text(english, english.get("summary") or english["title"]), encoding="utf-8")
    _check_written(content_dir, [path, translation], today or date.today(), repo_prefix)
    return NewFile(path, translation)


def _check_written(content_dir: Path, written: list[Path | None], today: date, repo_prefix: str) -> None:
    """Load the whole content as the build does; undo the new files if they have errors of their own."""
    shown = {f"{repo_prefix}{path.relative_to(content_dir).as_posix()}" for path in written if path is not None}
    try:
        load_site(content_dir, today, repo_prefix)
    except ContentErrors as errors:
        own: list[ContentError] = [error for error in errors.errors if error.path in shown]
        if own:
            for path in written:
                if path is not None:
                    path.unlink(missing_ok=True)
            raise ContentErrors(own) from None
