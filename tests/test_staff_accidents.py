"""Staff's common accidents (a merge conflict left in a file, UTF-16, a file that cannot be read, a folder named like
a page, symbolic links that lead outside content/ or round in a circle) are content errors with file, line, what is
wrong and what to do, all at once, quickly; a byte order mark and CRLF line ends are read."""

from __future__ import annotations

import os
import time
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from conftest import build_site, make_content
from lce_platform.content.errors import ContentError, ContentErrors
from lce_platform.content.loader import load_site
from lce_platform.content.source import read_source

TODAY = date(2025, 3, 15)
DISRUPT = "activities/2025/disrupt-for-success.md"
PAGE = "---\ntitle: A page\n---\nText.\n"
FRONTMATTER_CONFLICT = """\
---
<<<<<<< HEAD
title: Disrupt for Success – ny titel
=======
title: Disrupt for Success – gammal titel
>>>>>>> main
type: class
programme: learn-create-engage
area: tailored-competence-development
start: 2025-03-19T13:00
sectors: [design, media]
summary: En klass om varumärkesutveckling för kulturinstitutioner.
---

Klassen handlar om varumärken.
"""
BODY_CONFLICT = """\
---
title: A page about conflicts
---
First paragraph.

<<<<<<< HEAD
Our text.
||||||| merged common ancestors
The text before.
=======
Their text.
>>>>>>> 1a2b3c4 (Their commit)
"""


