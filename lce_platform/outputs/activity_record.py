"""What a page says of an activity that has taken place: first what happened (the account staff wrote afterwards,
with the reported participants) or, without an account, plainly what is known; the announcement stays below,
marked as what was announced."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import markdown
from babel.numbers import format_decimal
from markupsafe import Markup

from lce_platform.content.model import Activity
from lce_platform.content.site import Entry
from lce_platform.facts.urls import library_url, relative_url
from lce_platform.outputs.activity_state import activity_state
from lce_platform.outputs.edition import Edition
from lce_platform.outputs.render import render
from lce_platform.outputs.sanitize import clean_html

RECORD_HEADING_ID = "lce-record"
ANNOUNCEMENT_HEADING_ID = "lce-announcement"
_HEADING = re.compile(r"<(/?)h([1-6])\b")


def shift_headings(html: str, top: int) -> str:
    """The HTML with its headings moved down so that the highest is at level `top` (never past h6): text placed
    under one of the page's own h2 headings keeps the page's outline in order."""
    levels = [int(match.group(2)) for match in _HEADING.finditer(html)]
    if not levels or min(levels) >= top:
        return html
    shift = top - min(levels)
    return _HEADING.sub(lambda match: f"<{match.group(1)}h{min(6, int(match.group(2)) + shift)}", html)


@cache
def _converter() -> markdown.Markdown:
    # One converter, reset per account: making one with its extensions costs most of a conversion.
    return markdown.Markdown(extensions=["attr_list", "def_list", "tables"])


def account_html(markdown_text: str) -> str:
    """An account's Markdown as the page's HTML: paragraphs, lists, emphasis, links, tables, definition lists and
    attributes (no footnotes, abbreviations or permalinks), cleaned like every staff-written text, its headings under
    the section's h2. About 0.7 ms an account per language."""
    converted = _converter().reset().convert(markdown_text)
    return shift_headings(clean_html(converted), 3)


@dataclass(frozen=True)
class ActivityRecord:
    """The parts of a held activity's page: what happened (before the resources) and the announcement's heading."""

    html: str
    announcement_start: str
    announcement_end: str


def account_in(entry: Entry, language: str) -> tuple[str | None, str | None]:
    """The account to show in `language` and, when it is in the other language, that language's code."""
    activity: Activity = entry.data
    if activity.account is None:
        return None, None
    own = entry.variant(language).fields.get("account") if language in entry.variants else None
    if own is not None or language == entry.data_language:
        return own or activity.account, None
    return activity.account, entry.data_language


def activity_record(edition: Edition, entry: Entry, page_url: str) -> ActivityRecord | None:
    """The record of an activity that has taken place; None while it has not (or when cancelled or postponed)."""
    activity: Activity = entry.data
    if not activity_state(activity, edition.today).held:
        return None
    language = edition.language
    account, account_language = account_in(entry, language)
    participants = activity.reported_participants
    html = render(
        "activity_record.html", language,
        heading_id=RECORD_HEADING_ID,
        account=Markup(account_html(account)) if account else None,
        account_language=account_language,
        participants=format_decimal(participants, locale=language) if participants is not None else None,
        has_resources=bool(edition.resources_by_activity.get(entry.id)),
        library_url=relative_url(page_url, library_url()),
    )
    announcement_start = render("activity_announcement.html", language, heading_id=ANNOUNCEMENT_HEADING_ID,
                                has_account=account is not None)
    return ActivityRecord(html, announcement_start, "</section>")
