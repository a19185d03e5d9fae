"""The resource library: one page for all resources and one per kind, and the rules recordings must meet."""

from __future__ import annotations

from collections.abc import Iterator

from lce_platform.plan import GeneratedPage, SiteBuild, content_check, page_addition, page_generator
from lce_platform.content.errors import ContentError
from lce_platform.facts.indexes import resource_year
from lce_platform.content.model import ResourceKind
from lce_platform.outputs.render import render
from lce_platform.outputs.resource_parts import library_url, resource_list, sector_url
from lce_platform.facts.site import Entry, relative_url
from lce_platform.outputs.video import video_of


def _years(entries: list[Entry]) -> list[tuple[int, list[Entry]]]:
    """Entries (newest first) cut into one group per year, newest year first."""
    groups: list[tuple[int, list[Entry]]] = []
    for entry in entries:
        year = resource_year(entry)
        if not groups or groups[-1][0] != year:
            groups.append((year, []))
        groups[-1][1].append(entry)
    return groups


def library_page(build: SiteBuild, kind: str | None) -> GeneratedPage:
    """The library page of one kind of resource, or of all, grouped by year with a sector and year filter."""
    indexes = build.indexes
    entries = indexes.resources_by_kind[kind] if kind else indexes.resources
    page_url = library_url(kind)
    sectors = build.site.vocabularies["sectors"]
    title = build.t("resource_kinds_plural." + kind) if kind else build.t("library.title")
    kinds = [{"label": build.t("library.all_kinds"), "url": relative_url(page_url, library_url()),
              "count": len(indexes.resources), "current": kind is None}]
    kinds += [{"label": build.t("resource_kinds_plural." + value), "url": relative_url(page_url, library_url(value)),
               "count": len(indexes.resources_by_kind[value]), "current": kind == value}
              for value in (member.value for member in ResourceKind)]
    years = [{"year": year, "list": resource_list(build, group, page_url, heading_level=3)}
             for year, group in _years(entries)]
    html = render(
        "library.html", build.language,
        title=title,
        kinds=kinds,
        years=years,
        total=len(entries),
        sectors=[(sector, label.label(build.language)) for sector, label in sectors.items()],
        sectors_url=relative_url(page_url, sector_url()),
    )
    summary = (build.t("library.kind_summary").format(kind=title) if kind else build.t("library.summary"))
    return GeneratedPage(src_uri=page_url + "index.md", title=title, summary=summary, html=html)


@page_generator
def library_pages(build: SiteBuild) -> Iterator[GeneratedPage]:
    """The whole library and one page per kind of resource."""
    yield library_page(build, None)
    for kind in ResourceKind:
        yield library_page(build, kind.value)


LATEST_ON_HOME = 5


@page_addition
def home_latest_resources(build: SiteBuild, entry: Entry, page_url: str) -> str:
    """Below the home page's calendar lists: the newest resources and a way into the library."""
    if entry.url != "" or not build.indexes.resources:
        return ""
    return render("library_home.html", build.language,
                  list=resource_list(build, build.indexes.resources[:LATEST_ON_HOME], page_url, heading_level=3),
                  library_url=relative_url(page_url, library_url()))


@content_check
def recordings_are_accessible(build: SiteBuild) -> Iterator[ContentError]:
    """A recording needs captions or a transcript, and a video the site knows how to play."""
    for entry in build.indexes.resources_by_kind[ResourceKind.recording.value]:
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

