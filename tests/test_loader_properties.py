"""Whatever bytes a content file holds, the loader gives content or content errors, quickly and in little memory.

A few hundred examples in every run; LCE_HYPOTHESIS_PROFILE=nightly runs many more (the nightly workflow).
"""

from __future__ import annotations

import shutil
import time
import tracemalloc
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lce_platform.content.errors import ContentError, ContentErrors
from lce_platform.content.loader import load_site
from lce_platform.content.source import read_source

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
