"""The resource library: one page for all resources and one per kind, and the rules recordings must meet."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from lce_platform.content.errors import ContentError
from lce_platform.facts.indexes import resource_year
from lce_platform.content.model import ResourceKind
from lce_platform.outputs.render import render
from lce_platform.outputs.resource_parts import resource_list
from lce_platform.content.site import Entry
from lce_platform.facts.urls import library_url, relative_url, sector_url
from lce_platform.outputs.video import video_of
from lce_platform.outputs.edition import Edition
from lce_platform.outputs.planned import GeneratedPage


def _years(entries: list[Entry]) -> list[tuple[int, list[Entry]]]:
    """Entries (newest first) cut into one group per year, newest year first."""
    groups: list[tuple[int, list[Entry]]] = []
    for entry in entries:
        year = resource_year(entry)
        if not groups or groups[-1][0] != year:
            groups.append((year, []))
        groups[-1][1].append(entry)
    return groups


def library_page(edition: Edition, kind: str | None) -> GeneratedPage:
    """The library page of one kind of resource, or of all, grouped by year with a sector and year filter."""
    title = edition.t("resource_kinds_plural." + kind) if kind else edition.t("library.title")
    summary = (edition.t("library.kind_summary").format(kind=title) if kind else edition.t("library.summary"))
    return GeneratedPage(src_uri=library_url(kind) + "index.md", title=title, summary=summary,
                         make_html=partial(_library_html, edition, kind, title))


def _library_html(edition: Edition, kind: str | None, title: str) -> str:
    indexes = edition.indexes
    entries = indexes.resources_by_kind[kind] if kind else indexes.resources
    page_url = library_url(kind)
    sectors = edition.site.vocabularies["sectors"]
    kinds = [{"label": edition.t("library.all_kinds"), "url": relative_url(page_url, library_url()),
              "count": len(indexes.resources), "current": kind is None}]
    kinds += [{"label": edition.t("resource_kinds_plural." + value), "url": relative_url(page_url, library_url(value)),
               "count": len(indexes.resources_by_kind[value]), "current": kind == value}
              for value in (member.value for member in ResourceKind)]
    years = [{"year": year, "list": resource_list(edition, group, page_url, heading_level=3)}
             for year, group in _years(entries)]
    return render(
        "library.html", edition.language,
        title=title,
        kinds=kinds,
        years=years,
        total=len(entries),
        sectors=[(sector, label.label(edition.language)) for sector, label in sectors.items()],
        sectors_url=relative_url(page_url, sector_url()),
    )


def library_pages(edition: Edition) -> Iterator[GeneratedPage]:
    """The whole library and one page per kind of resource."""
    yield library_page(edition, None)
    for kind in ResourceKind:
        yield library_page(edition, kind.value)


def recordings_are_accessible(edition: Edition) -> Iterator[ContentError]:
    """A recording needs captions or a transcript, and a video the site knows how to play."""
    for entry in edition.indexes.resources_by_kind[ResourceKind.recording.value]:
        recording = entry.data
        if not recording.captions and not recording.transcript:
            yield ContentError(
                entry.path, entry.line_of("video"), "captions",
                "a recording needs captions or a transcript, for visitors who cannot hear it",
                "captions: [{language: sv, src: https://…/file.vtt}] or transcript: the spoken text",
            )
        if video_of(recording.video).provider == "link":
            yield ContentError(
                entry.path, entry.line_of("video"), "video",
                f"'{recording.video}' is not a video the page can play, so it only links to it",
                "a YouTube or Vimeo page, or an https link to an .mp4 or .webm file",
            )

