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
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .build import SiteBuild
from .errors import ContentError, ContentErrors, allowed_list, closest
from .icalendar_feeds import FEED_FILE, activity_feed_uri, area_feed_uri, sector_feed_uri
from .links import Reference, anchor_ids, foreign_image, foreign_image_problem, references, target_uri
from .site import Site, Variant

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
    build: SiteBuild | None = None

    @property
    def publishable(self) -> bool:
        """Whether a strict build of this language succeeds."""
        return not self.errors and not self.warnings

    @property
    def problems(self) -> tuple[ContentError, ...]:
        """Errors and warnings together."""
        return self.errors + self.warnings

    def reported(self, problem: ContentError) -> bool:
        """Whether `problem` (found again while rendering, perhaps on another line) is among the warnings."""
        return (problem.path, problem.field, problem.problem) in {
            (known.path, known.field, known.problem) for known in self.warnings}


def publishing_verdict(content_dir: Path, language: str, today: date, roots: dict[str, str], *,
                       site: Site | None = None, with_files: bool = True) -> Verdict:
    """Everything that keeps a strict build of `language` from publishing the content, found all at once."""
    try:
        build = SiteBuild.start(content_dir, language, today, roots, site=site, with_files=with_files)
    except ContentErrors as errors:
        return Verdict(language, tuple(errors.errors), ())
    return Verdict(language, (), tuple(publishing_problems(build)), build)


def publishing_problems(build: SiteBuild) -> list[ContentError]:
    """The warnings of a started build: the content checks' findings and the problems of the pages' Markdown."""
    problems = [*build.warnings(), *markdown_problems(build)]
    return sorted(dict.fromkeys(problems), key=lambda error: (error.path, error.line, error.field, error.problem))


def combined_problems(verdicts: Iterable[Verdict]) -> list[ContentError]:
    """The problems of several languages' verdicts, each once, in file and line order."""
    problems = {problem for verdict in verdicts for problem in verdict.problems}
    return sorted(problems, key=lambda error: (error.path, error.line, error.field, error.problem))


def documentation_files(build: SiteBuild) -> set[str]:
    """Every src_uri a link may name in this build: pages, generated files, and the files under content/."""
    files = set(build.source_files()) | set(build.generated)
    files |= set(build.generated_files) or set(_planned_feed_files(build))
    root = build.site.content_dir
    for folder, _subfolders, names in os.walk(root):
        relative = Path(folder).relative_to(root).as_posix()
        for name in names:
            if not name.endswith(".md"):
                files.add(name if relative == "." else f"{relative}/{name}")
    return files


def _planned_feed_files(build: SiteBuild) -> Iterator[str]:
    """The iCalendar files a build writes (`lce check` does not write them)."""
    yield FEED_FILE
    yield from (sector_feed_uri(sector) for sector in build.site.vocabularies["sectors"])
    yield from (area_feed_uri(area) for area in build.site.vocabularies["areas"])
    yield from (activity_feed_uri(entry) for entry in build.site.collection("activities"))


def markdown_problems(build: SiteBuild) -> list[ContentError]:
    """Links to missing pages, files and anchors, and images from other hosts, in the Markdown of every page."""
    checker = _LinkChecker(build)
    problems = []
    for entry in build.site.entries.values():
        variant = entry.variant(build.language)
        for reference in references(variant.body):
            problem = checker.problem(entry.src_uri, variant, reference)
            if problem is not None:
                problems.append(problem)
    return problems


def _file_line(variant: Variant, reference: Reference) -> int:
    """The line in the file of a reference found at `reference.line` of the variant's body."""
    body = variant.body
    leading = body.count("\n", 0, len(body) - len(body.lstrip("\r\n")))
    return variant.body_line + reference.line - leading


class _LinkChecker:
    """MkDocs' reading of links (mkdocs.structure.pages._RelativePathTreeprocessor, 1.6) over the core's files."""

    def __init__(self, build: SiteBuild) -> None:
        self.build = build
        self.files = documentation_files(build)
        self._anchors: dict[str, set[str]] = {}

    def anchors(self, src_uri: str) -> set[str]:
        """Ids of the page at src_uri in this language (a generated page has those of its Markdown only)."""
        if src_uri not in self._anchors:
            entry = self.build.site.entries.get(src_uri)
            if entry is not None:
                markdown = entry.variant(self.build.language).body
            else:
                markdown = self.build.generated[src_uri].markdown
            self._anchors[src_uri] = anchor_ids(markdown)
        return self._anchors[src_uri]

    def is_page(self, src_uri: str) -> bool:
        return src_uri in self.build.site.entries or src_uri in self.build.generated

    def problem(self, src_uri: str, variant: Variant, reference: Reference) -> ContentError | None:
        line = _file_line(variant, reference)
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
        entry = self.build.site.entries.get(src_uri)
        return entry.variant(self.build.language).path if entry is not None else f"the generated {src_uri}"

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
