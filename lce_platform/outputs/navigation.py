"""The visitor's navigation in the build's language, and the links in the footer of every page.

mkdocs.yml names each section of its `nav` by a key of `navigation.sections` in the interface text, so one
navigation serves both languages, each with its own titles.
"""

from __future__ import annotations

import html
import re
from typing import Any

from lce_platform.content.errors import ContentError, allowed_list, closest
from lce_platform.facts.urls import STAFF_URL
from lce_platform.outputs import i18n

FOOTER_SECTION = "about"
"""The navigation section the footer of every page repeats, followed by the staff guide: a page about the platform
(contact, accessibility, open data, impact, people) is added once, to this section in mkdocs.yml, and shows in
both the navigation and the footer."""


def section_title(language: str, key: str, config_name: str = "mkdocs.yml", config_text: str = "") -> str:
    """The title of the navigation section `key` in `language`, HTML-escaped (the theme prints it raw).

    Raises ContentError, at the section's line of the configuration, for a key with no title."""
    titles = i18n.strings(language)["navigation"]["sections"]
    if key not in titles:
        found = re.search(rf"^\s*-\s*['\"]?{re.escape(key)}['\"]?\s*:", config_text, flags=re.MULTILINE)
        line = config_text.count("\n", 0, found.start()) + 1 if found else 1
        raise ContentError(config_name, line, "nav",
                           f"the section '{key}' has no title in {language} (navigation.sections of the interface "
                           "text, lce_platform/outputs/locales/)", allowed_list(titles), closest(key, titles))
    return html.escape(titles[key])


def footer_text(language: str) -> dict[str, Any]:
    """The footer's words and the staff guide's address (relative to the language root), for the theme."""
    return {
        "label": i18n.t(language, "navigation.footer"),
        "staff_title": i18n.t(language, "navigation.staff"),
        "staff_url": STAFF_URL,
    }
