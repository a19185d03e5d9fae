"""The build plan of one language: every page the theme renders and every file written as bytes.

The plan is made from the loaded content by the outputs, in the order listed here; the MkDocs adapter hands its
pages to MkDocs and writes its files, and nothing else writes output. It knows nothing of MkDocs.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from lce_platform.build_cache import digest
from lce_platform.content.errors import ContentError, ContentErrors
from lce_platform.content.links import foreign_image_problem
from lce_platform.content.loader import VOCABULARY_DIR, folded_address, load_site
from lce_platform.content.model import DEFAULT_LANGUAGE, LANGUAGES, Activity, Programme, Resource
from lce_platform.content.collections import ACTIVITIES, PAGES, PROGRAMMES, RESOURCES
from lce_platform.content.site import Entry, Site
from lce_platform.facts.urls import url_of
from lce_platform.outputs import (
    about, agenda, home, i18n, impact, library, open_data, people_pages, redirects, sector_pages, sitemap, staff_docs,
)
from lce_platform.outputs.activity_header import activity_header
from lce_platform.outputs.activity_record import activity_record, shift_headings
from lce_platform.outputs.credits import funder_credits
from lce_platform.outputs.dcat import dcat_catalogue
from lce_platform.outputs.feeds import feed_links, feeds
from lce_platform.outputs.icalendar_feeds import calendar_feeds
from lce_platform.outputs.navigation import footer_text
from lce_platform.outputs.edition import Edition
from lce_platform.outputs.planned import GeneratedPage, SiteFile
from lce_platform.outputs.programme_header import programme_header
from lce_platform.outputs.render import items_rendered_once, render
from lce_platform.outputs.resource_parts import activity_resources, resource_parts
from lce_platform.outputs.sanitize import clean_html
from lce_platform.outputs.compression import precompress_assets
from lce_platform.outputs.search_index import ARCHIVE_COLLECTIONS, filter_values, index_site, search_facets
from lce_platform.outputs.sharing import share_cards, share_context
from lce_platform.outputs.structured_data import jsonld_context
from lce_platform.publishing.cms import admin_files
from lce_platform.reuse import keeping

GENERATED_PAGES = (
    staff_docs.content_model_pages,
    staff_docs.accounts_to_write_page,
    library.library_pages,
    sector_pages.sector_and_type_pages,
    agenda.calendar_pages,
    impact.impact_pages,
    people_pages.people_and_organisation_pages,
    open_data.data_pages,
)
"""(edition) -> GeneratedPage…: the pages made from the content, in the order they are planned."""

HOME_PAGE_ADDITIONS = (home.home_what_is_on, home.home_ways_in, home.home_latest_resources, about.about_programmes)
"""(edition, entry, page_url) -> str: HTML between a content page's title (its leading h1) and the rest of its body,
in this order ('' for the pages each leaves alone): the home page leads with what is on, About with the programmes
and their periods as of the build's day."""

CONTENT_CHECKS = (library.recordings_are_accessible,)
"""(edition) -> ContentError…: findings that are warnings (the build goes on; a strict build fails)."""


def finish_site(site_dir: Path, cache_dir: Path | None = None) -> list[str]:
    """What follows a language's pages being written: the search index (Pagefind reads the written HTML; with a
    build cache folder, only its parts whose pages changed) and compressed copies of the assets. `make build` and
    the tests run it through `lce search-index`, once both languages are written (Pagefind needs more memory than
    a language's build); the preview server after its first build. Returns the parts indexed; raises
    SearchIndexError."""
    indexed = index_site(site_dir, cache_dir)
    precompress_assets(site_dir)
    return indexed


def split_title(body_html: str) -> tuple[str, str]:
    """A page body's leading h1 (where Markdown's `# Title` puts it) and the rest; ('', body) without one."""
    start = body_html.lstrip()
    if not start.startswith("<h1"):
        return "", body_html
    end = start.find("</h1>")
    if end < 0:
        return "", body_html
    end += len("</h1>")
    return start[:end], start[end:]


def language_roots(site_url: str, environ: dict[str, str]) -> dict[str, str]:
    """Absolute root URL of each language: Swedish at the site root, English under en/."""
    root = (environ.get("SITE_URL") or site_url or "/").rstrip("/") + "/"
    english = environ.get("SITE_URL_EN") or root + "en/"
    return {"sv": root, "en": english.rstrip("/") + "/"}


@dataclass(frozen=True)
class AdminSource:
    """Where the CMS under /admin/ comes from (the Swedish build serves it): the project holding its npm package,
    the environment naming the repository it commits to, and the configured repository URL."""

    project_dir: Path
    environ: dict[str, str]
    repo_url: str | None = None


