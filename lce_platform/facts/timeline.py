"""Where activities stand in time: upcoming, ongoing or past, as of the build's today (Europe/Stockholm)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time
from functools import lru_cache
from typing import Literal

from lce_platform.content.model import Activity, Programme, Status
from lce_platform.content.moments import STOCKHOLM
from lce_platform.content.collections import RESOURCES
from lce_platform.content.site import Entry, Site
from lce_platform.reuse import computed_once_per_object

Phase = Literal["upcoming", "ongoing", "past"]
PHASES: tuple[Phase, ...] = ("ongoing", "upcoming", "past")


@lru_cache(maxsize=4096)
def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=STOCKHOLM)


@computed_once_per_object
def activity_begins(activity: Activity) -> datetime | None:
    """The first instant of the activity (its start, or its first session if earlier); None when its start has
    not been announced."""
    if activity.start is None:
        return None
    starts = [activity.start.begins(), *(session.start.begins() for session in activity.sessions)]
    return min(starts)


@computed_once_per_object
def activity_ends(activity: Activity) -> datetime | None:
    """The instant right after the activity: its end, its last session's end, or the end of its start; None when
    neither its start nor its end is known."""
    if activity.start is None and activity.end is None:
        return None
    ends = [(activity.end or activity.start).ends()]
    ends += [(session.end or session.start).ends() for session in activity.sessions]
    return max(ends)


def begun_by(activity: Activity) -> datetime | None:
    """The latest instant by which the activity has begun: its first instant, or the start of its `before` day."""
    begins = activity_begins(activity)
    if begins is not None:
        return begins
    return _midnight(activity.before) if activity.before else None


def ended_by(activity: Activity) -> datetime | None:
    """The latest instant by which the activity has ended: right after its end, or, without start and end, the start
    of its `before` day (it took place before then)."""
    ends = activity_ends(activity)
    if ends is not None:
        return ends
    return _midnight(activity.before) if activity.before else None


def activity_year(activity: Activity) -> int | None:
    """The year an activity belongs to in the archive: the year it begins, else (start not announced) the year it
    ends, else None (its year is not known)."""
    if activity.start is not None:
        return activity_begins(activity).year
    return activity.end.first_day.year if activity.end is not None else None


def build_instant(today: date) -> datetime:
    """The instant a build stands at: the start of its day in Stockholm (visitors' clocks refine it)."""
    return _midnight(today)


def phase(activity: Activity, today: date) -> Phase:
    """Past when it has ended by the start of today, ongoing when it has begun by then, else upcoming. An activity
    without start is upcoming until its `before` day (or its end) says it has begun."""
    now = build_instant(today)
    ended = ended_by(activity)
    if ended is not None and ended <= now:
        return "past"
    begun = begun_by(activity)
    if begun is not None and begun <= now:
        return "ongoing"
    return "upcoming"


NOT_HELD = frozenset({Status.cancelled, Status.postponed})
"""Statuses that say an activity did not take place when it was planned: past, they stay what they are."""


def took_place(activity: Activity, today: date) -> bool:
    """Whether the activity is over and was held: past as of today, and neither cancelled nor postponed."""
    return activity.status not in NOT_HELD and phase(activity, today) == "past"


def programme_phase(programme: Programme, today: date) -> Phase | None:
    """Where a programme's period stands as of `today`: past once its end has passed, ongoing from its start,
    upcoming before it. None when its start is not known, or when it has begun and its end is not known (nothing is
    said about an end nobody gave)."""
    if programme.start is None:
        return None
    now = build_instant(today)
    if programme.end is not None and programme.end.ends() <= now:
        return "past"
    if programme.start.begins() > now:
        return "upcoming"
    return "ongoing" if programme.end is not None else None


_LAST = datetime.max.replace(tzinfo=STOCKHOLM)


def sort_key(entry: Entry, which: Phase) -> tuple:
    """Order within a phase: upcoming soonest first, ongoing ending soonest first, past newest first. Activities
    whose time is unknown come last: upcoming ones without start after the dated ones (by their `after` day), past
    ones known only to have been before some day after every dated one (by that day, newest first)."""
    activity: Activity = entry.data
    begins = activity_begins(activity)
    if which == "upcoming":
        if begins is None:
            return (1, _midnight(activity.after) if activity.after else _LAST, entry.id)
        return (0, begins, entry.id)
    ends = activity_ends(activity)
    if which == "ongoing":
        return (ends or _LAST, entry.id)
    if ends is None:
        before = ended_by(activity)
        return (1, -before.timestamp() if before else 0.0, 0.0, entry.id)
    return (0, -ends.timestamp(), -(begins or ends).timestamp(), entry.id)


def activities_by_phase(entries: Iterable[Entry], today: date) -> dict[Phase, list[Entry]]:
    """Activities split into ongoing, upcoming and past, each in its reading order."""
    groups: dict[Phase, list[Entry]] = {name: [] for name in PHASES}
    for entry in entries:
        groups[phase(entry.data, today)].append(entry)
    return {name: sorted(items, key=lambda entry: sort_key(entry, name)) for name, items in groups.items()}


def resources_by_activity(site: Site) -> dict[str, list[Entry]]:
    """Resources grouped by the activity they name, newest first."""
    index: dict[str, list[Entry]] = defaultdict(list)
    for entry in site.collection(RESOURCES):
        if entry.data.activity:
            index[entry.data.activity].append(entry)
    for items in index.values():
        items.sort(key=lambda entry: (entry.data.date.begins(), entry.id), reverse=True)
    return dict(index)
