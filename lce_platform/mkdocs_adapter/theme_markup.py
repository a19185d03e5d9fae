"""Corrections to the markup Material for MkDocs writes, where its templates offer no block to override."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from lce_platform.build_cache import replace_file

# Material's drawer and search toggles are checkboxes with autocomplete="off" (to stop browsers restoring
# them on back navigation); HTML allows autocomplete only on text-like inputs, so the page is invalid.
TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle" data-md-toggle="[a-z]+" type="checkbox" id="__[a-z]+") autocomplete="off">')


# Material's nav-item.html gives a section's label (navigation.sections) tabindex="" when it is not to be focused;
# an empty tabindex is not a valid integer, and leaving the attribute out is what it means.
EMPTY_SECTION_TABINDEX = re.compile(r'(<label class="md-nav__link[^"]*" for="[^"]*" id="[^"]*") tabindex="">')


def valid_theme_markup(page_html: str) -> str:
    """A page as Material wrote it, with the markup that the HTML standard forbids corrected."""
    return EMPTY_SECTION_TABINDEX.sub(r"\1>", TOGGLE_AUTOCOMPLETE.sub(r"\1>", page_html))


REPLACED_THEME_ASSETS = ("assets/javascripts/lunr/", "assets/javascripts/workers/", "assets/javascripts/bundle.")
"""Material's JavaScript bundle, its search engine and its worker: never loaded (overrides/main.html loads the
theme's behaviours the site uses and searches with Pagefind), so never copied."""

THEME_SITEMAP = "sitemap.xml"
"""The theme's own sitemap template: the build plan writes the site's sitemap instead."""


class SharedMarkup:
    """Theme markup that many pages of one build share, rendered for the first of them and reused (per key)."""

    def __init__(self) -> None:
        self._markup: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        return self._markup.get(key)

    def keep(self, key: str, markup: str) -> str:
        self._markup[key] = markup
        return markup


def page_folder(page_url: str) -> str:
    """A key for the pages whose relative links come out the same: the parent of a page's own folder
    ('activities/2025/' for 'activities/2025/x/'), '' for the home page, the URL itself for a page that is a file."""
    if not page_url.endswith("/"):
        return page_url
    return page_url.rstrip("/").rpartition("/")[0] + "/"


def shared_navigation_key(page_url: str, in_navigation: bool) -> str | None:
    """Which shared navigation a page shows: pages outside the navigation (nothing in it is active) in one
    folder share one, as its links are relative to that folder; None for the pages in it (marked active)."""
    return None if in_navigation else f"navigation-in-{page_folder(page_url)}"


def shared_header_key(page_url: str) -> str:
    """Which shared header a page shows (all but its title and language links): one per folder."""
    return f"header-in-{page_folder(page_url)}"


class CompiledTemplates(BytecodeCache):
    """The templates (the theme's and the core's own) compiled once: kept in memory for the preview's next rebuilds
    (each makes a new template environment), and in `folder` when a build names one (LCE_TEMPLATE_CACHE), for the
    next build's process. Jinja stores each template's source checksum with its code and compiles a changed template
    anew."""

    def __init__(self, folder: Path | None = None) -> None:
        self._compiled: dict[str, bytes] = {}
        self.folder = folder

    def load_bytecode(self, bucket: Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is None and self.folder is not None:
            try:
                compiled = (self.folder / f"{bucket.key}.jinja").read_bytes()
            except OSError:
                return
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: Bucket) -> None:
        compiled = self._compiled[bucket.key] = bucket.bytecode_to_string()
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            replace_file(self.folder / f"{bucket.key}.jinja", compiled)  # builds run side by side


COMPILED_THEME_TEMPLATES = CompiledTemplates()
