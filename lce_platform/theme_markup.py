"""Corrections to the markup Material for MkDocs writes, where its templates offer no block to override."""

from __future__ import annotations

import re

# Material's drawer and search toggles are checkboxes with autocomplete="off" (to stop browsers restoring
# them on back navigation); HTML allows autocomplete only on text-like inputs, so the page is invalid.
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle" data-md-toggle="[a-z]+" type="checkbox" id="__[a-z]+") autocomplete="off">')


def valid_theme_markup(page_html: str) -> str:
    """A page as Material wrote it, with the markup that the HTML standard forbids corrected."""
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1>", page_html)
