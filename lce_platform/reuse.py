"""Work the preview server keeps between its rebuilds. A build keeps no output from one step to the next (keeping would
only hold the archive's output in memory until the build ends); within one step, list items met again are rendered
once (render.items_rendered_once). What every build keeps is small and per object: a result computed from one object
lives as long as the object (computed_once_per_object)."""

from __future__ import annotations

import operator
import weakref
from collections.abc import Callable, Hashable
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


class Same:
    """Objects as part of a key of kept work: equal only to the very same objects in the same order. The preview's
    loader keeps an unchanged file's entry (and unchanged vocabularies) as the same object from one rebuild to the
    next, so work keyed by it is found again, and a saved file's new entry never finds its old one's. A list of
    thousands of entries is hashed and compared in one go."""

    __slots__ = ("values", "_hash")

    def __init__(self, *values: Any):
        self.values = values  # held, so that their ids are not given to other objects while the key lives
        self._hash = hash(tuple(map(id, values)))

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Same) and len(other.values) == len(self.values)
                and all(map(operator.is_, self.values, other.values)))


KEPT_RESULTS = 4096
"""Results kept_result holds at most (the oldest used go first): several rebuilds' lists of a large archive."""
_kept_results: dict[tuple, Any] = {}


def kept_result(key: tuple, make: Callable[[], Result]) -> Result:
    """make(), which the preview server keeps under `key` (everything the result is made from) for later rebuilds."""
    if not _keeping:
        return make()
    if key in _kept_results:
        result = _kept_results.pop(key)
    else:
        result = make()
        if len(_kept_results) >= KEPT_RESULTS:
            del _kept_results[next(iter(_kept_results))]
    _kept_results[key] = result
    return result


_kept_in_slots: dict[Hashable, tuple[tuple, Any]] = {}
"""kept_while's results, by slot, each with its key."""


def kept_while(slot: Hashable, key: tuple, make: Callable[[], Result]) -> Result:
    """make(), which the preview server keeps in `slot` (one result each, such as a file's) for later rebuilds while
    `key` (everything the result is made from, compared with ==) stays the same."""
    if not _keeping:
        return make()
    kept = _kept_in_slots.get(slot)
    if kept is None or kept[0] != key:
        kept = _kept_in_slots[slot] = (key, make())
    return kept[1]


def computed_once_per_object(function: Callable[[Any], Result]) -> Callable[[Any], Result]:
    """A function of one immutable object (a frozen model), computed once per object, in every build: the archive's
    lists ask for the same activity's instants about twenty times a build (its phase, its state, its list items, its
    order). Keyed by identity, so a saved file's new entry is computed again and equal objects are never hashed; a
    result is kept only while its object lives (a weak reference lets it go with it), so the preview, each save of
    which makes new entries, keeps none for the entries it has let go."""
    results: dict[int, tuple[weakref.ref, Result]] = {}

    @wraps(function)
    def once(value: Any) -> Result:
        key = id(value)
        found = results.get(key)
        if found is not None and found[0]() is value:
            return found[1]
        result = function(value)
        results[key] = (weakref.ref(value, lambda _gone, key=key: results.pop(key, None)), result)
        return result

    return once
