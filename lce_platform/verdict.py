"""Whether the content may be published: the one verdict `lce check`, the strict build and the tests share.

A strict build of a language publishes nothing when the content has errors (the loader's, clashing addresses
and redirects: nothing is built) or warnings (the content checks' findings, and in the pages' Markdown links to
missing pages, files or anchors and images from other hosts: the build goes on, --strict refuses the result).
`publishing_verdict` finds all of them for one language, before anything is rendered; the MkDocs hook logs
exactly its findings, and `lce check` prints those of both languages.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, partial
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lce_platform.content.collections import ACTIVITIES
from lce_platform.content.errors import ContentError, ContentErrors, allowed_list, closest
from lce_platform.content.links import Reference, anchor_ids, foreign_image, foreign_image_problem, references, target_uri
from lce_platform.content.site import Site, Variant
from lce_platform.facts.urls import ICALENDAR_FILE, area_calendar_path, sector_calendar_path
from lce_platform.outputs.icalendar_feeds import activity_calendar_file
from lce_platform.plan import AdminSource, BuildPlan
from lce_platform.reuse import kept_while

EMAIL_SUBSTITUTE = "\x02amp\x03"
"""What python-markdown puts in an obfuscated e-mail address; MkDocs leaves such links alone."""


@dataclass(frozen=True)
class Verdict:
    """What keeps one language of the content from being published, if anything."""

    language: str
    errors: tuple[ContentError, ...]
    """Problems that stop the build: nothing is built."""
    warnings: tuple[ContentError, ...]
    """Problems the build reports and goes on; a strict build then fails."""
    plan: BuildPlan | None = None

    @property
    def publishable(self) -> bool:
        """Whether a strict build of this language succeeds."""
        return not self.errors and not self.warnings

    @property
    def problems(self) -> tuple[ContentError, ...]:
        """Errors and warnings together."""
        return self.errors + self.warnings

    @cached_property
    def _warned(self) -> frozenset[tuple[str, str, str]]:
        return frozenset((known.path, known.field, known.problem) for known in self.warnings)

    def reported(self, problem: ContentError) -> bool:
        """Whether `problem` (found again while rendering, perhaps on another line) is among the warnings."""
        return (problem.path, problem.field, problem.problem) in self._warned


def publishing_verdict(content_dir: Path, language: str, today: date, roots: dict[str, str], *,
                       site: Site | None = None, site_name: str = "", admin: AdminSource | None = None,
                       share_card_cache: Path | None = None, chart_cache: Path | None = None,
                       render_pages: bool = True) -> Verdict:
    """Everything that keeps a strict build of `language` from publishing the content, found all at once; a check
    that builds nothing passes `render_pages=False` (its plan's generated pages have no HTML; the verdict is the
    same)."""
    try:
        plan = BuildPlan.start(content_dir, language, today, roots, site=site, site_name=site_name, admin=admin,
                               share_card_cache=share_card_cache, chart_cache=chart_cache, render_pages=render_pages)
    except ContentErrors as errors:
        return Verdict(language, tuple(errors.errors), ())
    return Verdict(language, (), tuple(publishing_problems(plan)), plan)


def publishing_problems(plan: BuildPlan) -> list[ContentError]:
    """The warnings of a started build: the content checks' findings and the problems of the pages' Markdown."""
    problems = [*plan.warnings(), *markdown_problems(plan)]
    return sorted(dict.fromkeys(problems), key=lambda error: (error.path, error.line, error.field, error.problem))


def combined_problems(verdicts: Iterable[Verdict]) -> list[ContentError]:
    """The problems of several languages' verdicts, each once, in file and line order."""
    problems = {problem for verdict in verdicts for problem in verdict.problems}
    return sorted(problems, key=lambda error: (error.path, error.line, error.field, error.problem))


def documentation_files(plan: BuildPlan) -> set[str]:
    """Every src_uri a link may name in this build: pages, generated iCalendar files, and the files under content/."""
    files = set(plan.site.entries) | set(plan.generated) | set(_calendar_files(plan))
    root = plan.site.content_dir
    for folder, _subfolders, names in os.walk(root):
        relative = Path(folder).relative_to(root).as_posix()
        for name in names:
            if not name.endswith(".md"):
                files.add(name if relative == "." else f"{relative}/{name}")
    return files


def _calendar_files(plan: BuildPlan) -> Iterator[str]:
    """The iCalendar files a build writes (made after the pages, so known by their address rules)."""
    yield ICALENDAR_FILE
    yield from (sector_calendar_path(sector) for sector in plan.site.vocabularies["sectors"])
    yield from (area_calendar_path(area) for area in plan.site.vocabularies["areas"])
    yield from filter(None, (activity_calendar_file(entry) for entry in plan.site.collection(ACTIVITIES)))


