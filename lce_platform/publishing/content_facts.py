"""Facts staff know about their content (content/checks/facts.yml), checked by `lce facts` (`make check-facts`).

The verdict (verdict.py) decides whether content can be published at all; a fact is what the programme's content
must say (a title, a date, the funders), so a change that contradicts one is stopped in review. Staff own the
file; the engineering tests use fixtures.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from lce_platform.content.errors import ContentError
from lce_platform.content.site import Site
from lce_platform.content.source import parse_yaml_with_lines

FACTS_FILE = Path("checks") / "facts.yml"
"""Where the facts live, under the content folder."""
ENGLISH_FIELDS = {"title_en": "title", "summary_en": "summary"}


def plain(value: Any) -> Any:
    """A field's value as written in YAML: ids, ISO dates and lists of them."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if hasattr(value, "iso"):
        return value.iso()
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def holds(actual: Any, expected: Any) -> bool:
    """Whether a written value agrees with a fact; a day agrees with any time on it."""
    actual, expected = plain(actual), plain(expected)
    if isinstance(expected, str) and isinstance(actual, str) and len(expected) == 10 and expected[4] == "-":
        return actual.startswith(expected)
    return actual == expected


def fact_problems(site: Site, facts_file: Path) -> list[ContentError]:
    """Every fact of `facts_file` the loaded content contradicts, named at the content file's line."""
    shown = f"content/{FACTS_FILE.as_posix()}"
    data, lines = parse_yaml_with_lines(facts_file.read_text(encoding="utf-8"), shown, first_line=1)
    by_file = {variant.path.removeprefix("content/"): entry
               for entry in site.entries.values() for variant in entry.variants.values()}
    problems = []
    for number, fact in enumerate((data or {}).get("facts") or []):
        entry = by_file.get(str(fact.get("file")))
        if entry is None:
            problems.append(ContentError(shown, lines.get(("facts", number), 1), "file",
                                         f"content/{fact.get('file')} does not exist, but a fact is about it"))
            continue
        problems += _contradictions(entry, fact, shown)
    return problems


def _contradictions(entry, fact: dict, shown: str) -> Iterable[ContentError]:
    for name, expected in fact.items():
        if name == "file":
            continue
        if name in ENGLISH_FIELDS:
            actual, line = entry.text(ENGLISH_FIELDS[name], "en"), 1
        elif hasattr(entry.data, name):
            actual, line = getattr(entry.data, name), entry.line_of(name)
        else:
            yield ContentError(shown, 1, name, f"is not a field of {entry.path}")
            continue
        if not holds(actual, expected):
            yield ContentError(entry.path, line, name,
                               f"is {plain(actual)!r}, but {shown} says {plain(expected)!r}; correct the one "
                               "that is wrong")
