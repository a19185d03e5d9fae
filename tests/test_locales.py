"""The interface text exists in both languages."""

from __future__ import annotations

from lce_platform.outputs.i18n import strings


def keys(tree: dict, prefix: str = "") -> set[str]:
    """Every dotted key of a nested mapping."""
    found = set()
    for key, value in tree.items():
        found |= keys(value, f"{prefix}{key}.") if isinstance(value, dict) else {f"{prefix}{key}"}
    return found


def test_swedish_and_english_have_the_same_keys():
    """Check that every interface string exists in Swedish and in English (and no file repeats a key)."""
    swedish, english = keys(strings("sv")), keys(strings("en"))
    assert swedish - english == set()
    assert english - swedish == set()
