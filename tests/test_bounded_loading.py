"""No content file can take the loader down: limits, broken files and invisible characters are content errors."""

from __future__ import annotations

import time
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from lce_platform.content.errors import ContentErrors
from lce_platform.content.loader import load_site
from lce_platform.content.source import MAX_DEPTH, MAX_FIELD_CHARS, MAX_FILE_BYTES, read_source

from conftest import make_content

TODAY = date(2025, 3, 15)
DISRUPT = "activities/2025/disrupt-for-success.md"
FIELDS = (
    "title: Disrupt for Success\ntype: class\nprogramme: learn-create-engage\narea: tailored-competence-development\n"
    "start: 2025-03-19T13:00\nsectors: [design, media]\nsummary: En klass om varumärkesutveckling.\n"
)
LAUGHS = "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi")
)
BILLION_LAUGHS = f"---\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n{LAUGHS}---\n"


def errors_of(tmp_path: Path, files: dict[str, str | bytes]) -> list[str]:
    """The content errors (as `make check` prints them) of the minimal content with `files` written over it."""
    content = make_content(tmp_path)
    for relative, text in files.items():
        target = content / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        load_site(content, TODAY)
    return [str(error) for error in raised.value.errors]


def test_billion_laughs_is_refused_at_once_in_little_memory(tmp_path):
    """Check that YAML aliases nested to expand to a billion items are refused in milliseconds and a few megabytes."""
    path = tmp_path / "laughs.md"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    tracemalloc.start()
    started = time.process_time()  # this process's CPU: other processes on the machine do not stretch it
    with pytest.raises(ContentErrors) as raised:
        read_source(path, "content/laughs.md")
    seconds = time.process_time() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert seconds < 2 and peak < 5_000_000, (seconds, peak)
    assert str(raised.value.errors[0]).startswith("content/laughs.md:2: a: uses the anchor '&a'; aliases")


def test_aliases_are_refused_in_content_and_vocabularies(tmp_path):
    """Check that an alias or anchor is an error naming its file, line and field, in content and vocabularies."""
    content = make_content(tmp_path)
    sectors = (content / "vocabularies/sectors.yml").read_text(encoding="utf-8")
    reported = errors_of(tmp_path / "tree", {
        DISRUPT: f"---\n{FIELDS}contact: &who niels-righolt\nfacilitators: [*who]\n---\n",
        "vocabularies/sectors.yml": sectors + "\nfolk-music:\n  label: *film\n",
    })
    assert f"content/{DISRUPT}:9: contact: uses the anchor '&who'; aliases and anchors are not read" in reported[0]
    assert any(line.startswith("content/vocabularies/sectors.yml:") and "folk-music.label: uses the alias '*film'"
               in line for line in reported), reported


@pytest.mark.parametrize(("written", "line", "field", "words"), [
    ("title: " + "[" * 5000 + "]" * 5000, 2, "title[0]", f"more than {MAX_DEPTH} levels deep"),
    ("sessions:\n" + "".join("  " * depth + "- \n" for depth in range(1, 40)), 22, "sessions[0]",
     f"more than {MAX_DEPTH} levels deep"),
    ("summary: " + "x" * (MAX_FIELD_CHARS + 1), 2, "summary", f"the limit is {MAX_FIELD_CHARS:,}"),
    ("title: " + "1" * 5000, 2, "frontmatter", "a number of 5,000 digits is too long"),
    ("title: !!binary aGVq", 2, "title", "uses the YAML tag '!!binary'"),
    ("title: a\n\tsummary: b", 3, "frontmatter", "not valid YAML"),
])
def test_past_a_limit_or_broken_yaml_is_an_error_naming_it(tmp_path, written, line, field, words):
    """Check that nesting, a long value, a huge number, a tag or a tab is an error naming file, line, field and limit."""
    path = tmp_path / "file.md"
    path.write_text(f"---\n{written}\n---\n", encoding="utf-8")
    started = time.process_time()  # this process's CPU: other processes on the machine do not stretch it
    with pytest.raises(ContentErrors) as raised:
        read_source(path, "content/file.md")
    assert time.process_time() - started < 2
    error = raised.value.errors[0]
    assert error.line == line and error.field.startswith(field) and words in error.problem, error


