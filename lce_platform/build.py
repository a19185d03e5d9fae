"""One language build of the site: which page shows which file, its safe metadata and its HTML.

This is what the MkDocs hooks call; it knows nothing of MkDocs.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date
from pathlib import Path
from typing import Any

from . import i18n
from .loader import load_site
from .model import DEFAULT_LANGUAGE, LANGUAGES, ONLINE, Activity
from .render import render
from .sanitize import clean_html
from .search_index import ARCHIVE_COLLECTIONS, search_facets
from .site import Entry, Site, relative_url
from .timeline import activity_begins, activity_ends, build_instant, resources_by_activity


@dataclass(frozen=True)
class GeneratedPage:
    """A page the build writes from the content (calendar, indexes, staff docs…)."""

    src_uri: str
    title: str
    markdown: str = ""
    html: str = ""
    summary: str | None = None
    hide: tuple[str, ...] = ()


PageGenerator = Callable[["SiteBuild"], Iterable[GeneratedPage]]
PAGE_GENERATORS: list[PageGenerator] = []
"""Functions that add generated pages; features register theirs here."""


def page_generator(function: PageGenerator) -> PageGenerator:
    """Register a generator of pages (decorator)."""
    PAGE_GENERATORS.append(function)
    return function


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

    @classmethod
    def start(cls, content_dir: Path, language: str, today: date, roots: dict[str, str]) -> SiteBuild:
        """Load and validate the content (raises ContentErrors) and plan the generated pages."""
        if language not in LANGUAGES:
            raise ValueError(f"theme.language must be one of {', '.join(LANGUAGES)}, not {language!r}")
        build = cls(load_site(content_dir, today), language, roots)
        for generator in PAGE_GENERATORS:
            for page in generator(build):
                build.generated[page.src_uri] = page
        return build

    @cached_property
    def resources_by_activity(self) -> dict[str, list[Entry]]:
        """Resources of each activity id, newest first."""
        return resources_by_activity(self.site)

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

    def page_markdown(self, src_uri: str) -> str:
        """The Markdown body MkDocs renders for a page."""
        generated = self.generated.get(src_uri)
        if generated is not None:
            return generated.markdown
        return self.site.entries[src_uri].variant(self.language).body

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
        body = clean_html(body_html)
        wrapper = ' class="lce-archive-body"' if entry.collection in ARCHIVE_COLLECTIONS else ""
        if entry.is_fallback(self.language):
            body = f'<div lang="{entry.data_language}"{wrapper}>{body}</div>'
        elif wrapper:
            body = f"<div{wrapper}>{body}</div>"
        parts.append(body)
        parts.append(search_facets(self, entry))
        return "\n".join(part for part in parts if part)

    def page_context(self, src_uri: str, page_url: str) -> dict[str, Any]:
        """Extra values for the theme: the page's alternates in each language."""
        path = page_url if page_url not in (".", "./") else ""
        return {
            "language": self.language,
            "alternates": [
                {"lang": language, "href": self.roots[language] + path, "name": i18n.t(language, "language_name"),
                 "current": language == self.language}
                for language in LANGUAGES
            ],
            "x_default": self.roots[DEFAULT_LANGUAGE] + path,
            "search": i18n.t(self.language, "search"),
        }

    # Parts of pages ---------------------------------------------------------------------------

    def venue_text(self, venue_id: str | None) -> str | None:
        """A venue as one line: name and address, or 'Online'."""
        if venue_id is None:
            return None
        if venue_id == ONLINE:
            return self.t("online")
        venue = self.site.vocabularies["venues"][venue_id]
        address = venue.address
        parts = [venue.name, address.street, " ".join(p for p in (address.postal_code, address.locality) if p)]
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
            status=activity.status.value,
            type_label=vocabularies["activity-types"][activity.type].label(language),
            venue=self.venue_text(activity.venue),
            sessions=sessions,
            sectors=sectors,
            programme=programme.title(language) if programme else activity.programme,
            programme_url=relative_url(page_url, programme.url) if programme else "",
            area=vocabularies["areas"][activity.area].label(language),
            facilitators=[people[person].name for person in activity.facilitators],
            contacts=[people[person] for person in activity.contact],
            registration=activity.registration if self.registration_open(activity) else None,
            starts=activity_begins(activity).isoformat(),
            ends=activity_ends(activity).isoformat(),
        )
