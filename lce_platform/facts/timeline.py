"""Where activities stand in time: upcoming, ongoing or past, as of the build's today (Europe/Stockholm)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Literal

from lce_platform.content.model import Activity
from lce_platform.content.moments import STOCKHOLM
from lce_platform.content.collections import RESOURCES
from lce_platform.content.site import Entry, Site

Phase = Literal["upcoming", "ongoing", "past"]
PHASES: tuple[Phase, ...] = ("ongoing", "upcoming", "past")


def activity_begins(activity: Activity) -> datetime:
    """The first instant of the activity (its start, or its first session if earlier)."""
    starts = [activity.start.begins(), *(session.start.begins() for session in activity.sessions)]
    return min(starts)


def activity_ends(activity: Activity) -> datetime:
    """The instant right after the activity: its end, its last session's end, or the end of its start."""
    ends = [(activity.end or activity.start).ends()]
    ends += [(session.end or session.start).ends() for session in activity.sessions]
    return max(ends)


def build_instant(today: date) -> datetime:
    """The instant a build stands at: the start of its day in Stockholm (visitors' clocks refine it)."""
    return datetime.combine(today, time(0), tzinfo=STOCKHOLM)


def phase(activity: Activity, today: date) -> Phase:
    """Upcoming if it starts after the start of today, past if it ended by then, else ongoing."""
    now = build_instant(today)
    if activity_begins(activity) > now:
        return "upcoming"
    if activity_ends(activity) <= now:
        return "past"
    return "ongoing"


def sort_key(entry: Entry, which: Phase) -> tuple:
    """Order within a phase: upcoming soonest first, ongoing ending soonest first, past newest first."""
    activity: Activity = entry.data
    if which == "upcoming":
        return (activity_begins(activity), entry.id)
    if which == "ongoing":
        return (activity_ends(activity), entry.id)
    return (-activity_ends(activity).timestamp(), -activity_begins(activity).timestamp(), entry.id)


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