@pytest.mark.parametrize(("written", "line", "field", "words"), [
    (b"---\ntitle: Hej\nsummary: En halvskriven fil\n", 1, "frontmatter", "has no closing line '---'"),
    (b"---\ntitle: caf\xe9\n---\n", 2, "file", "is not UTF-8 text (byte 0xE9"),
    (b"x" * (MAX_FILE_BYTES + 1), 1, "file", f"larger than {MAX_FILE_BYTES:,} bytes"),
    (b"---\n---\n---\n", 1, "title", "is required"),
])
def test_a_broken_file_is_an_error_not_a_traceback(tmp_path, written, line, field, words):
    """Check that a half-typed, non-UTF-8 or oversized file is a content error through the loader."""
    reported = errors_of(tmp_path, {DISRUPT: written})
    matching = [message for message in reported if message.startswith(f"content/{DISRUPT}:{line}: {field}")]
    assert matching and words in matching[0], reported


def test_a_byte_order_mark_and_windows_line_ends_are_read(tmp_path):
    """Check that a file saved with a byte order mark and CRLF line ends loads like any other."""
    content = make_content(tmp_path)
    path = content / DISRUPT
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    site = load_site(content, TODAY)
    assert site.entries[DISRUPT].data.title.startswith("Disrupt for Success")


def test_a_file_near_the_size_limit_loads_in_time_proportional_to_its_size(tmp_path):
    """Check that reading a file eight times larger takes about eight times as long (not 64, as a quadratic would).
    A ratio of two CPU times of this process (not wall time, which other processes on the machine stretch), each the
    best of five."""
    def seconds_to_read(items: int) -> float:
        path = tmp_path / f"{items}.md"
        path.write_text("---\nredirect_from:\n" + "".join(f"  - activities/2020/old-name-{n}.md\n"
                                                         for n in range(items)) + "---\n", encoding="utf-8")
        assert path.stat().st_size < MAX_FILE_BYTES
        best = float("inf")
        for _ in range(5):
            started = time.process_time()
            read_source(path, "content/big.md")
            best = min(best, time.process_time() - started)
        return best

    small, large = seconds_to_read(5_000), seconds_to_read(40_000)
    assert large < 20 * small and large < 5, (small, large)


@pytest.mark.parametrize(("written", "line", "field", "words"), [
    ("---\n" + FIELDS.replace('Disrupt for', 'Disrupt \u202efor') + "---\n", 2, "title",
     "U+202E RIGHT-TO-LEFT OVERRIDE, an invisible character that shows the text after it in another order"),
    (f"---\n{FIELDS}---\n\nKlassen\x00 handlar om varumärken.\n", 11, "body", "U+0000 NULL, a control character"),
    (f"---\n{FIELDS}date_note: mellan\u2067 mars\n---\n", 9, "date_note", "U+2067 RIGHT-TO-LEFT ISOLATE"),
    (f"---\n{FIELDS}sessions:\n  - start: 2025-03-19\n    title: Dag\x1b[31m ett\n---\n", 11, "sessions[0].title",
     "U+001B ESCAPE"),
    (f"---\n{FIELDS}---\n\nText\n\n\x85\n", 13, "body", "U+0085 NEXT LINE"),
    ("---\n" + FIELDS.replace('Disrupt for', 'Disrupt\u200b for') + "---\n", 2, "title",
     "U+200B ZERO WIDTH SPACE, an invisible character, after 'Disrupt'"),
    ("---\n" + FIELDS.replace('Disrupt for', 'Disrupt\u200f for') + "---\n", 2, "title", "U+200F RIGHT-TO-LEFT MARK"),
    ("---\n" + FIELDS.replace('[design, media]', '[design, me\u2060dia]') + "---\n", 7, "sectors[1]",
     "U+2060 WORD JOINER, an invisible character, after 'me'"),
])
def test_invisible_and_control_characters_are_errors_naming_the_code_point(tmp_path, written, line, field, words):
    """Check that a bidirectional override or isolate, a control character or, in a title or id, a zero-width
    character is an error naming the code point, the line and the field or body."""
    reported = errors_of(tmp_path, {DISRUPT: written})
    matching = [message for message in reported if message.startswith(f"content/{DISRUPT}:{line}: {field}: ")]
    assert matching and words in matching[0], reported


