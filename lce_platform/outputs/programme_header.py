"""The facts box at the top of a programme page: who runs and funds it, when, where, for whom."""

from __future__ import annotations


from babel.numbers import format_percent

from lce_platform.outputs import i18n
from lce_platform.outputs.render import render
from lce_platform.content.site import Entry
from lce_platform.facts.urls import area_url, impact_url, relative_url
from lce_platform.outputs.edition import Edition



def organisation_name(edition: Edition, organisation_id: str) -> str:
    """An organisation's name in the build's language."""
    return edition.site.vocabularies["organisations"][organisation_id].name(edition.language)


def organisation_text(edition: Edition, organisation_id: str) -> str:
    """An organisation's name in the build's language, with its locality when known."""
    locality = edition.site.vocabularies["organisations"][organisation_id].locality
    name = organisation_name(edition, organisation_id)
    return f"{name}, {locality}" if locality else name


def programme_areas(edition: Edition, programme_id: str) -> list[tuple[str, object]]:
    """The areas of one programme, in the order of the areas vocabulary."""
    return [(key, area) for key, area in edition.site.vocabularies["areas"].items() if area.programme == programme_id]


def programme_header(edition: Edition, entry: Entry, page_url: str) -> str:
    """The programme's facts, rendered in the build's language."""
    programme = entry.data
    language = edition.language
    people = edition.site.vocabularies["people"]
    period = i18n.span_text(programme.start, programme.end, language) if programme.start else None
    return render(
        "programme_header.html", language,
        title=entry.title(language),
        programme=programme,
        owner=organisation_text(edition, programme.owner) if programme.owner else None,
        funders=[organisation_name(edition, funder) for funder in programme.funders],
        partners=[organisation_name(edition, partner) for partner in programme.partners],
        co_financing=format_percent(programme.co_financing / 100, locale=language)
        if programme.co_financing is not None else None,
        period=period,
        period_start=programme.start.machine() if programme.start else None,
        region=entry.text("region", language),
        places=list(entry.text("places", language) or ()),
        target_groups=list(entry.text("target_groups", language) or ()),
        goals=list(entry.text("goals", language) or ()),
        contacts=[people[person] for person in programme.contacts],
        areas=[
            {"label": area.label(language), "summary": area.summary(language) if area.summary else None,
             "href": relative_url(page_url, area_url(key))}
            for key, area in programme_areas(edition, entry.id)
        ],
        impact_url=relative_url(page_url, impact_url(entry.id)),
    )
