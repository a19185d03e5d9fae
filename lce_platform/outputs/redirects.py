"""Permanent addresses: a moved or renamed content file lists its old paths in `redirect_from`, and
each old address gets a small page that sends readers and search engines to the new one.

The pages use a meta refresh and a canonical link (static hosting has no server redirects), and ask
search engines not to index the old address.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lce_platform.plan import OutputFile, output_writer, page_generator
from lce_platform.content.errors import ContentError, ContentErrors
from lce_platform.outputs.icalendar_feeds import feed_uri_at
from lce_platform.outputs.render import render
from lce_platform.facts.site import relative_url, url_of

if TYPE_CHECKING:
    from lce_platform.plan import SiteBuild
    from lce_platform.facts.site import Entry


def redirects(build: SiteBuild) -> dict[str, Entry]:
    """Old page URL (relative to a language root) → the entry that moved from there."""
    return {url_of(old): entry for entry in build.site.entries.values()
            for old in getattr(entry.data, "redirect_from", ())}


def redirect_problems(build: SiteBuild) -> list[ContentError]:
    """Old paths that would hide a page, or that two files both claim."""
    problems = []
    claimed: dict[str, str] = {}
    pages = {entry.url: entry.path for entry in build.site.entries.values()}
    pages.update({url_of(src_uri): f"the generated page {url_of(src_uri)}" for src_uri in build.generated})
    for entry in build.site.entries.values():
        for old in getattr(entry.data, "redirect_from", ()):
            line = entry.line_of("redirect_from")
            url = url_of(old)
            if url in pages:
                problems.append(ContentError(entry.path, line, "redirect_from",
                                             f"'{old}' is the address of {pages[url]}, which exists; "
                                             "list only paths no file has any more"))
            elif url in claimed and claimed[url] != entry.path:
                problems.append(ContentError(entry.path, line, "redirect_from",
                                             f"'{old}' is already listed by {claimed[url]}; keep it in one file"))
            claimed.setdefault(url, entry.path)
    return problems


@page_generator
def check_redirects(build: SiteBuild):
    """Refuse redirects that would hide a page or lead to two places (no page is generated)."""
    problems = redirect_problems(build)
    if problems:
        raise ContentErrors(problems)
    return ()


def redirect_page(build: SiteBuild, old_url: str, entry: Entry) -> str:
    """The small page at an old address that leads to the entry's page."""
    return render("redirect.html", build.language,
                  title=entry.title(build.language),
                  target=relative_url(old_url, entry.url),
                  canonical=build.roots[build.language] + entry.url)


@output_writer
def redirect_pages(build: SiteBuild):
    """A redirect page at every old address, in this build's language (checked again: pages are all known now)."""
    problems = redirect_problems(build)
    if problems:
        raise ContentErrors(problems)
    for old_url, entry in sorted(redirects(build).items()):
        yield OutputFile(old_url + "index.html", redirect_page(build, old_url, entry))
        calendar_file = build.calendar_files.get(entry.id) if entry.collection == "activities" else None
        if calendar_file:
            # "Add to calendar" files cannot redirect on a static host: the old address keeps a copy.
            yield OutputFile(feed_uri_at(old_url), build.generated_files[calendar_file])
