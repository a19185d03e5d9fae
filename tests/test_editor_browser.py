"""Staff publish in the web editor: a real editing session in Chromium writes files the loader accepts, where the
collection rules put them, that pass `lce check` and show in a strict build (tests/editor_session.py says how)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest
import yaml

from conftest import PINNED_TODAY, build_site, make_content
from editor_session import open_editor, served_editor, write_back
from quality.test_gate_privacy import elsewhere
from lce_platform.content.collections import ACTIVITIES
from lce_platform.content.loader import load_site

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
    sessions and a venue, an undated one with only `after`, a recording with a transcript linked to an activity and
    an English translation, marks an activity fully booked and saves: every file is where its collection's rule says,
    loads, passes `lce check` and shows in strict builds of both languages with the values entered."""
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

    editor.new_entry("Resurser")
    editor.write("title", "Kollegialt lärande – inspelning")
    editor.choose("kind", "recording")
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
    check = subprocess.run([sys.executable, "-m", "lce_platform.publishing.cli", "check", "--content", str(edited)],
                           cwd=tmp_path, capture_output=True, text=True, timeout=300,
                           env={**os.environ, "SITE_TODAY": PINNED_TODAY})
    assert check.returncode == 0, check.stdout + check.stderr

    swedish, english_site = (build_site(edited, language) for language in ("sv", "en"))
    for build in (swedish, english_site):
        assert build.returncode == 0, build.output
    page = (swedish.site / "activities/2025/workshop-om-ljusdesign/index.html").read_text(encoding="utf-8")
    assert "Workshop om ljusdesign" in page and "Media Evolution" in page and "14 oktober 2025" in page
    english_page = (english_site.site / "activities/2025/workshop-om-ljusdesign/index.html").read_text(encoding="utf-8")
    assert "Workshop on lighting design" in english_page
    undated_page = (swedish.site / "activities/undated/oppet-samtal-om-scenkonst/index.html").read_text(encoding="utf-8")
    assert "Öppet samtal om scenkonst" in undated_page
    recording_page = (swedish.site / "resources/recording/kollegialt-larande-inspelning/index.html").read_text(
        encoding="utf-8")
    assert "Välkomna till träffen" in recording_page
    booked = (swedish.site / "activities/2025/peer-learning-ai-tools/index.html").read_text(encoding="utf-8")
    assert "Fullbokad" in booked
