"""Whatever bytes a content file holds, the loader gives content or content errors, quickly and in little memory.

A few hundred examples in every run; LCE_HYPOTHESIS_PROFILE=nightly runs many more (the nightly workflow).
"""

from __future__ import annotations

import shutil
import time
import tracemalloc
from datetime import date
from pathlib import Path
from unittest import mock

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lce_platform.content import source
from lce_platform.content.errors import ContentError, ContentErrors
from lce_platform.content.loader import load_site
from lce_platform.content.source import parse_yaml_with_lines, read_source

from conftest import MINIMAL

EXAMPLES = settings.default.max_examples
"""The profile's examples (tests/conftest.py: `ci`, or `nightly` in the scheduled workflow)."""

TODAY = date(2025, 3, 15)
SECONDS = 5.0
"""Per file, seconds of this process's CPU (other processes on the machine do not stretch them, as they stretch
wall time): the largest example reads in milliseconds; a loader that explodes takes minutes."""
BYTES = 50_000_000
"""Per file, the peak of Python's allocations while reading it."""

# Pieces of YAML and Markdown that reach the corners of the reader: fences, anchors and aliases, tags, flow and
# block collections, quoting, directives, huge numbers, times the clocks skip, refused and invisible characters.
PIECES = st.sampled_from([
    "---\n", "...\n", "title: ", "start: ", "sectors: ", "sessions:\n", "  - ", "- ", "  ", "\n", ": ", "? ", ", ",
    "[", "]", "{", "}", "&a ", "*a", "&b [*a, *a]", "!!binary ", "!!python/object:os.system ", "!x ", "<<: ", "'",
    '"', "\\", "|\n", ">-\n", "#", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "~", "null", "true", "yes", "0x1F", "0o7",
    "1_000", "190:20:30", "1e999", ".nan", "9" * 5000, "2025-03-30T02:30", "2025-10-26T02:30", "2025-02-30",
    "design", "all", "learn-create-engage", "\t", "\r\n", "\x00", "\x1b", "\x85", "\u202e", "\u2066", "\u200b",
    "\ufeff", "\ufffe", "\u2028", "å", "🎨", "<script>",
])
YAMLISH = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join)
# YAML as staff write it, and more: fields, lists and scalars of every kind, in block and flow style, joined to
# other documents and pieces (keys written twice, a second document, a merge key) and cut short.
SCALARS = st.one_of(st.text(max_size=20), st.integers(), st.floats(), st.booleans(), st.none(), PIECES)
TREES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.text(max_size=10), PIECES, st.integers(), st.booleans(),
                                                           st.none()), inner, max_size=4)), max_leaves=24)
DUMPED = st.builds(lambda data, flow, width: yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True,
                                                            width=width),
                   TREES, st.sampled_from([False, True, None]), st.sampled_from([12, 80]))
WRITTEN = st.lists(st.one_of(DUMPED, PIECES), min_size=1, max_size=4).map("".join)
MINIMAL_FILES = sorted(path.relative_to(MINIMAL).as_posix() for path in MINIMAL.rglob("*") if path.is_file())


