"""The store both language builds of `make build` share their Markdown conversions through (the whole builds are
compared in tests/quality/test_gate_reproducible.py)."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from lce_platform.mkdocs_adapter.conversions import Conversion, ConversionStore, with_permalink_title

SETTINGS = {"toc": {"permalink": True, "permalink_title": "Länk till avsnittet"}}


def test_a_conversion_is_found_whatever_the_language_and_titled_in_the_readers(tmp_path):
    """Check that the permalink title is left out of the key and swapped into the reader's language."""
    converted = '<h2 id="a">A<a class="headerlink" href="#a" title="Link to this section">¶</a></h2><p title="Link to this section"></p>'
    swapped = with_permalink_title(converted, "Link to this section", "Länk till avsnittet")
    assert swapped == converted.replace('#a" title="Link to this section"', '#a" title="Länk till avsnittet"')
    settings = [{"toc": {"permalink": True, "permalink_title": title}} for title in ("Länk", "Link")]
    keys = {ConversionStore(tmp_path / "c.sqlite", ["toc"], setting, [("a.md", "a/")]).key("a.md", "# A")
            for setting in settings}
    assert len(keys) == 1
    assert ConversionStore(tmp_path / "c.sqlite", ["toc"], settings[0], [("b.md", "b/")]).key("a.md", "# A") not in keys


def _convert_ten(path: str) -> str:
    try:
        store = ConversionStore(Path(path), ["toc"], SETTINGS, [("a.md", "a/")])
        for number in range(10):
            key = store.key(f"{number}.md", "# A")
            if store.get(key) is None:
                store.put(key, Conversion("<h1>A</h1>", store.permalink_title, None, "A", frozenset({"a"}), {}))
        return "done"
    except Exception as error:  # noqa: BLE001  (reported as the test's failure)
        return repr(error)


def test_two_builds_opening_the_store_at_once_both_work(tmp_path):
    """Check that two processes creating and filling one store at the same moment both succeed, many times
    (SQLite's WAL mode refused the second one about half the time)."""
    context = multiprocessing.get_context("fork")
    with context.Pool(2) as pool:
        for attempt in range(30):
            path = str(tmp_path / f"{attempt}.sqlite")
            assert pool.map(_convert_ten, [path, path]) == ["done", "done"]
            store = ConversionStore(Path(path), ["toc"], SETTINGS, [("a.md", "a/")])
            assert store.get(store.key("3.md", "# A")) == Conversion(
                "<h1>A</h1>", "Länk till avsnittet", None, "A", frozenset({"a"}), {})
