"""The content model and loader, without a build."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import MINIMAL, make_content
from lce_platform.content.errors import ContentErrors
from lce_platform.content.loader import load_site
from lce_platform.content.model import TRANSLATIONS, Activity, Resource
from lce_platform.facts.timeline import activities_by_phase, phase

TODAY = date(2025, 3, 15)


def test_minimal_fixture_loads_every_file():
    """Check that every Markdown file of the minimal tree becomes exactly one entry."""
    site = load_site(MINIMAL, TODAY)
    markdown = {path.relative_to(MINIMAL).as_posix() for path in MINIMAL.rglob("*.md")}
    bases = {path for path in markdown if not path.endswith(".en.md")}
    assert set(site.entries) == bases
    disrupt = site.by_id("activities", "2025/disrupt-for-success")
    assert disrupt.variants.keys() == {"sv", "en"}
    assert disrupt.title("en").startswith("Disrupt") and disrupt.text("summary", "en").startswith("A class")


def test_translation_holds_only_translatable_fields(tmp_path):
    """Check that a translation file may not carry data fields such as start."""
    content = make_content(tmp_path, files={"activities/2025/disrupt-for-success.en.md":
                                            "---\ntitle: Disrupt\nstart: 2025-03-20\n---\n"})
    with pytest.raises(ContentErrors) as caught:
        load_site(content, TODAY)
    [error] = caught.value.errors
    assert (error.path, error.line, error.field) == ("content/activities/2025/disrupt-for-success.en.md", 3, "start")
    assert set(TRANSLATIONS[Activity].model_fields) == {"title", "summary", "date_note"}


def test_sectors_all_stands_alone(tmp_path):
    """Check that 'all' cannot be mixed with named sectors."""
    text = (MINIMAL / "activities/2025/making-cultural-impact-measurable.md").read_text().replace(
        "sectors: all", "sectors: [all, music]")
    content = make_content(tmp_path, files={"activities/2025/making-cultural-impact-measurable.md": text})
    with pytest.raises(ContentErrors, match="'all' stands alone"):
        load_site(content, TODAY)


def test_recording_needs_video_and_others_may_not_have_one():
    """Check that recordings need a video and a material may not claim one."""
    base = {"title": "Inspelning", "date": "2024-11-20", "sectors": "all", "summary": "En inspelning av något."}
    with pytest.raises(Exception, match="video"):
        Resource.model_validate({**base, "kind": "recording"})
    with pytest.raises(Exception, match="only recordings"):
        Resource.model_validate({**base, "kind": "material", "video": "https://example.org/v.mp4"})


def test_yaml_one_one_booleans_and_dates_stay_text(tmp_path):
    """Check that 'no' is not turned into false and dates are not turned into other types by YAML."""
    text = (MINIMAL / "activities/2025/making-cultural-impact-measurable.md").read_text().replace(
        "venue: online", "venue: online\nlanguage: no")
    content = make_content(tmp_path, files={"activities/2025/making-cultural-impact-measurable.md": text})
    with pytest.raises(ContentErrors) as caught:
        load_site(content, TODAY)
    assert "'no' is not allowed" in str(caught.value)


def test_phases_at_the_boundaries():
    """Check that an activity starting later today is upcoming, one ending today ongoing, one ended yesterday past."""
    def activity(start, end=None):
        return Activity.model_validate({"title": "Test", "type": "class", "programme": "p", "area": "a",
                                        "start": start, "end": end, "sectors": "all",
                                        "summary": "En sammanfattning."})
    assert phase(activity("2025-03-15T18:00"), TODAY) == "upcoming"
    assert phase(activity("2025-03-15"), TODAY) == "ongoing"
    assert phase(activity("2025-03-10", "2025-03-15"), TODAY) == "ongoing"
    assert phase(activity("2025-03-10", "2025-03-14"), TODAY) == "past"
    assert phase(activity("2024"), TODAY) == "past"
    assert phase(activity("2025-03"), TODAY) == "ongoing"


def test_minimal_fixture_phases_and_order():
    """Check the order of activities in each phase of the minimal tree."""
    site = load_site(MINIMAL, TODAY)
    groups = activities_by_phase(site.collection("activities"), TODAY)
    assert [entry.id for entry in groups["upcoming"]] == [
        "2025/disrupt-for-success", "2025/peer-learning-ai-tools", "2025/making-cultural-impact-measurable"]
    assert [entry.id for entry in groups["past"]] == ["2024/ai-and-creativity"]