def test_invisible_characters_in_vocabularies_and_file_names_are_errors(tmp_path):
    """Check that a control character in a vocabulary and a zero-width character in a file name are errors."""
    content = make_content(tmp_path)
    sectors = (content / "vocabularies/sectors.yml").read_text(encoding="utf-8")
    disrupt = (content / DISRUPT).read_text(encoding="utf-8")
    reported = errors_of(tmp_path / "tree", {
        "vocabularies/sectors.yml": sectors + "\nfolk-music:\n  label:\n    sv: Folk\x7fmusik\n    en: Folk music\n",
        "activities/2025/zero\u200cwidth.md": disrupt,
    })
    assert any(": folk-music.label.sv: contains U+007F DELETE" in line for line in reported), reported
    assert any(line.startswith("content/activities/2025/zero\u200cwidth.md:1: file: name contains U+200C ZERO WIDTH "
                               "NON-JOINER") for line in reported), reported


def test_directional_marks_tabs_and_joiners_are_allowed_in_the_body(tmp_path):
    """Check that the body may hold what real text needs: tabs, directional marks and joiners (emoji, Persian)."""
    content = make_content(tmp_path)
    path = content / DISRUPT
    path.write_text(path.read_text(encoding="utf-8") + "\n\tكتاب\u200f (bok), 👩\u200d💻, می\u200cخواهم\n",
                    encoding="utf-8")
    assert "\u200d" in load_site(content, TODAY).entries[DISRUPT].variants["sv"].body


def _loaded(content: Path, readers: int) -> tuple:
    """What load_site gives with `readers`: its entries (data, variants' fields, bodies and lines) or its errors."""
    try:
        site = load_site(content, TODAY, readers=readers)
    except ContentErrors as errors:
        return ("errors", [str(error) for error in errors.errors])
    return ("site", [(src_uri, entry.collection.name, repr(entry.data),
                      [(variant.path, variant.fields, variant.body, variant.body_line, variant.lines)
                       for variant in entry.variants.values()]) for src_uri, entry in site.entries.items()])


@pytest.mark.parametrize("broken", [False, True])
def test_files_read_ahead_by_other_processes_load_as_read_by_one(tmp_path, monkeypatch, broken):
    """Check that loading with forked readers (lce check's `readers`, here in chunks of 3 files so that the readers
    and the loader share the files) gives the entries, or the errors in their order, of loading in one process."""
    import lce_platform.content.read_ahead as read_ahead

    monkeypatch.setattr(read_ahead, "CHUNK_FILES", 3)
    files = {f"activities/2025/class-{number:03}.md": f"---\n{FIELDS}---\n\nText {number}.\n" for number in range(60)}
    if broken:
        files.update({"activities/2025/class-000.md": "---\ntitle: [\n---\n",
                      "activities/2025/class-031.md": f"---\n{FIELDS}titel: x\n---\n",
                      "activities/2025/class-050.md": "No frontmatter.\n",
                      "activities/2025/class-059.md": f"---\n{FIELDS}---\n\nA bell \x07.\n",
                      "activities/2025/class-045.en.md": "---\ntitle: In English\n---\n\nText.\n",
                      "activities/2025/orphan.en.md": "---\ntitle: Only in English\n---\n"})
    content = make_content(tmp_path, files=files)
    alone = _loaded(content, 1)
    assert alone[0] == ("errors" if broken else "site") and len(alone[1]) >= (5 if broken else 60)
    assert _loaded(content, 3) == alone
