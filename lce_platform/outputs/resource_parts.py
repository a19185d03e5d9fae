"""Resources as HTML: list entries, the facts of a resource page, the click-to-load player, the transcript."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from babel.lists import format_list
from babel.units import format_unit
from markupsafe import Markup

from lce_platform.outputs import i18n
from lce_platform.facts.indexes import resource_year
from lce_platform.reuse import Same, keeping, kept_result
from lce_platform.content.model import ALL_SECTORS, License, Resource, ResourceKind
from lce_platform.outputs.render import render, render_item
from lce_platform.content.collections import ACTIVITIES, PROGRAMMES
from lce_platform.content.site import Entry
from lce_platform.facts.urls import library_url, relative_url, sector_url
from lce_platform.facts.timeline import phase
from lce_platform.outputs.people_links import person_link
from lce_platform.outputs.video import video_of
from lce_platform.outputs.edition import Edition


LICENSE_LINKS = {
    License.cc_by: ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    License.cc_by_sa: ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    License.cc_by_nc: ("CC BY-NC 4.0", "https://creativecommons.org/licenses/by-nc/4.0/"),
    License.cc0: ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
}
_DURATION = re.compile(r"^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$")


def duration_text(value: str | None, language: str) -> str | None:
    """An ISO 8601 duration (PT1H25M) as words: '1 timme, 25 minuter', '1 hour, 25 minutes'."""
    match = _DURATION.match(value or "")
    if not match:
        return None
    units = zip(match.groups(), ("duration-hour", "duration-minute", "duration-second"))
    words = [format_unit(int(amount), unit, length="long", locale=language) for amount, unit in units if amount]
    return format_list(words, style="unit", locale=language)


def sector_labels(edition: Edition, sectors: tuple[str, ...]) -> list[str]:
    """Sector names in the build's language ('All sectors' for 'all')."""
    if ALL_SECTORS in sectors:
        return [edition.t("all_sectors")]
    return [edition.site.label("sectors", sector, edition.language) for sector in sectors]


def sector_links(edition: Edition, sectors: tuple[str, ...], from_url: str) -> list[dict[str, str]]:
    """Sector names with links to their pages ('All sectors' links to the overview)."""
    ids = (ALL_SECTORS,) if ALL_SECTORS in sectors else sectors
    return [{"label": label, "url": relative_url(from_url, sector_url(sector))}
            for sector, label in zip(ids, sector_labels(edition, sectors))]


def resource_item(edition: Edition, entry: Entry, from_url: str) -> dict[str, Any]:
    """What a list shows of one resource, with links relative to `from_url`."""
    resource: Resource = entry.data
    language = edition.language
    return {
        "id": entry.id,
        "url": relative_url(from_url, entry.url),
        "title": entry.title(language),
        "summary": entry.text("summary", language),
        "lang": entry.data_language if entry.is_fallback(language) else None,
        "kind": resource.kind.value,
        "kind_label": edition.t("resource_kinds." + resource.kind.value),
        "date": resource.date.iso(),
        "date_text": i18n.moment_text(resource.date, language),
        "year": resource_year(entry),
        "sectors": list(resource.sectors),
        "sector_labels": sector_labels(edition, resource.sectors),
        "language": edition.t("languages." + resource.language.value) if resource.language else None,
        "duration": duration_text(resource.duration, language),
        "direct": resource.url,
    }


def resource_list(edition: Edition, entries: list[Entry], from_url: str, heading_level: int = 3,
                  direct_links: bool = False) -> Markup:
    """An accessible list of resources, in the order given (markup safe to place in other templates)."""
    def made() -> Markup:
        items = [render_item("resource_item.html", edition.language, resource_item(edition, entry, from_url),
                             heading_level=heading_level, direct_links=direct_links) for entry in entries]
        return Markup(render("resource_list.html", edition.language, items=items))

    if not keeping():
        return made()
    return kept_result(("resources", edition.language, from_url, heading_level, direct_links,
                        Same(edition.site.vocabularies), Same(*entries)), made)


@dataclass(frozen=True)
class ResourceParts:
    """What the build puts around a resource page's own text."""

    header: str
    footer: str


def _transcript(edition: Edition, entry: Entry) -> tuple[list[str], str]:
    """The transcript's paragraphs in the build's language (or the other) and the language they are in."""
    text = entry.text("transcript", edition.language) or ""
    if "transcript" in entry.variant(edition.language).fields:
        text_language = entry.variant(edition.language).language
    else:
        text_language = entry.data.language.value if entry.data.language else entry.data_language
    paragraphs = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text)]
    return [paragraph for paragraph in paragraphs if paragraph], text_language


def resource_parts(edition: Edition, entry: Entry, page_url: str) -> ResourceParts:
    """The facts header of a resource page (with the player of a recording) and, below the text, the transcript."""
    resource: Resource = entry.data
    language = edition.language
    activity = edition.site.by_id(ACTIVITIES, resource.activity) if resource.activity else None
    programme_id = resource.programme or (activity.data.programme if activity else None)
    programme = edition.site.by_id(PROGRAMMES, programme_id) if programme_id else None
    license_label, license_url = LICENSE_LINKS.get(resource.license, (None, None)) if resource.license else (None, None)
    if resource.license is License.reserved:
        license_label = edition.t("library.all_rights_reserved")
    is_recording = resource.kind is ResourceKind.recording
    paragraphs, transcript_language = _transcript(edition, entry) if is_recording else ([], language)
    video = video_of(resource.video) if is_recording and resource.video else None
    title = entry.title(language)
    header = render(
        "resource_header.html", language,
        resource=resource,
        title=title,
        kind_label=edition.t("resource_kinds." + resource.kind.value),
        kind_url=relative_url(page_url, library_url(resource.kind.value)),
        date_text=i18n.moment_text(resource.date, language),
        sectors=sector_links(edition, resource.sectors, page_url),
        authors=[person_link(edition, person, page_url) for person in resource.authors],
        license_label=license_label,
        license_url=license_url,
        activity={"title": activity.title(language), "url": relative_url(page_url, activity.url),
                  "when": i18n.activity_when(activity.data, language)} if activity else None,
        programme={"title": programme.title(language), "url": relative_url(page_url, programme.url)} if programme else None,
        duration=duration_text(resource.duration, language),
        captions=[{"label": edition.t("languages." + caption.language.value), "language": caption.language.value,
                   "src": caption.src} for caption in resource.captions],
        has_transcript=bool(paragraphs),
        video=video,
    )
    footer = render("transcript.html", language, paragraphs=paragraphs, text_language=transcript_language,
                    page_language=language) if paragraphs else ""
    return ResourceParts(header, footer)


@dataclass(frozen=True)
class ActivityResources:
    """The resources section of an activity page, and whether it leads the page (the activity is over)."""

    html: str
    leads: bool


def activity_resources(edition: Edition, entry: Entry, page_url: str) -> ActivityResources:
    """Every resource naming the activity, as a section: first on the page once the activity is past."""
    resources = edition.resources_by_activity.get(entry.id, [])
    if not resources:
        return ActivityResources("", False)
    past = phase(entry.data, edition.today) == "past"
    heading = edition.t("library.recording_and_materials" if past else "library.materials")
    html = render("activity_resources.html", edition.language, heading=heading, leads=past,
                  resources=resource_list(edition, resources, page_url, heading_level=3, direct_links=True))
    return ActivityResources(html, past)
