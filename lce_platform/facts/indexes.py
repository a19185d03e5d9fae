"""Indexes of the content by sector, activity type and resource kind, computed once per build.

Pages read them by key; nothing scans every item for each page (the archive grows to thousands).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lce_platform.content.model import ALL_SECTORS, ResourceKind
from lce_platform.content.collections import ACTIVITIES, RESOURCES
from lce_platform.content.site import Entry, Site
from lce_platform.facts.timeline import PHASES, Phase, activities_by_phase


def resource_order(entry: Entry) -> tuple:
    """Sort key putting the newest resource first (then by id, for a stable order)."""
    return (-entry.data.date.begins().timestamp(), entry.id)


def sectors_of(entry: Entry, sector_ids: list[str]) -> list[str]:
    """The sectors an item is listed under: its own, or every sector when it is for 'all'."""
    sectors = entry.data.sectors
    return list(sector_ids) if ALL_SECTORS in sectors else [sector for sector in sectors if sector in sector_ids]


@dataclass(frozen=True)
class SiteIndexes:
    """Activities and resources grouped the ways the site lists them, each list in reading order."""

    resources: list[Entry]
    """Every resource, newest first."""
    resources_by_kind: dict[str, list[Entry]]
    resources_by_sector: dict[str, list[Entry]]
    activities_by_sector: dict[str, dict[Phase, list[Entry]]]
    """Per sector: its ongoing, upcoming and past activities (items for 'all' in every sector)."""
    activities_by_type: dict[str, dict[Phase, list[Entry]]]

    @classmethod
    def of(cls, site: Site) -> SiteIndexes:
        """Build every index in one pass over each collection."""
        sector_ids = list(site.vocabularies["sectors"])
        type_ids = list(site.vocabularies["activity-types"])
        resources = sorted(site.collection(RESOURCES), key=resource_order)
        by_kind: dict[str, list[Entry]] = {kind.value: [] for kind in ResourceKind}
        by_sector: dict[str, list[Entry]] = {sector: [] for sector in sector_ids}
        for entry in resources:
            by_kind[entry.data.kind.value].append(entry)
            for sector in sectors_of(entry, sector_ids):
                by_sector[sector].append(entry)

        phases = activities_by_phase(site.collection(ACTIVITIES), site.today)
        activities_by_sector = {sector: {name: [] for name in PHASES} for sector in sector_ids}
        activities_by_type = {kind: {name: [] for name in PHASES} for kind in type_ids}
        for name in PHASES:
            for entry in phases[name]:
                activities_by_type[entry.data.type][name].append(entry)
                for sector in sectors_of(entry, sector_ids):
                    activities_by_sector[sector][name].append(entry)
        return cls(resources, by_kind, by_sector, activities_by_sector, activities_by_type)

    def resource_years(self) -> list[int]:
        """Years that have resources, newest first."""
        return sorted({entry.data.date.first_day.year for entry in self.resources}, reverse=True)


def resource_year(entry: Entry) -> int:
    """The year a resource is filed under."""
    day: date = entry.data.date.first_day
    return day.year
