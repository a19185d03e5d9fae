"""One language's edition of the site: what every output is made from (the loaded site, its language and addresses,
and the facts computed once per build). The outputs take an Edition, never the build plan that calls them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from lce_platform.content.model import LANGUAGES, ONLINE, Activity
from lce_platform.facts.history import FileDates, read_history
from lce_platform.facts.impact import Impact, site_impact
from lce_platform.facts.indexes import SiteIndexes
from lce_platform.facts.people import PeopleIndex
from lce_platform.content.collections import ACTIVITIES
from lce_platform.content.site import Entry, Site
from lce_platform.facts.timeline import Phase, activities_by_phase, phase, resources_by_activity
from lce_platform.outputs import i18n


@dataclass
class Edition:
    """The site in one language: the content, the language, each language's root address and the site's name."""

    site: Site
    language: str
    roots: dict[str, str]
    site_name: str = ""
    share_card_cache: Path | None = None
    """A folder of share images drawn by earlier builds, by their digest; None draws every one."""
    chart_cache: Path | None = None
    """A folder of impact charts drawn by earlier builds, by a digest of what they show; None draws every one."""

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(f"theme.language must be one of {', '.join(LANGUAGES)}, not {self.language!r}")

    @property
    def today(self) -> date:
        """The build's today (SITE_TODAY or Stockholm's today)."""
        return self.site.today

    def t(self, key: str) -> str:
        """Interface text in this edition's language."""
        return i18n.t(self.language, key)

    def entry(self, src_uri: str) -> Entry | None:
        """The content entry shown at src_uri, if it is not a generated page."""
        return self.site.entries.get(src_uri)

    @cached_property
    def phases(self) -> dict[Phase, list[Entry]]:
        """Every activity as ongoing, upcoming or past on the build's today, each in reading order."""
        return activities_by_phase(self.site.collection(ACTIVITIES), self.today)

    @cached_property
    def resources_by_activity(self) -> dict[str, list[Entry]]:
        """Resources of each activity id, newest first."""
        return resources_by_activity(self.site)

    @cached_property
    def indexes(self) -> SiteIndexes:
        """Activities and resources by sector, type and kind, computed once per build."""
        return SiteIndexes.of(self.site)

    @cached_property
    def impact(self) -> Impact:
        """The platform's numbers and each programme's, counted once per build."""
        return site_impact(self.site)

    @cached_property
    def people(self) -> PeopleIndex:
        """The people and organisations the content names, and what for, computed once per build."""
        return PeopleIndex.of(self.site, self.phases, self.indexes.resources)

    @cached_property
    def history(self) -> dict[str, FileDates]:
        """The content's git history, read once per build."""
        return read_history(self.site.content_dir)

    def venue_text(self, venue_id: str | None) -> str | None:
        """A venue as one line: name and address, or 'Online'."""
        if venue_id is None:
            return None
        if venue_id == ONLINE:
            return self.t("online")
        venue = self.site.vocabularies["venues"][venue_id]
        address = venue.address
        place = " ".join(p for p in (address.postal_code, address.locality) if p)
        parts = [venue.name, address.street, place if place != venue.name else None]
        return ", ".join(part for part in parts if part)

    def registration_open(self, activity: Activity) -> bool:
        """Whether to offer registration: a link, a status that takes bookings, and not yet ended."""
        return (
            activity.registration is not None
            and activity.status.value in ("scheduled", "waitlist", "moved-online")
            and phase(activity, self.today) != "past"
        )
