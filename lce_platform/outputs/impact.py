"""The impact pages: the platform's (every programme together) and one per programme, each with its charts as SVG
files beside it. The numbers are `facts.impact.site_impact` of the edition's site, so they are the calendar's."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from babel.numbers import format_decimal

from lce_platform.content.collections import ACTIVITIES, PROGRAMMES
from lce_platform.content.model import ALL_SECTORS
from lce_platform.content.site import Entry
from lce_platform.facts.impact import Impact, resource_programme
from lce_platform.facts.timeline import programme_phase
from lce_platform.facts.urls import impact_chart_path, impact_url, library_url, relative_url
from lce_platform.outputs import i18n
from lce_platform.outputs.charts import bar_chart, chart_digest, chart_size
from lce_platform.outputs.edition import Edition
from lce_platform.outputs.i18n import day_text
from lce_platform.outputs.planned import GeneratedPage, SiteFile, kept_bytes
from lce_platform.outputs.render import render
from lce_platform.outputs.resource_parts import resource_list


@dataclass(frozen=True)
class Breakdown:
    """One way of counting the activities (per year, type…): its rows in the page's language, drawn as a chart
    (`chart`, the name of its file) and given as a table."""

    chart: str | None
    heading: str
    column: str
    rows: tuple[tuple[str, int], ...]
    links: tuple[str | None, ...] = ()
    note: str | None = None


def number(edition: Edition, value: int) -> str:
    """A count as the page's language writes it (Swedish '1 234', English '1,234')."""
    return format_decimal(value, locale=edition.language)


def breakdowns(edition: Edition, impact: Impact) -> list[Breakdown]:
    """The tables of an impact page, in order; those with a `chart` are drawn too (only when they have rows)."""
    site, language, t = edition.site, edition.language, edition.t
    vocabularies = site.vocabularies
    page_url = impact_url(impact.programme)
    years = tuple((str(year) if year is not None else t("impact.year_unknown"), count)
                  for year, count in impact.by_year.items())
    sectors = tuple((t("impact.all_sectors") if sector == ALL_SECTORS else site.label("sectors", sector, language), count)
                    for sector, count in impact.by_sector.items())
    result = [
        Breakdown("activities-per-year", t("impact.per_year"), t("impact.year"), years),
        Breakdown("activities-per-type", t("impact.per_type"), t("impact.type"),
                  tuple((vocabularies["activity-types"][kind].plural(language), count)
                        for kind, count in impact.by_type.items())),
        Breakdown("activities-per-sector", t("impact.per_sector"), t("impact.sector"), sectors,
                  note=t("impact.per_sector_note")),
    ]
    if impact.programme is None:
        programmes = [(site.by_id(PROGRAMMES, programme), numbers) for programme, numbers in impact.by_programme.items()]
        result.append(Breakdown(
            "activities-per-programme", t("impact.per_programme"), t("impact.programme"),
            tuple((entry.title(language), numbers.activities) for entry, numbers in programmes),
            tuple(relative_url(page_url, impact_url(entry.id)) for entry, _numbers in programmes)))
    else:
        result.append(Breakdown("activities-per-area", t("impact.per_area"), t("impact.area"),
                                tuple((vocabularies["areas"][area].label(language), count)
                                      for area, count in impact.by_area.items())))
    result.append(Breakdown(None, t("impact.per_status"), t("impact.status"),
                            tuple((t(f"status.{status}"), count) for status, count in impact.by_status.items())))
    return result


def charted(breakdown: Breakdown) -> bool:
    """Whether a breakdown is drawn: it has a chart and something to draw."""
    return breakdown.chart is not None and bool(breakdown.rows)


def participants_text(edition: Edition, impact: Impact) -> dict[str, str]:
    """The planned and the reported number of participants as the page writes them; never a guess."""
    people = impact.participants
    not_reported = edition.t("impact.not_reported")
    reported = not_reported
    if people.any_reported:
        reported = f"{number(edition, people.reported)} (" + edition.t("impact.reported_from").format(
            reporting=number(edition, people.activities_reporting), activities=number(edition, people.activities)) + ")"
    planned = number(edition, people.planned) if people.planned is not None else not_reported
    return {"planned": planned, "reported": reported}


def impact_page(edition: Edition, impact: Impact) -> GeneratedPage:
    """The impact page of one programme, or of the platform (impact.programme None)."""
    t = edition.t
    programme, ended = _programme_of(edition, impact)
    if programme is not None:
        name = programme.title(edition.language)
        title = t("impact.programme_title").format(programme=name)
        summary = t("impact.programme_summary").format(programme=name)
        if ended:
            # Its period has passed: the page is the programme's record, for the whole period.
            title = t("impact.record_title").format(programme=name)
            summary = t("impact.record_summary").format(programme=name)
    else:
        title, summary = t("impact.title"), t("impact.summary")
    return GeneratedPage(src_uri=impact_url(impact.programme) + "index.md", title=title, summary=summary,
                         make_html=partial(_impact_html, edition, impact, title))


def _programme_of(edition: Edition, impact: Impact) -> tuple[Entry | None, bool]:
    """The programme of an impact page (None: the platform's) and whether its period has passed."""
    programme = edition.site.by_id(PROGRAMMES, impact.programme) if impact.programme else None
    return programme, programme is not None and programme_phase(programme.data, edition.today) == "past"


