"""Work the preview server keeps between its rebuilds. A build does each piece of work once, so it keeps nothing:
keeping would only hold the archive's output in memory until the build ends."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

Result = TypeVar("Result")

_keeping = False


def keep_between_builds() -> None:
    """Called once by the preview server: from now on, kept work is reused by the next rebuilds."""
    global _keeping
    _keeping = True


def keeping() -> bool:
    """Whether this process keeps work between builds (the preview server)."""
    return _keeping


def kept_between_builds(function: Callable[..., Result]) -> Callable[..., Result]:
    """Memoize a pure function of hashable arguments, in the preview server only."""
    results: dict[tuple, Any] = {}

    @wraps(function)
    def reused(*args: Any) -> Result:
        if not _keeping:
            return function(*args)
        if args not in results:
            results[args] = function(*args)
        return results[args]

    return reused
