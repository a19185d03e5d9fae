"""One language build of the site: which page shows which file, its safe metadata and its HTML.

This is what the MkDocs hooks call; it knows nothing of MkDocs.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from datetime import date
from pathlib import Path
from typing import Any

from . import i18n
from .errors import ContentError, ContentErrors
from .indexes import SiteIndexes
from .links import foreign_image_problem
from .loader import load_site
from .model import DEFAULT_LANGUAGE, LANGUAGES, ONLINE, Activity, Programme, Resource
from .programme_header import programme_header
from .render import render
from .resource_parts import activity_resources, resource_parts
from .sanitize import clean_html
from .search_index import ARCHIVE_COLLECTIONS, filter_values, search_facets
from .site import Entry, Site, relative_url, url_of
from .theme_markup import shared_header_key, shared_navigation_key
from .timeline import Phase, activities_by_phase, activity_begins, activity_ends, build_instant, resources_by_activity


@dataclass(frozen=True)
class GeneratedPage:
    """A page the build writes from the content (calendar, indexes, staff docs…)."""

    src_uri: str
    title: str
    markdown: str = ""
    html: str = ""
    summary: str | None = None
    hide: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    """src_uris of the content entries the page lists (its last change is theirs)."""


class Registry(list):
    """Functions that features register with a decorator, for the build to call in order."""

    def __init__(self, purpose: str):
        super().__init__()
        self.__doc__ = purpose

    def __call__(self, function: Callable) -> Callable:
        self.append(function)
        return function


PAGE_GENERATORS = page_generator = Registry(
    "(build) -> GeneratedPage…: pages generated from the content.")


@dataclass(frozen=True)
class OutputFile:
    """A file the build writes into the language's site folder besides the pages (sitemap, feeds, images…)."""

    path: str
    content: bytes | str | None
    """None removes a file MkDocs wrote there."""


OUTPUT_WRITERS = output_writer = Registry(
    "(build) -> OutputFile…: files written into the built site after the pages.")
PAGE_CONTEXT_PARTS = page_context_part = Registry(
    "(build, src_uri, page_url) -> dict: values added to every page's theme context.")
CONTENT_CHECKS = content_check = Registry(
    "(build) -> ContentError…: findings that are warnings (the build goes on; a strict build fails).")


@dataclass(frozen=True)
class GeneratedFile:
    """A file that is not a page (an iCalendar feed…), known before the pages are rendered."""

    src_uri: str
    content: bytes


FILE_GENERATORS = file_generator = Registry(
    "(build) -> GeneratedFile…: files other than pages, known when the build starts.")
PAGE_ADDITIONS = page_addition = Registry(
    "(build, entry, page_url) -> str: HTML below a content page's body ('' for pages it leaves alone).")


def language_roots(site_url: str, environ: dict[str, str]) -> dict[str, str]:
    """Absolute root URL of each language: Swedish at the site root, English under en/."""
    root = (environ.get("SITE_URL") or site_url or "/").rstrip("/") + "/"
    english = environ.get("SITE_URL_EN") or root + "en/"
    return {"sv": root, "en": english.rstrip("/") + "/"}


