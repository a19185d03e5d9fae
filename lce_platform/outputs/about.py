"""The About page's lead, placed between its title and its text: each programme with its period in the tense its
dates give (ran, runs, starts), so the page never says that a programme runs after it has ended."""

from __future__ import annotations

from lce_platform.content.site import Entry
from lce_platform.facts.urls import relative_url
from lce_platform.outputs import i18n
from lce_platform.outputs.edition import Edition
from lce_platform.outputs.home import programmes_in_order
from lce_platform.outputs.render import render

ABOUT_SRC_URI = "about.md"


def about_programmes(edition: Edition, entry: Entry, page_url: str) -> str:
    """On the About page, first: every programme, linked, with its period as a sentence of the build's day."""
    if entry.src_uri != ABOUT_SRC_URI:
        return ""
    language = edition.language
    programmes = [
        {
            "title": programme.title(language),
            "url": relative_url(page_url, programme.url),
            "period": i18n.programme_period_sentence(programme.data, edition.today, language),
        }
        for programme in programmes_in_order(edition)
    ]
    return render("about_programmes.html", language, programmes=programmes)