def markdown_problems(plan: BuildPlan) -> list[ContentError]:
    """Links to missing pages, files and anchors, and images from other hosts, in the Markdown of every page."""
    checker = _LinkChecker(plan)
    problems = []
    for entry in plan.site.entries.values():
        variant = entry.variant(plan.language)
        body = variant.body  # read once (it waits in a file: aside.py)
        # A preview rebuild finds the references again only in a saved file (the same body is the same string).
        found = kept_while(("references", variant.path), (body,), partial(references, body))
        if not found:
            continue
        offset = _body_offset(variant.body_line, body)
        for reference in found:
            problem = checker.problem(entry.src_uri, variant, reference, offset + reference.line)
            if problem is not None:
                problems.append(problem)
    return problems


def _body_offset(body_line: int, body: str) -> int:
    """What to add to the line of a reference in a body to give its line in the file (whose body starts at
    `body_line`, the blank lines before the body's text counted)."""
    leading = body.count("\n", 0, len(body) - len(body.lstrip("\r\n")))
    return body_line - leading


class _LinkChecker:
    """MkDocs' reading of links (mkdocs.structure.pages._RelativePathTreeprocessor, 1.6) over the core's files."""

    def __init__(self, plan: BuildPlan) -> None:
        self.plan = plan
        self.files = documentation_files(plan)
        self._anchors: dict[str, set[str]] = {}

    def anchors(self, src_uri: str) -> set[str]:
        """Ids of the page at src_uri in this language (a generated page has those of its Markdown only)."""
        if src_uri not in self._anchors:
            entry = self.plan.site.entries.get(src_uri)
            if entry is not None:
                markdown = entry.variant(self.plan.language).body
            else:
                markdown = self.plan.generated[src_uri].markdown
            self._anchors[src_uri] = anchor_ids(markdown)
        return self._anchors[src_uri]

    def is_page(self, src_uri: str) -> bool:
        return src_uri in self.plan.site.entries or src_uri in self.plan.generated

    def problem(self, src_uri: str, variant: Variant, reference: Reference, line: int) -> ContentError | None:
        """The problem of a reference (on `line` of the variant's file), if it has one."""
        url = reference.url
        if reference.image and foreign_image(url):
            return foreign_image_problem(variant.path, line, url)
        if reference.raw:
            return None
        scheme, netloc, path, _query, anchor = urlsplit(url)
        if scheme or netloc or EMAIL_SUBSTITUTE in url:
            return None
        if not path:
            if anchor and anchor not in self.anchors(src_uri):
                return self._missing_anchor(variant.path, line, url, anchor, src_uri, None)
            return None
        path = unquote(path)
        target = target_uri(src_uri, path)
        if target in self.files:
            if anchor and self.is_page(target) and anchor not in self.anchors(target):
                return self._missing_anchor(variant.path, line, url, anchor, target, src_uri)
            return None
        if not posixpath.splitext(path)[-1] and not url.startswith(("/", "\\")):
            return ContentError(variant.path, line, "body",
                                f"link '{url}' names no file of the site; link to the page's Markdown file "
                                "(ending in .md) or to a file under content/",
                                suggestion=self._guess(src_uri, path))
        return ContentError(variant.path, line, "body",
                            f"link '{url}' leads nowhere: there is no {target} under content/",
                            suggestion=self._closest(src_uri, target))

    def _missing_anchor(self, path: str, line: int, url: str, anchor: str, target: str,
                        linking: str | None) -> ContentError:
        where = "on this page" if linking is None else f"on the page of {self._shown_path(target)}"
        ids = sorted(self.anchors(target))
        return ContentError(path, line, "body", f"link '{url}' leads to no heading or anchor '#{anchor}' {where}",
                            allowed_list(ids, limit=8) if ids else None, closest(anchor, ids))

    def _shown_path(self, src_uri: str) -> str:
        entry = self.plan.site.entries.get(src_uri)
        return entry.variant(self.plan.language).path if entry is not None else f"the generated {src_uri}"

    def _relative(self, src_uri: str, target: str) -> str:
        return posixpath.relpath(target, posixpath.dirname(src_uri) or ".")

    def _guess(self, src_uri: str, path: str) -> str | None:
        """The file a link without an extension probably meant (MkDocs' own guesses, in its order)."""
        bases = [target_uri(src_uri, path), target_uri(src_uri[: -len(".md")] + "/index.md", path)]
        for base in bases:
            for guess in (base, posixpath.join(base, "index.md"), base.removesuffix(".html") + ".md"):
                guess = posixpath.normpath(guess)
                if guess in self.files and not guess.startswith("../"):
                    return self._relative(src_uri, guess)
        return None

    def _closest(self, src_uri: str, target: str) -> str | None:
        folder = posixpath.dirname(target)
        others = self.files - {src_uri}
        near = [name for name in others if posixpath.dirname(name) == folder] or list(others)
        found = closest(target, near)
        return self._relative(src_uri, found) if found else None