def accident_tree(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    """The minimal content with `files` written over it (bytes as they are)."""
    content = make_content(tmp_path)
    for relative, text in files.items():
        target = content / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return content


def refusals(content: Path) -> list[str]:
    """The content errors of a tree as `make check` prints them, checked to come quickly and in little memory."""
    tracemalloc.start()
    started = time.process_time()  # this process's CPU: other processes on the machine do not stretch it
    try:
        with pytest.raises(ContentErrors) as raised:
            load_site(content, TODAY)
    finally:
        seconds, peak = time.process_time() - started, tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert seconds < 5 and peak < 50_000_000, (seconds, peak)
    return [str(error) for error in raised.value.errors]


def only(errors: list[str], path: str) -> str:
    """The one error about `path`."""
    found = [error for error in errors if error.startswith(f"content/{path}:")]
    assert len(found) == 1, errors
    return found[0]


def test_a_merge_conflict_in_the_frontmatter_is_named_with_its_lines(tmp_path):
    """Check that a conflict block git left in the fields is one error at its first line, not a YAML error."""
    errors = refusals(accident_tree(tmp_path, {DISRUPT: FRONTMATTER_CONFLICT}))
    assert only(errors, DISRUPT).startswith(
        f"content/{DISRUPT}:2: frontmatter: holds a merge conflict left by git (lines 2-6): keep the version you want")


def test_a_merge_conflict_in_the_body_with_a_base_section_is_named(tmp_path):
    """Check that a conflict in the text (diff3 style, with its ||||||| section) is one error in the body."""
    errors = refusals(accident_tree(tmp_path, {"about.md": BODY_CONFLICT}))
    assert only(errors, "about.md").startswith("content/about.md:6: body: holds a merge conflict left by git "
                                               "(lines 6-12)")


def test_a_heading_underlined_with_equals_signs_is_no_conflict(tmp_path):
    """Check that a line of seven '=' under a heading (Markdown) and '>>>>>>>' inside a code block's text are read
    when no conflict opened before them."""
    content = accident_tree(tmp_path, {"about.md": "---\ntitle: A page\n---\nHeading\n=======\n\nText.\n"})
    assert "=======" in load_site(content, TODAY).entries["about.md"].variants["sv"].body


def test_a_conflict_in_a_vocabulary_is_named(tmp_path):
    """Check that a vocabulary with a conflict block is an error at the block, not a YAML error."""
    content = make_content(tmp_path)
    sectors = content / "vocabularies" / "sectors.yml"
    text = sectors.read_text(encoding="utf-8")
    sectors.write_text("<<<<<<< HEAD\n" + text + "=======\n" + text + ">>>>>>> main\n", encoding="utf-8")
    errors = refusals(content)
    assert only(errors, "vocabularies/sectors.yml").startswith(
        "content/vocabularies/sectors.yml:1: file: holds a merge conflict left by git")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_file_saved_as_utf_16_is_named_with_what_to_do(tmp_path, encoding):
    """Check that a file saved as UTF-16, with or without a byte order mark, says so and how to save it as UTF-8."""
    errors = refusals(accident_tree(tmp_path, {"about.md": PAGE.encode(encoding)}))
    assert only(errors, "about.md") == ("content/about.md:1: file: is saved as UTF-16 (Unicode in Windows' Notepad); "
                                        "save it as UTF-8 (in Notepad: Save as, Encoding: UTF-8)")


def test_a_byte_order_mark_and_crlf_are_read_in_the_fields_and_the_body(tmp_path):
    """Check that a page saved by Windows' Notepad as UTF-8 (a byte order mark, CRLF) loads with its fields."""
    written = "---\ntitle: En sida från Notepad\n---\nFörsta raden.\n\nAndra.\n"
    content = accident_tree(tmp_path, {"about.md": b"\xef\xbb\xbf" + written.replace("\n", "\r\n").encode()})
    entry = load_site(content, TODAY).entries["about.md"]
    assert entry.data.title == "En sida från Notepad" and "Andra." in entry.variants["sv"].body


def test_a_file_that_cannot_be_read_is_an_error_not_a_traceback(tmp_path):
    """Check that a read error is a content error naming the file: a file without read permission for a user, and
    for root (whom permissions do not stop) a file whose reading fails, as /proc/self/mem's does."""
    if os.geteuid() != 0:
        path = tmp_path / "locked.md"
        path.write_text(PAGE, encoding="utf-8")
        path.chmod(0)
        expected = "Permission denied"
    else:
        path, expected = Path("/proc/self/mem"), "Input/output error"
    with pytest.raises(ContentError) as raised:
        read_source(path, "content/locked.md")
    assert str(raised.value).startswith(f"content/locked.md:1: file: cannot be read: {expected}; check that the file")


def test_a_named_pipe_in_place_of_a_page_or_vocabulary_is_named_at_once(tmp_path):
    """Check that a named pipe called like a page or a vocabulary is an error, not a read that waits for ever."""
    content = make_content(tmp_path)
    os.mkfifo(content / "pipe.md")
    (content / "vocabularies" / "venues.yml").unlink()
    os.mkfifo(content / "vocabularies" / "venues.yml")
    errors = refusals(content)
    assert only(errors, "pipe.md").startswith("content/pipe.md:1: file: is not a file")
    assert only(errors, "vocabularies/venues.yml").startswith("content/vocabularies/venues.yml:1: file: is not a file")


def test_a_folder_named_like_a_markdown_file_is_named(tmp_path):
    """Check that a folder about.md/ (a page saved as a folder) is an error telling to rename it."""
    errors = refusals(accident_tree(tmp_path, {"about.md/index.md": PAGE}))
    assert only(errors, "about.md") == ("content/about.md:1: folder: is a folder, named like a Markdown file; a page "
                                        "is a file: rename the folder (without '.md'), or move the page out of it")


def test_symbolic_links_outside_nowhere_or_in_a_circle_are_named(tmp_path):
    """Check that links to a file outside content/ (any file: the site would copy it), to nothing, in a circle and
    to a folder are errors, and that a link to a page inside content/ is read."""
    outside = tmp_path / "secret.txt"
    outside.write_text("password", encoding="utf-8")
    content = make_content(tmp_path / "project")
    (content / "leak.md").symlink_to(outside)
    (content / "images").mkdir()
    (content / "images" / "leak.png").symlink_to(outside)
    (content / "gone.md").symlink_to(content / "nothing.md")
    (content / "first.md").symlink_to("second.md")
    (content / "second.md").symlink_to("first.md")
    (content / "archive").symlink_to(content / "activities")
    (content / "about.md").write_text(PAGE, encoding="utf-8")
    (content / "same.md").symlink_to("about.md")
    errors = refusals(content)
    assert only(errors, "leak.md") == (f"content/leak.md:1: file: is a symbolic link to {outside}, outside content/: "
                                       "the site would publish what it points to; copy the file into content/ "
                                       "instead of linking to it")
    assert "outside content/" in only(errors, "images/leak.png")
    assert only(errors, "gone.md").endswith("which does not exist; replace the link with the file itself")
    for name, target in (("first.md", "second.md"), ("second.md", "first.md")):
        assert only(errors, name) == (f"content/{name}:1: file: is a symbolic link in a circle (to {target}, which "
                                      "leads back to it); replace the link with the file itself")
    assert only(errors, "archive").startswith("content/archive:1: folder: is a symbolic link to the folder")
    assert not [error for error in errors if error.startswith(("content/same.md", "content/about.md"))], errors


def test_every_accident_is_reported_at_once_with_the_other_errors(tmp_path):
    """Check that a tree with all the accidents and an ordinary mistake lists every one of them in one report."""
    content = accident_tree(tmp_path / "project", {
        DISRUPT: FRONTMATTER_CONFLICT, "about.md": BODY_CONFLICT, "notepad.md": PAGE.encode("utf-16"),
        "folder.md/index.md": PAGE, "activities/2025/typo.md": "---\ntitel: x\n---\n"})
    (content / "first.md").symlink_to("second.md")
    (content / "second.md").symlink_to("first.md")
    errors = refusals(content)
    for path in (DISRUPT, "about.md", "notepad.md", "folder.md", "first.md", "second.md"):
        only(errors, path)
    assert any(error.startswith("content/activities/2025/typo.md:2: titel: is not a field") for error in errors)


@pytest.mark.build
def test_the_build_names_every_accident_and_no_traceback(tmp_path):
    """Check that a real build of a tree with the accidents stops with each of them named, and no traceback."""
    outside = tmp_path / "outside.md"
    outside.write_text(PAGE, encoding="utf-8")
    content = accident_tree(tmp_path / "project", {
        DISRUPT: FRONTMATTER_CONFLICT, "notepad.md": PAGE.encode("utf-16"), "folder.md/index.md": PAGE,
        "windows.md": b"\xef\xbb\xbf" + PAGE.replace("\n", "\r\n").encode()})
    (content / "linked.md").symlink_to(outside)
    (content / "circle.md").symlink_to("circle.md")
    build = build_site(content, "sv")
    assert build.returncode != 0 and "Traceback" not in build.output, build.output
    for message in (f"content/{DISRUPT}:2: frontmatter: holds a merge conflict left by git (lines 2-6)",
                    "content/notepad.md:1: file: is saved as UTF-16", "content/folder.md:1: folder: is a folder",
                    "content/linked.md:1: file: is a symbolic link to", "content/circle.md:1: file: is a symbolic "
                    "link in a circle"):
        assert message in build.output, build.output
    assert "windows.md" not in build.output


def test_a_file_of_marker_like_lines_near_the_size_limit_is_read_in_linear_time(tmp_path):
    """Check that a body of 120,000 headings underlined with '=======' and one stray conflict end is looked at in
    time proportional to its size (each marker's line is counted on from the last, not from the start)."""
    body = "Rubrik\n=======\n" * 120_000 + ">>>>>>> x\n"
    errors = refusals(accident_tree(tmp_path, {"about.md": "---\ntitle: A page\n---\n" + body}))
    assert only(errors, "about.md").startswith("content/about.md:240004: body: holds the end of a merge conflict")