def profile(max_examples: int) -> settings:
    """The selected profile with its examples shared out: `max_examples` of the default's 300."""
    return settings(settings.default, max_examples=max(10, EXAMPLES * max_examples // 300))


def loads_or_reports(load) -> None:
    """Run `load`; it may return or raise content errors, nothing else, within SECONDS and BYTES."""
    tracemalloc.start()
    started = time.process_time()
    try:
        load()
    except ContentErrors as errors:
        assert errors.errors and all(isinstance(error, ContentError) for error in errors.errors)
    except ContentError:
        pass
    finally:
        seconds = time.process_time() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert seconds < SECONDS and peak < BYTES, (seconds, peak)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    """A folder for one file at a time."""
    return tmp_path_factory.mktemp("scratch")


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    """A copy of the minimal content that each example changes one file of, and restores."""
    tree = tmp_path_factory.mktemp("tree") / "content"
    shutil.copytree(MINIMAL, tree)
    return tree


@profile(100)
@given(data=st.binary(max_size=3000), framed=st.booleans())
def test_any_bytes_read_as_a_content_file_give_content_or_errors(scratch, data, framed):
    """Check that arbitrary bytes, bare or between '---' fences, are read or refused with content errors."""
    path = scratch / "any.md"
    path.write_bytes(b"---\n" + data + b"\n---\n" if framed else data)
    loads_or_reports(lambda: read_source(path, "content/any.md"))


@profile(100)
@given(text=YAMLISH)
def test_any_yamlish_text_read_as_a_content_file_gives_content_or_errors(scratch, text):
    """Check that text made of YAML's and Markdown's pieces, after an opening '---', is read or refused."""
    path = scratch / "yamlish.md"
    path.write_text("---\n" + text, encoding="utf-8")
    loads_or_reports(lambda: read_source(path, "content/yamlish.md"))


@profile(100)
@given(relative=st.sampled_from(MINIMAL_FILES), position=st.floats(0, 1), inserted=YAMLISH,
       replace=st.booleans())
def test_a_content_tree_with_one_file_changed_anyhow_loads_or_gives_errors(content, relative, position, inserted,
                                                                        replace):
    """Check that the whole loader (vocabularies, model, references) takes a real tree with one file (content or
    vocabulary) changed at any place by any YAML-ish text, or reports content errors; never another exception."""
    path = content / relative
    original = path.read_bytes()
    text = original.decode("utf-8")
    at = int(position * len(text))
    path.write_text(inserted if replace else text[:at] + inserted + text[at:], encoding="utf-8")
    try:
        loads_or_reports(lambda: load_site(content, TODAY))
    finally:
        path.write_bytes(original)


def read_both_ways(text: str, first_line: int) -> tuple[tuple, tuple]:
    """What parse_yaml_with_lines gives for `text` (data and lines, or errors, written out with their types) with the
    plain reading of the common case, and with the event-by-event composer alone."""
    def outcome() -> tuple:
        try:
            data, lines = parse_yaml_with_lines(text, "content/x.md", first_line)
        except ContentError as error:
            return ("error", repr(error))
        except ContentErrors as errors:
            return ("errors", repr(errors.errors))
        return ("read", repr(data), repr(list(lines.items())))

    plain = outcome()
    with mock.patch.object(source, "_plain_yaml", lambda text, path: None):
        return plain, outcome()


@profile(300)
@given(text=st.one_of(WRITTEN, YAMLISH), first_line=st.sampled_from([1, 3]))
@example(text="title: a\ntitle: b\nsessions:\n  - start: 1\n    start: 2\n", first_line=1)
@example(text="1: a\n1.0: b\ntrue: c\n~: d\n'1': e\n", first_line=3)
@example(text="<<: {a: 1}\nb: 2\n", first_line=1)
@example(text="=: x\n", first_line=1)
@example(text="? [a]\n: b\n", first_line=1)
@example(text="a: !!str 1\nb: ! 2\n", first_line=1)
@example(text="a: &x 1\nb: *x\n", first_line=1)
@example(text="a: 1\n--- 2\n", first_line=1)
@example(text="a:\n" + "".join("  " * depth + "- \n" for depth in range(1, 25)), first_line=1)
@example(text="[" * 30 + "]" * 30, first_line=1)
@example(text="a: " + "x" * 100_001, first_line=1)
@example(text="n: " + "9" * 5000, first_line=1)
@example(text="# only a comment\n", first_line=1)
@example(text="just text", first_line=1)
def test_plain_reading_gives_what_the_composer_gives(text, first_line):
    """Check that the plain reading of the common case (no node, each value made once) gives the same data, lines
    and errors, with the same types and order, as the event-by-event composer, and leaves it every other text."""
    plain, composed = read_both_ways(text, first_line)
    assert plain == composed


def test_plain_reading_reads_the_repos_content():
    """Check that the repo's content files and vocabularies are read the plain way (the common case is common), as
    the composer reads them."""
    content = Path(__file__).resolve().parents[1] / "content"
    for path in [*content.rglob("*.md"), *content.rglob("*.yml")]:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            text = text.split("---", 2)[1]
        assert source._plain_yaml(text, "content/x.md") is not None, path
        plain, composed = read_both_ways(text, 1)
        assert plain == composed and plain[0] == "read", path


@profile(100)
@given(text=st.lists(st.sampled_from(["---", "----", "-", "--", "\n", "\r\n", "\r", " ", "\t", "x", "- x", "...\n"]),
                     max_size=30).map("".join), start=st.integers(0, 40))
def test_closing_fence_is_found_where_the_search_finds_it(text, start):
    """Check that the closing '---' of a frontmatter is found at the same place as _CLOSING.search finds it."""
    found, searched = source._closing_fence(text, start), source._CLOSING.search(text, start)
    assert (found and found.span()) == (searched and searched.span())
