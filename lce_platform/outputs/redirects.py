"""Permanent addresses: a moved or renamed content file lists its old paths in `redirect_from`, and
each old address gets a small page that sends readers and search engines to the new one.

The pages use a meta refresh and a canonical link (static hosting has no server redirects), and ask
search engines not to index the old address.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial

from lce_platform.content.errors import ContentError
from lce_platform.content.collections import ACTIVITIES
from lce_platform.content.site import Entry
from lce_platform.facts.urls import activity_calendar_path, relative_url, url_of
from lce_platform.outputs.edition import Edition
from lce_platform.outputs.icalendar_feeds import activity_calendar, activity_calendar_file
from lce_platform.outputs.render import render
from lce_platform.outputs.planned import SiteFile


def redirects(edition: Edition) -> dict[str, Entry]:
    """Old page URL (relative to a language root) → the entry that moved from there."""
    return {url_of(old): entry for entry in edition.site.entries.values()
            for old in getattr(entry.data, "redirect_from", ())}


def redirect_problems(edition: Edition, generated: Iterable[str]) -> list[ContentError]:
    """Old paths that would hide a page (a content page or one of the `generated` src_uris), or that two files
    both claim."""
    problems = []
    claimed: dict[str, str] = {}
    pages = {entry.url: entry.path for entry in edition.site.entries.values()}
    pages.update({url_of(src_uri): f"the generated page {url_of(src_uri)}" for src_uri in generated})
    for entry in edition.site.entries.values():
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


def redirect_page(edition: Edition, old_url: str, entry: Entry) -> str:
    """The small page at an old address that leads to the entry's page."""
    return render("redirect.html", edition.language,
                  title=entry.title(edition.language),
                  target=relative_url(old_url, entry.url),
                  canonical=edition.roots[edition.language] + entry.url)


def redirect_pages(edition: Edition) -> Iterator[SiteFile]:
    """A redirect page at every old address, in this build's language."""
    for old_url, entry in sorted(redirects(edition).items()):
        made_from = (entry.src_uri,)
        yield SiteFile(old_url + "index.html", make=partial(redirect_page, edition, old_url, entry),
                       made_from=made_from)
        if entry.collection is ACTIVITIES and activity_calendar_file(entry):
            # "Add to calendar" files cannot redirect on a static host: the old address keeps a copy.
            yield SiteFile(activity_calendar_path(old_url), make=partial(activity_calendar, edition, entry),
                           made_from=made_from)