def _impact_html(edition: Edition, impact: Impact, title: str) -> str:
    language, t = edition.language, edition.t
    page_url = impact_url(impact.programme)
    programme, ended = _programme_of(edition, impact)
    intro = t("impact.intro").format(today=day_text(edition.today, language))
    if ended:
        intro = " ".join((i18n.programme_period_sentence(programme.data, edition.today, language),
                          t("impact.record_intro")))
    people = participants_text(edition, impact)
    in_short = [
        (t("impact.activities"), number(edition, impact.activities)),
        # After its period, nothing of a programme is ongoing or to come: a row of zeros would only say so.
        *((t(f"impact.{phase}"), number(edition, count)) for phase, count in impact.by_phase.items()
          if not (ended and phase != "past" and count == 0)),
        (t("impact.fully_booked"), number(edition, impact.fully_booked)),
        (t("impact.resources"), number(edition, impact.resources)),
    ]
    if programme is not None:
        in_short.append((t("impact.planned"), people["planned"]))
    in_short.append((t("impact.reported"), people["reported"]))
    sections = []
    for breakdown in breakdowns(edition, impact):
        section: dict[str, Any] = {"breakdown": breakdown, "chart": None,
                                   "numbers": [number(edition, count) for _, count in breakdown.rows]}
        if charted(breakdown):
            width, height = chart_size(tuple(label for label, _ in breakdown.rows))
            section["chart"] = {"src": relative_url(page_url, impact_chart_path(impact.programme, breakdown.chart)),
                                "width": width, "height": height,
                                "alt": t("impact.chart_alt").format(title=breakdown.heading)}
        sections.append(section)
    return render(
        "impact.html", language,
        title=title,
        intro=intro,
        held=_held_resources(edition, impact.programme, page_url) if ended else None,
        library_url=relative_url(page_url, library_url()),
        in_short=in_short,
        sections=sections,
        has_activities=impact.activities > 0,
        resources=[(t(f"resource_kinds_plural.{kind}"), number(edition, count))
                   for kind, count in impact.resources_by_kind.items()],
        programmes=_programme_rows(edition, impact) if programme is None else None,
        platform_url=relative_url(page_url, impact_url()) if programme is not None else None,
        programme_url=relative_url(page_url, programme.url) if programme is not None else None,
    )


HELD_ON_RECORD = 12
"""Resources an ended programme's record lists, newest first; the library has them all."""


def _held_resources(edition: Edition, programme: str, page_url: str) -> dict[str, Any]:
    """What the library holds from a programme: its newest resources, listed, and how many there are."""
    activity_programmes = {entry.id: entry.data.programme for entry in edition.site.collection(ACTIVITIES)}
    held = [entry for entry in edition.indexes.resources if resource_programme(entry, activity_programmes) == programme]
    return {"list": resource_list(edition, held[:HELD_ON_RECORD], page_url, heading_level=3) if held else None,
            "count": len(held), "shown": min(len(held), HELD_ON_RECORD)}


def _programme_rows(edition: Edition, impact: Impact) -> list[dict[str, str]]:
    rows = []
    for programme, numbers in impact.by_programme.items():
        entry = edition.site.by_id(PROGRAMMES, programme)
        rows.append({
            "title": entry.title(edition.language),
            "url": relative_url(impact_url(), impact_url(programme)),
            "activities": number(edition, numbers.activities),
            "fully_booked": number(edition, numbers.fully_booked),
            "resources": number(edition, numbers.resources),
            **participants_text(edition, numbers),
        })
    return rows


def _chart(edition: Edition, breakdown: Breakdown) -> bytes:
    """The chart's SVG: read from the folder of charts drawn before when it is there, else drawn (and kept)."""
    labels = tuple(label for label, _ in breakdown.rows)
    counts = tuple(count for _, count in breakdown.rows)
    texts = tuple(number(edition, count) for count in counts)
    values = "; ".join(f"{label}: {text}" for label, text in zip(labels, texts, strict=True))
    shown = (breakdown.heading, edition.t("impact.chart_desc").format(title=breakdown.heading, values=values),
             labels, counts, texts)
    return kept_bytes(edition.chart_cache, f"{chart_digest(*shown)}.svg", lambda: bar_chart(*shown).encode("utf-8"))


def _impacts(edition: Edition) -> Iterator[Impact]:
    yield edition.impact
    yield from edition.impact.by_programme.values()


def impact_pages(edition: Edition) -> Iterator[GeneratedPage]:
    """The platform's impact page, then one per programme."""
    for impact in _impacts(edition):
        yield impact_page(edition, impact)


def impact_charts(edition: Edition) -> Iterator[SiteFile]:
    """The charts of every impact page, as SVG files beside their page."""
    for impact in _impacts(edition):
        for breakdown in breakdowns(edition, impact):
            if charted(breakdown):
                # Drawn from the breakdown's numbers and labels alone (and the build's language and code).
                yield SiteFile(impact_chart_path(impact.programme, breakdown.chart),
                               make=partial(_chart, edition, breakdown), made_from=(), facts=repr(breakdown))
