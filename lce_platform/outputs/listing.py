"""Activities as list entries, the same everywhere they are listed (calendar, home, areas, sectors, types)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from lce_platform.outputs import i18n
from lce_platform.outputs.render import render, render_item
from lce_platform.reuse import Same, keeping, kept_result
from lce_platform.content.site import Entry
from lce_platform.facts.urls import relative_url
from lce_platform.facts.timeline import activity_begins, activity_ends, phase
from lce_platform.outputs.activity_state import activity_state
from lce_platform.outputs.edition import Edition



def _instant(moment: datetime | None) -> str:
    return moment.isoformat() if moment is not None else ""


def activity_item(edition: Edition, entry: Entry, from_url: str) -> dict[str, Any]:
    """What a list shows of one activity, in the build's language, with links relative to `from_url`."""
    activity = entry.data
    language = edition.language
    vocabularies = edition.site.vocabularies
    resources = edition.resources_by_activity.get(entry.id, [])
    kinds = {resource.data.kind.value for resource in resources}
    return {
        "id": entry.id,
        "url": relative_url(from_url, entry.url),
        "title": entry.title(language),
        "when": i18n.activity_when(activity, language),
        "start": activity.start.machine() if activity.start is not None else None,
        # Empty when unknown: the visitor's clock then never moves the entry to another phase.
        "begins": _instant(activity_begins(activity)),
        "ends": _instant(activity_ends(activity)),
        "phase": phase(activity, edition.today),
        "type": activity.type,
        "type_label": vocabularies["activity-types"][activity.type].label(language),
        "state": activity_state(activity, edition.today),
        "venue": edition.venue_text(activity.venue),
        "sectors": list(activity.sectors),
        "sector_labels": (
            [edition.t("all_sectors")] if activity.sectors == ("all",)
            else [vocabularies["sectors"][sector].label(language) for sector in activity.sectors]
        ),
        "area": activity.area,
        "programme": activity.programme,
        "has_recording": "recording" in kinds,
        "has_materials": bool(kinds - {"recording"}),
    }


_END_OF_ITEM = object()
"""Between the entries (each with its resources) of a list's key."""


def activity_list(edition: Edition, entries: list[Entry], from_url: str, heading_level: int = 3) -> str:
    """An accessible list of activities (complete without JavaScript)."""
    def made() -> str:
        items = [render_item("activity_item.html", edition.language, activity_item(edition, entry, from_url),
                             heading_level=heading_level) for entry in entries]
        return render("activity_list.html", edition.language, items=items)

    if not keeping():
        return made()
    # What an item shows beyond its entry: the day (its phase), the vocabularies (labels, venue) and its resources.
    resources = edition.resources_by_activity
    shown: list[object] = []
    for entry in entries:
        shown.append(entry)
        shown.extend(resources.get(entry.id, ()))
        shown.append(_END_OF_ITEM)
    return kept_result(
        ("activities", edition.language, edition.today, from_url, heading_level, Same(edition.site.vocabularies),
         Same(*shown)),
        made)
