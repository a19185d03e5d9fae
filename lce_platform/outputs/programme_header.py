"""The facts box at the top of a programme page: who runs and funds it, when, where, for whom."""

from __future__ import annotations

from typing import TYPE_CHECKING

from babel.numbers import format_percent

from lce_platform.outputs import i18n
from lce_platform.outputs.render import render
from lce_platform.facts.site import Entry, relative_url

if TYPE_CHECKING:
    from lce_platform.plan import SiteBuild


def area_url(area_id: str) -> str:
    """URL of an area's page, relative to a language root (the calendar feature generates these pages)."""
    return f"areas/{area_id}/"


def organisation_name(build: SiteBuild, organisation_id: str) -> str:
    """An organisation's name in the build's language."""
    return build.site.vocabularies["organisations"][organisation_id].name(build.language)


def organisation_text(build: SiteBuild, organisation_id: str) -> str:
    """An organisation's name in the build's language, with its locality when known."""
    locality = build.site.vocabularies["organisations"][organisation_id].locality
    name = organisation_name(build, organisation_id)
    return f"{name}, {locality}" if locality else name


def programme_areas(build: SiteBuild, programme_id: str) -> list[tuple[str, object]]:
    """The areas of one programme, in the order of the areas vocabulary."""
    return [(key, area) for key, area in build.site.vocabularies["areas"].items() if area.programme == programme_id]


def programme_header(build: SiteBuild, entry: Entry, page_url: str) -> str:
    """The programme's facts, rendered in the build's language."""
    programme = entry.data
    language = build.language
    people = build.site.vocabularies["people"]
    period = i18n.span_text(programme.start, programme.end, language) if programme.start else None
    return render(
        "programme_header.html", language,
        title=entry.title(language),
        programme=programme,
        owner=organisation_text(build, programme.owner) if programme.owner else None,
        funders=[organisation_name(build, funder) for funder in programme.funders],
        partners=[organisation_name(build, partner) for partner in programme.partners],
        co_financing=format_percent(programme.co_financing / 100, locale=language)
        if programme.co_financing is not None else None,
        period=period,
        period_start=programme.start.iso() if programme.start else None,
        region=entry.text("region", language),
        places=list(entry.text("places", language) or ()),
        target_groups=list(entry.text("target_groups", language) or ()),
        goals=list(entry.text("goals", language) or ()),
        contacts=[people[person] for person in programme.contacts],
        areas=[
            {"label": area.label(language), "summary": area.summary(language) if area.summary else None,
             "href": relative_url(page_url, area_url(key))}
            for key, area in programme_areas(build, entry.id)
        ],
    )
