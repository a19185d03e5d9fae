"""The facts box at the top of a programme page: who runs and funds it, when, where, for whom."""

from __future__ import annotations


from babel.numbers import format_percent

from lce_platform.outputs import i18n
from lce_platform.outputs.render import render
from lce_platform.content.site import Entry
from lce_platform.facts.timeline import programme_phase
from lce_platform.facts.urls import area_url, impact_url, relative_url
from lce_platform.outputs.edition import Edition
from lce_platform.outputs.people_links import organisation_link, person_link



def programme_areas(edition: Edition, programme_id: str) -> list[tuple[str, object]]:
    """The areas of one programme, in the order of the areas vocabulary."""
    return [(key, area) for key, area in edition.site.vocabularies["areas"].items() if area.programme == programme_id]


def programme_header(edition: Edition, entry: Entry, page_url: str) -> str:
    """The programme's facts, rendered in the build's language."""
    programme = entry.data
    language = edition.language
    period = i18n.programme_period(programme, language)
    return render(
        "programme_header.html", language,
        title=entry.title(language),
        programme=programme,
        owner=organisation_link(edition, programme.owner, page_url) if programme.owner else None,
        funders=[organisation_link(edition, funder, page_url) for funder in programme.funders],
        partners=[organisation_link(edition, partner, page_url) for partner in programme.partners],
        co_financing=format_percent(programme.co_financing / 100, locale=language)
        if programme.co_financing is not None else None,
        period=period,
        period_sentence=i18n.programme_period_sentence(programme, edition.today, language),
        ended=programme_phase(programme, edition.today) == "past",
        period_start=programme.start.machine() if programme.start else None,
        region=entry.text("region", language),
        places=list(entry.text("places", language) or ()),
        target_groups=list(entry.text("target_groups", language) or ()),
        goals=list(entry.text("goals", language) or ()),
        contacts=[person_link(edition, person, page_url) for person in programme.contacts],
        areas=[
            {"label": area.label(language), "summary": area.summary(language) if area.summary else None,
             "href": relative_url(page_url, area_url(key))}
            for key, area in programme_areas(edition, entry.id)
        ],
        impact_url=relative_url(page_url, impact_url(entry.id)),
    )
