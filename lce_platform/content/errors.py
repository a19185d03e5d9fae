"""Content errors that a member of staff can act on: file, line, field, what is wrong, what is allowed."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


def closest(value: object, allowed: Iterable[str]) -> str | None:
    """The allowed value a typo most probably meant, if any is close enough."""
    if not isinstance(value, str | int):
        return None
    allowed = list(allowed)
    text = str(value).strip().lower()
    folded = {candidate.lower(): candidate for candidate in allowed}
    if text in folded:
        return folded[text]
    matches = difflib.get_close_matches(text, list(folded), n=1, cutoff=0.6)
    if matches:
        return folded[matches[0]]
    prefixed = [candidate for candidate in allowed if candidate.startswith(text[:4])] if len(text) >= 4 else []
    return prefixed[0] if len(prefixed) == 1 else None


def allowed_list(allowed: Iterable[str], limit: int = 16) -> str:
    """A short, readable list of allowed values."""
    values = sorted(allowed)
    shown = ", ".join(values[:limit])
    return shown + (f", … ({len(values) - limit} more)" if len(values) > limit else "")


@dataclass(frozen=True)
class ContentError(Exception):
    """One problem in one content file."""

    path: str
    line: int
    field: str
    problem: str
    allowed: str | None = None
    suggestion: str | None = None

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.field}: {self.problem}"
        if self.allowed:
            text += f"; allowed: {self.allowed}"
        if self.suggestion:
            text += f"; did you mean '{self.suggestion}'?"
        return text


class ContentErrors(Exception):
    """Every problem found in the content, reported together."""

    def __init__(self, errors: Iterable[ContentError]):
        self.errors = sorted(set(errors), key=lambda error: (error.path, error.line, error.field, error.problem))
        super().__init__(self.report())

    def report(self) -> str:
        """All problems, one a line, with a count."""
        files = len({error.path for error in self.errors})
        head = f"{len(self.errors)} content error(s) in {files} file(s):"
        return "\n".join([head, *(f"  {error}" for error in self.errors)])
