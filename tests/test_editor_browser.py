"""Staff publish in the web editor: a real editing session in Chromium writes files the loader accepts, where the
collection rules put them, that pass `lce check` and show in a strict build (tests/editor_session.py says how)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Annotated

import pytest
import yaml
from pydantic import TypeAdapter, ValidationError

from prepared_python import run_python_module
from conftest import PINNED_TODAY, build_site, fixture_files, make_content
from editor_session import open_editor, served_editor, validation_messages, write_back
from quality.test_gate_privacy import elsewhere
from lce_platform.content.collections import ACTIVITIES, COLLECTIONS
from lce_platform.content.loader import load_site
from lce_platform.content.model import LANGUAGES
from lce_platform.outputs.choices import nested_model
from lce_platform.publishing.cms import cms_config

TODAY = date.fromisoformat(PINNED_TODAY)


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory):
    """The minimal fixture's Swedish site, /admin/ with it, served on 127.0.0.1; and its content."""
    content = make_content(tmp_path_factory.mktemp("editor"))
    for site in served_editor(content):
        yield site, content


def frontmatter(text: str) -> dict:
    """The YAML frontmatter of a Markdown file."""
    return yaml.safe_load(text.split("---\n")[1])


@pytest.mark.browser
@pytest.mark.build
def test_staff_publish_activities_a_recording_and_a_translation_in_the_editor(editor_site, open_tab, tmp_path):
    """Check that, in the editor with a working copy behind it, a staff member creates a dated activity with two
    sessions and a venue, one dated by a season, an undated one with only `after`, a recording with a transcript
    linked to an activity and an English translation, marks an activity fully booked and saves: every file is where
    its collection's rule says, loads, passes `lce check` and shows in strict builds of both languages with the
    values entered."""
    site, content = editor_site
    editor = open_editor(open_tab, site, content)

    editor.new_entry("Aktiviteter")
    editor.write("title", "Workshop om ljusdesign")
    editor.choose("type", "Workshop")
    editor.choose("programme", "Learn, Create, Engage")
    editor.choose("area", "Utåtriktade aktiviteter")
    editor.write("start", "2025-10-07T10:00")
    editor.choose("venue", "Media Evolution")
    editor.choose("sectors", "Design", "Musik")
    editor.write("summary", "En workshop om ljus i scenkonst och utställningar.")
    sessions = editor.field("sessions")
    for start, end in (("2025-10-07T10:00", "2025-10-07T12:00"), ("2025-10-14T10:00", "2025-10-14T12:00")):
        sessions.get_by_role("button", name=editor.words["add"] + " \u2068sessions\u2069").click()
        sessions.get_by_role("textbox", name="start").last.fill(start)
        sessions.get_by_role("textbox", name="end").last.fill(end)
    editor.save()

    editor.new_entry("Aktiviteter")
    editor.write("title", "Öppet samtal om scenkonst")
    editor.choose("type", "Workshop")
    editor.choose("programme", "Learn, Create, Engage")
    editor.choose("area", "Utåtriktade aktiviteter")
    editor.write("after", "2025-09-01")
    editor.choose("sectors", "Musik")
    editor.write("summary", "Ett samtal om scenkonst; datum är ännu inte bestämt.")
    editor.save()

    editor.new_entry("Aktiviteter")
    editor.write("title", "Höstens nätverksträff")
    editor.choose("type", "Workshop")
    editor.choose("programme", "Learn, Create, Engage")
    editor.choose("area", "Utåtriktade aktiviteter")
    editor.write("start", "2025-autumn")
    editor.choose("sectors", "Design")
    editor.write("summary", "En nätverksträff under hösten; månaden är inte bestämd.")
    editor.save()

    editor.new_entry("Resurser")
    editor.write("title", "Kollegialt lärande – inspelning")
    editor.choose("kind", "Inspelning")
    editor.write("date", "2025-05-20")
    editor.choose("sectors", "Design")
    editor.write("summary", "Inspelning av träffen om AI-verktyg i kreativa processer.")
    editor.choose("activity", "Peer Learning – AI Tools for Creative Processes")
    editor.write("video", "https://www.youtube.com/watch?v=bbbbbbbbbbb")
    editor.write("transcript", "Välkomna till träffen. Vi börjar med en runda om vilka verktyg ni använder.")
    editor.save()

    editor.open_entry("Aktiviteter", "Peer Learning – AI Tools for Creative Processes")
    editor.choose("status", "Fullbokad")
    editor.save()

    editor.open_entry("Aktiviteter", "Workshop om ljusdesign")
    english = editor.add_translation("en")
    editor.write("title", "Workshop on lighting design", scope=english)
    editor.write("summary", "A workshop on light in the performing arts and exhibitions.", scope=english)
    editor.save()

    files = editor.repository()
    assert elsewhere(editor.visit, site) == [], "the editor reached another host while editing"
    edited = make_content(tmp_path)
    changed = write_back(files, edited)
    assert changed == [
        "content/activities/2025/hostens-natverkstraff.md",
        "content/activities/2025/peer-learning-ai-tools.md",
        "content/activities/2025/workshop-om-ljusdesign.en.md",
        "content/activities/2025/workshop-om-ljusdesign.md",
        "content/activities/undated/oppet-samtal-om-scenkonst.md",
        "content/resources/recording/kollegialt-larande-inspelning.md",
    ]
    dated = frontmatter(files["content/activities/2025/workshop-om-ljusdesign.md"])
    assert dated["sessions"] == [{"start": "2025-10-07T10:00", "end": "2025-10-07T12:00"},
                                 {"start": "2025-10-14T10:00", "end": "2025-10-14T12:00"}]
    assert dated["venue"] == "media-evolution" and dated["sectors"] == ["design", "music"]
    undated = frontmatter(files["content/activities/undated/oppet-samtal-om-scenkonst.md"])
    assert "start" not in undated and "before" not in undated and str(undated["after"]) == "2025-09-01"
    recording = frontmatter(files["content/resources/recording/kollegialt-larande-inspelning.md"])
    assert recording["activity"] == "2025/peer-learning-ai-tools" and recording["transcript"].startswith("Välkomna")
    translation = frontmatter(files["content/activities/2025/workshop-om-ljusdesign.en.md"])
    assert translation == {"title": "Workshop on lighting design",
                           "summary": "A workshop on light in the performing arts and exhibitions."}
    assert frontmatter(files["content/activities/2025/peer-learning-ai-tools.md"])["status"] == "full"

    site_content = load_site(edited, TODAY)
    assert {"2025/workshop-om-ljusdesign", "undated/oppet-samtal-om-scenkonst"} <= {
        entry.id for entry in site_content.collection(ACTIVITIES)}
    check = run_python_module("lce_platform.publishing.cli", ["check", "--content", str(edited)], cwd=tmp_path,
                              env={**os.environ, "SITE_TODAY": PINNED_TODAY}, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr

    swedish, english_site = (build_site(edited, language) for language in ("sv", "en"))
    for build in (swedish, english_site):
        assert build.returncode == 0, build.output
    page = (swedish.site / "activities/2025/workshop-om-ljusdesign/index.html").read_text(encoding="utf-8")
    assert "Workshop om ljusdesign" in page and "Media Evolution" in page and "14 oktober 2025" in page
    english_page = (english_site.site / "activities/2025/workshop-om-ljusdesign/index.html").read_text(encoding="utf-8")
    assert "Workshop on lighting design" in english_page
    undated_page = (swedish.site / "activities/undated/oppet-samtal-om-scenkonst/index.html").read_text(
        encoding="utf-8")
    assert "Öppet samtal om scenkonst" in undated_page
    recording_page = (swedish.site / "resources/recording/kollegialt-larande-inspelning/index.html").read_text(
        encoding="utf-8")
    assert "Välkomna till träffen" in recording_page
    booked = (swedish.site / "activities/2025/peer-learning-ai-tools/index.html").read_text(encoding="utf-8")
    assert "Fullbokad" in booked


EVERY_FIELD_EDIT = " Redigerad."


def _values_given(data: dict, model, prefix: str = "") -> set[str]:
    """The fields (nested ones as parent.child) that a file's frontmatter gives a value."""
    given = set()
    for name, value in data.items():
        given.add(prefix + name)
        info = model.model_fields.get(name)
        nested = nested_model(info.annotation) if info is not None else None
        for item in (value if isinstance(value, list) else [value]) if nested is not None else ():
            if isinstance(item, dict):
                given |= _values_given(item, nested, f"{prefix}{name}.")
    return given


def _model_fields(model, prefix: str = "") -> set[str]:
    names = set()
    for name, info in model.model_fields.items():
        names.add(prefix + name)
        nested = nested_model(info.annotation)
        if nested is not None:
            names |= _model_fields(nested, f"{prefix}{name}.")
    return names


def every_field_content(tmp_path) -> Path:
    """The minimal fixture with tests/fixtures/every-field over it: together, a value for every field of the model."""
    return make_content(tmp_path, files=fixture_files("every-field"))


def test_the_editor_fixture_gives_every_model_field_a_value(tmp_path):
    """Check that tests/fixtures/every-field (over the minimal fixture) gives every field of every collection's
    model, nested ones too, a value in at least one file: the editor's round trip then covers a new field once the
    fixture gives it one."""
    site = load_site(every_field_content(tmp_path), TODAY)
    for collection in COLLECTIONS.values():
        given = set()
        for entry in site.collection(collection):
            given |= _values_given(entry.data.model_dump(exclude_defaults=True, mode="json"), collection.model)
        missing = _model_fields(collection.model) - given
        assert not missing, f"{collection.name}: give these fields a value in tests/fixtures/every-field: {missing}"


@pytest.mark.browser
@pytest.mark.build
def test_every_field_the_editor_writes_back_is_what_the_model_read(open_tab, tmp_path):
    """Check that every entry of a tree giving every field a value, opened in the editor, edited and saved, is
    written so that the model reads every other field's value unchanged: dates stay dates, numbers numbers, lists
    lists, references their ids."""
    content = every_field_content(tmp_path / "tree")
    before = load_site(content, TODAY)
    for site in served_editor(content):
        editor = open_editor(open_tab, site, content)
        labels = {"activities": "Aktiviteter", "resources": "Resurser", "programmes": "Program", "pages": "Sidor"}
        for collection in COLLECTIONS.values():
            for entry in before.collection(collection):
                editor.open_entry(labels[collection.name], entry.data.title)
                summary = editor.field("summary").get_by_role("textbox")
                summary.fill(summary.input_value() + EVERY_FIELD_EDIT)
                editor.save()
        files = editor.repository()
    edited = make_content(tmp_path / "edited", base=content)
    changed = write_back(files, edited)
    after = load_site(edited, TODAY)
    assert len(changed) >= sum(len(before.collection(collection)) for collection in COLLECTIONS.values())
    for collection in COLLECTIONS.values():
        for entry in before.collection(collection):
            saved = after.by_id(collection, entry.id)
            expected = entry.data.model_dump() | {"summary": entry.data.summary + EVERY_FIELD_EDIT}
            assert saved.data.model_dump() == expected, entry.id


REFUSED_TEXT = "nästa vår?"
"""A value no pattern of the model allows (a space, a letter outside a-z, a question mark)."""


def refused_values(field: dict, info) -> str | None:
    """A value the editor's constraints on `field` refuse, for a field it can type into; None if it has none."""
    if "pattern" in field:
        return REFUSED_TEXT
    if field.get("widget") == "number" and "min" in field:
        return str(field["min"] - 1)
    if field.get("widget") == "number" and "max" in field:
        return str(field["max"] + 1)
    if field.get("minlength", 0) > 1:
        return "a" * (field["minlength"] - 1)
    if "maxlength" in field:
        return "a" * (field["maxlength"] + 1)
    return None


@pytest.mark.browser
@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_values_the_model_refuses_cannot_be_saved_and_the_editor_says_why(editor_site, open_tab, language):
    """Check that, for every field of every collection the editor can type into and the model constrains (a form, a
    length, a bound) and every required field, a value the model refuses stops the save, and the editor's validation
    names the field with a message in the staff member's language; the model refuses each value too."""
    site, content = editor_site
    model_site = load_site(content, TODAY)
    config = cms_config(model_site, "owner/repo", site.base_url, language=language)
    in_language = validation_messages(language)
    checked = 0
    for collection, configured in zip(COLLECTIONS.values(), config["collections"]):
        editor = open_editor(open_tab, site, content, language)  # a fresh tab: each form is checked on its own
        editor.new_entry(configured["label"])
        expected = {}
        for field in configured["fields"]:
            info = collection.model.model_fields.get(field["name"])
            value = refused_values(field, info) if info is not None else None
            if value is not None:
                refused = int(value) if field.get("widget") == "number" else value
                with pytest.raises(ValidationError):
                    TypeAdapter(Annotated[(info.annotation, *info.metadata)] if info.metadata
                                else info.annotation).validate_python(refused)
                editor.write(field["name"], value)
                expected[field["name"]] = value
            elif field.get("required"):
                expected[field["name"]] = ""
        messages = editor.validation_messages()
        assert set(expected) <= set(messages), (collection.name, set(expected) - set(messages))
        for name in expected:
            for message in messages[name]:
                assert any(form.match(message) for form in in_language), (collection.name, name, message)
        checked += len(expected)
    assert checked > 20
