"""Activities as list entries, the same everywhere they are listed (calendar, home, areas, sectors, types)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lce_platform.outputs import i18n
from lce_platform.outputs.render import render, render_item
from lce_platform.facts.site import Entry, relative_url
from lce_platform.facts.timeline import activity_begins, activity_ends, phase

if TYPE_CHECKING:
    from lce_platform.plan import SiteBuild


def activity_item(build: SiteBuild, entry: Entry, from_url: str) -> dict[str, Any]:
    """What a list shows of one activity, in the build's language, with links relative to `from_url`."""
    activity = entry.data
    language = build.language
    vocabularies = build.site.vocabularies
    resources = build.resources_by_activity.get(entry.id, [])
    kinds = {resource.data.kind.value for resource in resources}
    return {
        "id": entry.id,
        "url": relative_url(from_url, entry.url),
        "title": entry.title(language),
        "when": i18n.span_text(activity.start, activity.end, language),
        "start": activity.start.iso(),
        "begins": activity_begins(activity).isoformat(),
        "ends": activity_ends(activity).isoformat(),
        "phase": phase(activity, build.today),
        "type": activity.type,
        "type_label": vocabularies["activity-types"][activity.type].label(language),
        "status": activity.status.value,
        "status_label": i18n.t(language, "status." + activity.status.value),
        "venue": build.venue_text(activity.venue),
        "sectors": list(activity.sectors),
        "sector_labels": (
            [build.t("all_sectors")] if activity.sectors == ("all",)
            else [vocabularies["sectors"][sector].label(language) for sector in activity.sectors]
        ),
        "area": activity.area,
        "programme": activity.programme,
        "has_recording": "recording" in kinds,
        "has_materials": bool(kinds - {"recording"}),
    }


def activity_list(build: SiteBuild, entries: list[Entry], from_url: str, heading_level: int = 3) -> str:
    """An accessible list of activities (complete without JavaScript)."""
    items = [render_item("activity_item.html", build.language, activity_item(build, entry, from_url),
                         heading_level=heading_level) for entry in entries]
    return render("activity_list.html", build.language, items=items)