@dataclass
class BuildPlan:
    """Everything one language's build contains: content pages, generated pages and files."""

    edition: Edition
    generated: dict[str, GeneratedPage] = field(default_factory=dict)
    admin: AdminSource | None = None
    problems: list[ContentError] = field(default_factory=list)
    """Problems found while rendering pages; the adapter reports them as build warnings."""

    @classmethod
    def start(cls, content_dir: Path, language: str, today: date, roots: dict[str, str], *,
              site: Site | None = None, site_name: str = "", admin: AdminSource | None = None,
              share_card_cache: Path | None = None, chart_cache: Path | None = None,
              render_pages: bool = True) -> BuildPlan:
        """Load and validate the content (raises ContentErrors, all of them) and plan the generated pages.

        A check passes the already loaded `site` and `render_pages=False` (the generated pages' addresses and titles
        without their HTML); a build may name folders of share images and charts drawn before.
        """
        edition = Edition(site or load_site(content_dir, today), language, roots, site_name, share_card_cache,
                          chart_cache)
        plan = cls(edition, admin=admin)
        for generator in GENERATED_PAGES:
            with items_rendered_once():
                for page in generator(edition):
                    plan.generated[page.src_uri] = page.rendered() if render_pages else page
        clashes = plan.generated_page_clashes() + redirects.redirect_problems(edition, plan.generated)
        if clashes:
            raise ContentErrors(clashes)
        return plan

    @property
    def site(self) -> Site:
        """The loaded content."""
        return self.edition.site

    @property
    def language(self) -> str:
        """The plan's language."""
        return self.edition.language

    def warnings(self) -> list[ContentError]:
        """What the content checks find: printed as warnings, fatal under --strict."""
        return [warning for check in CONTENT_CHECKS for warning in check(self.edition)]

    def generated_page_clashes(self) -> list[ContentError]:
        """Content files at the address of a page the build makes, which would silently replace them."""
        # Folded as the loader folds addresses: Calendar.md is the calendar's page on Windows and macOS.
        by_address = {folded_address(url_of(entry.src_uri)): entry for entry in self.site.entries.values()}
        return [
            ContentError(entry.path, 1, "file", f"has the address /{url_of(page.src_uri)} of a page the build makes "
                                                f"({page.title}); rename or move it")
            for page in self.generated.values()
            if (entry := by_address.get(folded_address(url_of(page.src_uri)))) is not None
        ]

    # The pages --------------------------------------------------------------------------------

    def source_files(self) -> dict[str, str]:
        """src_uri of every content page of this language and the path of the file it is read from."""
        content_dir = str(self.site.content_dir)
        return {
            entry.src_uri: os.path.join(content_dir, entry.variant(self.language).path.split("/", 1)[1])
            for entry in self.site.entries.values()
        }

    def page_entries(self, src_uri: str) -> list[Entry] | None:
        """The entries a content page is made from: its own and those it shows (an activity's programme and
        resources, a resource's activity); None for a page that may list any entry (home page, programmes)."""
        entry = self.site.entries[src_uri]
        if entry.collection in (PAGES, PROGRAMMES):
            return None
        return [entry, *self._shown_entries(entry)]

    def page_inputs(self, src_uri: str) -> list[Path]:
        """The files a content page is made from (page_entries' files and the vocabularies), for a build to know
        whether it changed; a page that may list any entry depends on every content file."""
        entries = self.page_entries(src_uri)
        if entries is None:
            return self._every_input
        return [*self._files_of(entries), *self._vocabulary_files]

    def _files_of(self, entries: list[Entry]) -> list[Path]:
        files = self._entry_files
        return [path for entry in entries for path in files[entry.src_uri]]

    @cached_property
    def _entry_files(self) -> dict[str, list[Path]]:
        """The files of each entry (its own and its translation's), by src_uri: made once, asked for every page."""
        content_dir = self.site.content_dir
        return {src_uri: [content_dir / variant.path.split("/", 1)[1] for variant in entry.variants.values()]
                for src_uri, entry in self.site.entries.items()}

    @cached_property
    def _vocabulary_files(self) -> list[Path]:
        return sorted((self.site.content_dir / VOCABULARY_DIR).glob("*.yml"))

    @cached_property
    def _every_input(self) -> list[Path]:
        return [*self._files_of(list(self.site.entries.values())), *self._vocabulary_files]

    def _shown_entries(self, entry: Entry) -> list[Entry]:
        data = entry.data
        if entry.collection is ACTIVITIES:
            programme = self.site.by_id(PROGRAMMES, data.programme)
            return [*self.edition.resources_by_activity.get(entry.id, []), *([programme] if programme else [])]
        if entry.collection is RESOURCES and data.activity:
            activity = self.site.by_id(ACTIVITIES, data.activity)
            return [activity] if activity is not None else []
        return []

    # What a page is made from, for a build that reuses the previous one's pages (build_cache.py) --------------

    def build_facts(self) -> str:
        """A digest of what every page of this build may show besides its own files: language, today, addresses,
        site name, the vocabularies, what the theme shows on every page, and the titles the navigation may show."""
        edition = self.edition
        titles = sorted((src_uri, self.page_meta(src_uri)["title"]) for src_uri in [
            *self.generated, *(entry.src_uri for entry in self.site.entries.values()
                               if entry.collection in (PAGES, PROGRAMMES))])
        return digest(self.language, edition.today.isoformat(), json.dumps(edition.roots, sort_keys=True),
                      edition.site_name, json.dumps(titles), repr(sorted(self.theme_globals().items())),
                      *(self._file_digest(path) for path in self._vocabulary_files))

    def page_key(self, src_uri: str) -> str:
        """A digest of what one page is made from: a generated page's parts and the dates of what it lists; a
        content page's files (page_inputs) and their git dates."""
        generated = self.generated.get(src_uri)
        if generated is not None:
            listed = [entry for uri in generated.lists if (entry := self.site.entries.get(uri)) is not None]
            return digest(src_uri, repr(generated), *(self._file_dates(path) for path in self._files_of(listed)))
        return digest(src_uri, *(part for path in self.page_inputs(src_uri)
                                 for part in (self._file_digest(path), self._file_dates(path))))

    def file_key(self, file: SiteFile) -> str | None:
        """A digest of what a file of the plan is made from (`SiteFile.made_from`): its path and facts, the files of
        the entries it shows and their git dates; None for a file every build makes again. Like a page's key, it
        holds with the build's facts and code (a build of other facts or code keeps nothing)."""
        if file.made_from is None:
            return None
        entries = [self.site.entries[src_uri] for src_uri in file.made_from]
        return digest("file", file.path, file.facts, *(part for path in self._files_of(entries)
                                                       for part in (self._file_digest(path), self._file_dates(path))))

    def _file_digest(self, path: Path) -> str:
        found = self._digests.get(path)
        if found is None:
            found = self._digests[path] = digest(path.read_bytes())
        return found

    def _file_dates(self, path: Path) -> str:
        found = self._dates.get(path)
        if found is None:
            dates = self.edition.history.get(path.relative_to(self.site.content_dir).as_posix())
            found = self._dates[path] = "" if dates is None else f"{dates.added.isoformat()} {dates.changed.isoformat()}"
        return found

    @cached_property
    def _digests(self) -> dict[Path, str]:
        return {}

    @cached_property
    def _dates(self) -> dict[Path, str]:
        """Each file's dates as a key holds them: asked for by every page that lists its entry."""
        return {}

    def page_meta(self, src_uri: str) -> dict[str, Any]:
        """Metadata the theme reads, every string HTML-escaped (Material prints them raw)."""
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
        """The day a page last changed: its `updated` field, else the build's today.

        Never the clock: two builds of the same content for the same today are identical.
        """
        entry = self.site.entries.get(src_uri)
        updated = getattr(entry.data, "updated", None) if entry is not None else None
        return (updated or self.edition.today).isoformat()

    def page_markdown(self, src_uri: str) -> str:
        """The Markdown body of a page, handed over: the theme asks once per page, and a build that kept every
        body it gave away would hold the whole archive's text until its end. The preview server keeps the entry
        for its next rebuilds (which may render the page again and check links to it), so it keeps the body.
        The other language's body goes too: once the content is checked, a build reads only its own language's."""
        generated = self.generated.get(src_uri)
        if generated is not None:
            return generated.markdown
        entry = self.site.entries[src_uri]
        variant = entry.variant(self.language)
        if not keeping():
            for language, handed in entry.variants.items():
                entry.variants[language] = replace(handed, body="")
        return variant.body

    def page_html(self, src_uri: str, body_html: str, page_url: str) -> str:
        """The page's content: staff HTML cleaned, with the build's own parts around it. A generated page's
        Markdown and HTML are handed over with it, as a content page's body is (only its title, summary and what
        it lists are read after: the sitemap, the page's share card and structured data)."""
        generated = self.generated.get(src_uri)
        if generated is not None:
            if not keeping():
                self.generated[src_uri] = replace(generated, markdown="", html="")
            return (generated.html or "") + body_html
        edition = self.edition
        entry = self.site.entries[src_uri]
        parts = []
        if entry.is_fallback(self.language):
            parts.append(render("fallback_notice.html", self.language))
        if isinstance(entry.data, Activity):
            parts.append(activity_header(edition, entry, page_url))
        if isinstance(entry.data, Programme):
            parts.append(programme_header(edition, entry, page_url))
        resource = resource_parts(edition, entry, page_url) if isinstance(entry.data, Resource) else None
        materials = activity_resources(edition, entry, page_url) if isinstance(entry.data, Activity) else None
        record = activity_record(edition, entry, page_url) if isinstance(entry.data, Activity) else None
        if resource:
            parts.append(resource.header)
        if record:
            # Once it has taken place, what happened comes first, then what it left behind, then the announcement.
            parts.append(record.html)
        if materials and materials.leads:
            # Once an activity is over, what it left behind comes first.
            parts.append(materials.html)
        refused_images: list[str] = []
        body = clean_html(body_html, refused_images)
        variant = entry.variant(self.language)
        # Found before rendering too (verdict.py); kept here so that none the source reading misses goes unsaid.
        self.problems.extend(foreign_image_problem(variant.path, variant.body_line, url)
                             for url in dict.fromkeys(refused_images))
        additions = "\n".join(html for addition in HOME_PAGE_ADDITIONS if (html := addition(edition, entry, page_url)))
        title, body = split_title(body) if additions else ("", body)
        wrapper = ' class="lce-archive-body"' if entry.collection in ARCHIVE_COLLECTIONS else ""
        if entry.is_fallback(self.language):
            title, body = (f'<div lang="{entry.data_language}"{wrapper}>{part}</div>' if part else ""
                           for part in (title, body))
        elif wrapper:
            body = f"<div{wrapper}>{body}</div>"
        if record and body:
            body = record.announcement_start + shift_headings(body, 3) + record.announcement_end
        parts.extend((title, additions, body))
        if materials and not materials.leads:
            parts.append(materials.html)
        if resource:
            parts.append(resource.footer)
        parts.append(search_facets(edition, entry))
        return "\n".join(part for part in parts if part)

    def take_problems(self) -> list[ContentError]:
        """The problems found while rendering since the last call."""
        problems, self.problems = self.problems, []
        return problems

    @cached_property
    def search_box(self) -> dict[str, Any]:
        """The search box's labels and the values of its filters, in the plan's language."""
        return {**i18n.t(self.language, "search"), "filters": filter_values(self.edition)}

    def theme_globals(self) -> dict[str, Any]:
        """Values every template of the theme may read: the funders' credit, the footer's words, the search box and
        the name of the button that opens the navigation."""
        return {"lce_credits": funder_credits(self.edition), "lce_footer": footer_text(self.language),
                "lce_search": self.search_box, "lce_menu": i18n.t(self.language, "navigation.menu")}

    def page_context(self, src_uri: str, page_url: str, shared_keys: dict[str, str | None]) -> dict[str, Any]:
        """Values for the theme's page template: the page's alternates in each language, the keys of the markup it
        shares with other pages (`shared_keys`, from the adapter), its share card, structured data and feeds."""
        edition = self.edition
        path = page_url if page_url not in (".", "./") else ""
        generated = self.generated.get(src_uri)
        return {
            "language": self.language,
            "alternates": [
                {"lang": language, "href": edition.roots[language] + path, "name": i18n.t(language, "language_name"),
                 "current": language == self.language}
                for language in LANGUAGES
            ],
            "x_default": edition.roots[DEFAULT_LANGUAGE] + path,
            "search": self.search_box,
            **shared_keys,
            **share_context(edition, src_uri, page_url, generated),
            **jsonld_context(edition, src_uri, page_url, generated),
            **feed_links(edition, src_uri, page_url),
        }

    # The files --------------------------------------------------------------------------------

    def files(self) -> Iterator[SiteFile]:
        """Every file of the language's site that is not a page, made one at a time (the archive's feeds and
        images are never all held at once); a file with a maker is made only when written, so a build that keeps
        the previous build's file (same `file_key`) does not make it."""
        edition = self.edition
        yield from calendar_feeds(edition)
        yield from impact.impact_charts(edition)
        yield from share_cards(edition)
        yield from sitemap.sitemap_and_robots(edition, self.generated)
        yield from feeds(edition)
        yield from redirects.redirect_pages(edition)
        yield from open_data.open_data_files(edition)
        yield from dcat_catalogue(edition)
        if self.admin is not None:
            # Last: without the CMS's npm package (FileNotFoundError) every other file is written all the same.
            yield from admin_files(edition, self.admin.project_dir, self.admin.environ, self.admin.repo_url)
