"""What the programmes did, in numbers: activities per year, type, sector and area, bookings, what was published and
participants. Counted from the loaded site in one pass over each collection, in no language."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from lce_platform.content.collections import ACTIVITIES, PROGRAMMES, RESOURCES
from lce_platform.content.model import ALL_SECTORS, Activity, ResourceKind, Status
from lce_platform.content.site import Entry, Site
from lce_platform.facts.timeline import PHASES, Phase, activity_year, phase

FULLY_BOOKED = (Status.full, Status.waitlist)
"""Statuses of an activity that had no free place left (a waiting list opens only when it is full)."""


@dataclass(frozen=True)
class Participants:
    """People planned and reported: the programme's planned number (None when no source gives one) and the sum of
    the numbers reported for its activities, with how many of them report one."""

    planned: int | None
    reported: int
    activities_reporting: int
    activities: int

    @property
    def any_reported(self) -> bool:
        """Whether any activity reports a number (else there is no reported figure at all, not a zero)."""
        return self.activities_reporting > 0


@dataclass(frozen=True)
class Impact:
    """The numbers of one programme, or of every programme together (the platform)."""

    programme: str | None
    """The programme's id; None for the whole platform."""
    activities: int
    by_year: dict[int | None, int]
    """Activities per year, oldest first; None (no year known) last."""
    by_type: dict[str, int]
    """Per activity type, in the vocabulary's order; only types with activities."""
    by_sector: dict[str, int]
    """Per sector, in the vocabulary's order, then 'all' (activities for every sector are counted there, once)."""
    by_area: dict[str, int]
    """Per programme area, in the vocabulary's order; only areas with activities."""
    by_status: dict[str, int]
    """Per booking status, in the model's order; only statuses that occur."""
    by_phase: dict[Phase, int]
    """Ongoing, upcoming and past on the build's today, as the calendar splits them."""
    fully_booked: int
    resources: int
    resources_by_kind: dict[str, int]
    """Published resources per kind (recordings, materials…), in the model's order; only kinds that occur."""
    participants: Participants
    by_programme: dict[str, Impact] = field(default_factory=dict)
    """The platform's numbers per programme (empty for a programme)."""


class _Tally:
    """Counts of one programme or of the platform while the activities and resources are read."""

    def __init__(self) -> None:
        self.years: Counter[int | None] = Counter()
        self.types: Counter[str] = Counter()
        self.sectors: Counter[str] = Counter()
        self.areas: Counter[str] = Counter()
        self.statuses: Counter[str] = Counter()
        self.phases: Counter[str] = Counter()
        self.kinds: Counter[str] = Counter()
        self.activities = 0
        self.reported = 0
        self.reporting = 0

    def add_activity(self, activity: Activity, today: date) -> None:
        self.activities += 1
        self.years[activity_year(activity)] += 1
        self.types[activity.type] += 1
        self.areas[activity.area] += 1
        self.statuses[activity.status.value] += 1
        self.phases[phase(activity, today)] += 1
        for sector in activity.sectors:
            self.sectors[sector] += 1
        if activity.reported_participants is not None:
            self.reported += activity.reported_participants
            self.reporting += 1

    def impact(self, site: Site, programme: str | None, planned: int | None) -> Impact:
        vocabularies = site.vocabularies
        return Impact(
            programme=programme,
            activities=self.activities,
            by_year={year: self.years[year] for year in sorted(self.years, key=lambda year: (year is None, year or 0))},
            by_type=_in_order(self.types, vocabularies["activity-types"]),
            by_sector=_in_order(self.sectors, [*vocabularies["sectors"], ALL_SECTORS]),
            by_area=_in_order(self.areas, vocabularies["areas"]),
            by_status=_in_order(self.statuses, [status.value for status in Status]),
            by_phase={name: self.phases[name] for name in PHASES},
            fully_booked=sum(self.statuses[status.value] for status in FULLY_BOOKED),
            resources=sum(self.kinds.values()),
            resources_by_kind=_in_order(self.kinds, [kind.value for kind in ResourceKind]),
            participants=Participants(planned, self.reported, self.reporting, self.activities),
        )


def _in_order(counts: Counter[str], order) -> dict[str, int]:
    return {key: counts[key] for key in order if counts[key]}


def resource_programme(entry: Entry, activity_programmes: dict[str, str]) -> str | None:
    """The programme a resource belongs to: its activity's, else its own `programme`, else none."""
    resource = entry.data
    if resource.activity and resource.activity in activity_programmes:
        return activity_programmes[resource.activity]
    return resource.programme


def site_impact(site: Site) -> Impact:
    """The platform's numbers, with each programme's (every programme of the site, also one with no activity)."""
    programmes = {entry.id: entry for entry in site.collection(PROGRAMMES)}
    platform = _Tally()
    tallies = {programme: _Tally() for programme in programmes}
    activity_programmes: dict[str, str] = {}
    for entry in site.collection(ACTIVITIES):
        activity = entry.data
        activity_programmes[entry.id] = activity.programme
        platform.add_activity(activity, site.today)
        tallies[activity.programme].add_activity(activity, site.today)
    for entry in site.collection(RESOURCES):
        kind = entry.data.kind.value
        platform.kinds[kind] += 1
        programme = resource_programme(entry, activity_programmes)
        if programme is not None:
            tallies[programme].kinds[kind] += 1
    by_programme = {programme: tallies[programme].impact(site, programme, entry.data.participants)
                    for programme, entry in programmes.items()}
    # Planned numbers are per programme and are not added up: one programme without one would make a total wrong.
    return replace(platform.impact(site, None, None), by_programme=by_programme)