@dataclass
class SiteBuild:
    """Everything one language's build needs to know about the content."""

    site: Site
    language: str
    roots: dict[str, str]
    generated: dict[str, GeneratedPage] = field(default_factory=dict)
    site_name: str = ""
    memo: dict[str, Any] = field(default_factory=dict)
    """Values features compute once per build (e.g. the content's git history)."""
    generated_files: dict[str, bytes] = field(default_factory=dict)
    calendar_files: dict[str, str] = field(default_factory=dict)
    """src_uri of each activity's own iCalendar file, by activity id (set by the feed generator)."""
    problems: list[ContentError] = field(default_factory=list)
    """Problems found while rendering pages; the adapter reports them as build warnings."""

    @classmethod
    def start(cls, content_dir: Path, language: str, today: date, roots: dict[str, str], *,
              site: Site | None = None, with_files: bool = True) -> SiteBuild:
        """Load and validate the content (raises ContentErrors) and plan the generated pages.

        A check passes the already loaded `site` and `with_files=False`: the files (feeds) find no problems.
        """
        if language not in LANGUAGES:
            raise ValueError(f"theme.language must be one of {', '.join(LANGUAGES)}, not {language!r}")
        build = cls(site or load_site(content_dir, today), language, roots)
        errors: list[ContentError] = []
        for generator in PAGE_GENERATORS:
            try:
                for page in generator(build):
                    build.generated[page.src_uri] = page
            except ContentErrors as found:  # the other generators go on: every problem is reported at once
                errors += found.errors
        for file_maker in FILE_GENERATORS if with_files and not errors else ():
            for generated_file in file_maker(build):
                build.generated_files[generated_file.src_uri] = generated_file.content
        errors += build.generated_page_clashes()
        if errors:
            raise ContentErrors(errors)
        return build

    @cached_property
    def phases(self) -> dict[Phase, list[Entry]]:
        """Every activity as ongoing, upcoming or past on the build's today, each in reading order."""
        return activities_by_phase(self.site.collection("activities"), self.today)

    @cached_property
    def resources_by_activity(self) -> dict[str, list[Entry]]:
        """Resources of each activity id, newest first."""
        return resources_by_activity(self.site)

    @cached_property
    def search_box(self) -> dict[str, Any]:
        """The search box's labels and the values of its filters, in the build's language."""
        return {**i18n.t(self.language, "search"), "filters": filter_values(self)}

    @cached_property
    def indexes(self) -> SiteIndexes:
        """Activities and resources by sector, type and kind, computed once per build."""
        return SiteIndexes.of(self.site)

    def warnings(self) -> list[ContentError]:
        """What the registered checks find: printed as warnings, fatal under --strict."""
        return [warning for check in CONTENT_CHECKS for warning in check(self)]

    def generated_page_clashes(self) -> list[ContentError]:
        """Content files at the address of a page the build makes, which would silently replace them."""
        by_address = {url_of(entry.src_uri): entry for entry in self.site.entries.values()}
        return [
            ContentError(entry.path, 1, "file", f"has the address /{url_of(page.src_uri)} of a page the build makes "
                                                f"({page.title}); rename or move it")
            for page in self.generated.values() if (entry := by_address.get(url_of(page.src_uri))) is not None
        ]

    @property
    def today(self) -> date:
        """The build's today (SITE_TODAY or Stockholm's today)."""
        return self.site.today

    def t(self, key: str) -> str:
        """Interface text in this build's language."""
        return i18n.t(self.language, key)

    # Which file each page shows ---------------------------------------------------------------

    def source_files(self) -> dict[str, Path]:
        """src_uri of every content page of this language and the file it is read from."""
        return {
            entry.src_uri: self.site.content_dir / entry.variant(self.language).path.split("/", 1)[1]
            for entry in self.site.entries.values()
        }

    def entry(self, src_uri: str) -> Entry | None:
        """The content entry shown at src_uri, if it is not a generated page."""
        return self.site.entries.get(src_uri)

    # What each page says ----------------------------------------------------------------------

    def page_meta(self, src_uri: str) -> dict[str, Any]:
        """Metadata MkDocs and Material read, every string HTML-escaped (Material prints them raw)."""
        generated = self.generated.get(src_uri)
        if generated is not None:
            title, summary, hide = generated.title, generated.summary, generated.hide
        else:
            entry = self.site.entries[src_uri]
            title, summary = entry.title(self.language), entry.text("summary", self.language)
            hide = tuple(getattr(entry.data, "hide", ()) or ())
        meta: dict[str, Any] = {"title": html.escape(title)}
        if summary:
            meta["description"] = html.escape(summary)
        if hide:
            meta["hide"] = list(hide)
        return meta

    def page_update_date(self, src_uri: str) -> str:
        """The day a page last changed, for the sitemap: its `updated` field, else the build's today.

        Never the clock: two builds of the same content for the same today are identical.
        """
        entry = self.site.entries.get(src_uri)
        updated = getattr(entry.data, "updated", None) if entry is not None else None
        return (updated or self.today).isoformat()

    def page_markdown(self, src_uri: str) -> str:
        """The Markdown body MkDocs renders for a page, handed over: MkDocs asks once per page, and a build
        that kept every body it gave away would hold the whole archive's text until its end."""
        generated = self.generated.get(src_uri)
        if generated is not None:
            return generated.markdown
        entry = self.site.entries[src_uri]
        variant = entry.variant(self.language)
        entry.variants[variant.language] = replace(variant, body="")
        return variant.body

    def page_html(self, src_uri: str, body_html: str, page_url: str) -> str:
        """The page's content: staff HTML cleaned, with the build's own parts around it."""
        generated = self.generated.get(src_uri)
        if generated is not None:
            return (generated.html or "") + body_html
        entry = self.site.entries[src_uri]
        parts = []
        if entry.is_fallback(self.language):
            parts.append(render("fallback_notice.html", self.language))
        if isinstance(entry.data, Activity):
            parts.append(self.activity_header(entry, page_url))
        if isinstance(entry.data, Programme):
            parts.append(programme_header(self, entry, page_url))
        resource = resource_parts(self, entry, page_url) if isinstance(entry.data, Resource) else None
        materials = activity_resources(self, entry, page_url) if isinstance(entry.data, Activity) else None
        if resource:
            parts.append(resource.header)
        if materials and materials.leads:
            # Once an activity is over, what it left behind comes first.
            parts.append(materials.html)
        refused_images: list[str] = []
        body = clean_html(body_html, refused_images)
        variant = entry.variant(self.language)
        # Found before rendering too (verdict.py); kept here so that none the source reading misses goes unsaid.
        self.problems.extend(foreign_image_problem(variant.path, variant.body_line, url)
                             for url in dict.fromkeys(refused_images))
        wrapper = ' class="lce-archive-body"' if entry.collection in ARCHIVE_COLLECTIONS else ""
        if entry.is_fallback(self.language):
            body = f'<div lang="{entry.data_language}"{wrapper}>{body}</div>'
        elif wrapper:
            body = f"<div{wrapper}>{body}</div>"
        parts.append(body)
        if materials and not materials.leads:
            parts.append(materials.html)
        if resource:
            parts.append(resource.footer)
        parts.extend(addition(self, entry, page_url) for addition in PAGE_ADDITIONS)
        parts.append(search_facets(self, entry))
        return "\n".join(part for part in parts if part)

    def take_problems(self) -> list[ContentError]:
        """The problems found while rendering since the last call."""
        problems, self.problems = self.problems, []
        return problems

    def page_context(self, src_uri: str, page_url: str, in_navigation: bool = True) -> dict[str, Any]:
        """Extra values for the theme: the page's alternates in each language, which shared navigation it shows
        and header (overrides/partials/nav.html, header.html), and the features' parts."""
        path = page_url if page_url not in (".", "./") else ""
        context = {
            "language": self.language,
            "alternates": [
                {"lang": language, "href": self.roots[language] + path, "name": i18n.t(language, "language_name"),
                 "current": language == self.language}
                for language in LANGUAGES
            ],
            "x_default": self.roots[DEFAULT_LANGUAGE] + path,
            "search": self.search_box,
            "shared_nav_key": shared_navigation_key(path, in_navigation),
            "shared_header_key": shared_header_key(path),
        }
        for part in PAGE_CONTEXT_PARTS:
            context.update(part(self, src_uri, page_url))
        return context

    def write_outputs(self, site_dir: Path) -> list[Path]:
        """Write (or remove) the files the output writers give into the built site; return what was written."""
        written = []
        for writer in OUTPUT_WRITERS:
            for output in writer(self):
                target = site_dir / output.path
                if output.content is None:
                    target.unlink(missing_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                if isinstance(output.content, bytes):
                    target.write_bytes(output.content)
                else:
                    target.write_text(output.content, encoding="utf-8")
                written.append(target)
        return written

    # Parts of pages ---------------------------------------------------------------------------

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
            and activity_ends(activity) > build_instant(self.today)
        )

    def activity_header(self, entry: Entry, page_url: str) -> str:
        """The facts box at the top of an activity page."""
        activity: Activity = entry.data
        language = self.language
        vocabularies = self.site.vocabularies
        programme = self.site.by_id("programmes", activity.programme)
        people = vocabularies["people"]
        sectors = (
            [self.t("all_sectors")] if activity.sectors == ("all",)
            else [vocabularies["sectors"][sector].label(language) for sector in activity.sectors]
        )
        sessions = [
            {
                "start": session.start.iso(),
                "when": i18n.span_text(session.start, session.end, language),
                "title": session.title,
                "venue": self.venue_text(session.venue),
            }
            for session in activity.sessions
        ]
        return render(
            "activity_header.html", language,
            activity=activity,
            title=entry.title(language),
            date_note=entry.text("date_note", language),
            status=activity.status.value,
            type_label=vocabularies["activity-types"][activity.type].label(language),
            venue=self.venue_text(activity.venue),
            sessions=sessions,
            sectors=sectors,
            programme=programme.title(language) if programme else activity.programme,
            programme_url=relative_url(page_url, programme.url) if programme else "",
            area=vocabularies["areas"][activity.area].label(language),
            area_url=relative_url(page_url, f"areas/{activity.area}/"),
            facilitators=[people[person].name for person in activity.facilitators],
            contacts=[people[person] for person in activity.contact],
            registration=activity.registration if self.registration_open(activity) else None,
            calendar_file=(relative_url(page_url, self.calendar_files[entry.id])
                           if entry.id in self.calendar_files else None),
            starts=activity_begins(activity).isoformat(),
            ends=activity_ends(activity).isoformat(),
        )
