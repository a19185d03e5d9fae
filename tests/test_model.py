"""The content model and loader, without a build."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import MINIMAL, make_content
from lce_platform.content.collections import ACTIVITIES, COLLECTIONS, PROGRAMMES
from lce_platform.content.errors import ContentErrors
from lce_platform.content.loader import load_site
from lce_platform.content.model import TRANSLATIONS, VOCABULARIES, Activity, Resource
from lce_platform.facts.timeline import activities_by_phase, phase
from lce_platform.outputs.choices import field_ref_kind

TODAY = date(2025, 3, 15)


def test_minimal_fixture_loads_every_file():
    """Check that every Markdown file of the minimal tree becomes exactly one entry."""
    site = load_site(MINIMAL, TODAY)
    markdown = {path.relative_to(MINIMAL).as_posix() for path in MINIMAL.rglob("*.md")}
    bases = {path for path in markdown if not path.endswith(".en.md")}
    assert set(site.entries) == bases
    disrupt = site.by_id(ACTIVITIES, "2025/disrupt-for-success")
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
    assert set(TRANSLATIONS[Activity].model_fields) == {"title", "summary", "date_note", "account"}


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
    groups = activities_by_phase(site.collection(ACTIVITIES), TODAY)
    assert [entry.id for entry in groups["upcoming"]] == [
        "2025/disrupt-for-success", "2025/peer-learning-ai-tools", "2025/making-cultural-impact-measurable"]
    assert [entry.id for entry in groups["past"]] == ["2024/ai-and-creativity"]


def test_files_out_of_place_get_their_collection_folder_rule(tmp_path):
    """Check that a file in the wrong folder is told where its collection's files live, in these words."""
    disrupt = (MINIMAL / "activities/2025/disrupt-for-success.md").read_text(encoding="utf-8")
    recording = (MINIMAL / "resources/recording/ai-and-creativity.md").read_text(encoding="utf-8")
    content = make_content(tmp_path, files={
        "activities/stray.md": disrupt, "activities/next/plan.md": disrupt, "activities/2024/moved.md": disrupt,
        "resources/stray.md": recording, "resources/material/moved.md": recording,
        "resources/recording/Bad Name.md": recording, "programmes/deep/stray.md": "---\ntitle: Stray\n---\n",
        "programmes/only.en.md": "---\ntitle: Only\n---\n", "guide.en.md": "---\ntitle: Guide\n---\n",
    })
    with pytest.raises(ContentErrors) as caught:
        load_site(content, TODAY)
    problems = {(error.path, error.field): error.problem for error in caught.value.errors}
    assert problems == {
        ("content/activities/stray.md", "file"): "is in the wrong place; activities live in "
        "content/activities/<year>/<slug>.md, e.g. content/activities/2025/widen-your-vision.md",
        ("content/activities/next/plan.md", "file"):
                "folder 'next' is not a year like 2025, or undated for an activity without start",
        ("content/activities/2024/moved.md", "start"):
            "is in 2025 but the file is in the folder 2024; move it to content/activities/2025/",
        ("content/resources/stray.md", "file"): "is in the wrong place; resources live in "
        "content/resources/<kind>/<slug>.md, e.g. content/resources/recording/ai-and-creativity.md",
        ("content/resources/material/moved.md", "kind"):
            "is 'recording' but the file is in the folder 'material'; move it to content/resources/recording/",
        ("content/resources/recording/Bad Name.md", "file"):
            "name must be lowercase words joined by '-' (no spaces, å, ä, ö or capitals)",
        ("content/programmes/deep/stray.md", "file"):
            "is in the wrong place; programmes live in content/programmes/<slug>.md",
        ("content/programmes/deep/stray.md", "summary"): "is required (Plain-text summary, 10–300 characters.)",
        ("content/programmes/only.en.md", "file"): "is a translation without its Swedish file "
        "content/programmes/only.md; the Swedish file holds the fields",
    }


def test_every_reference_names_a_vocabulary_or_a_collection():
    """Check that each reference field of the model refers to a vocabulary or to a collection by its name."""
    models = [collection.model for collection in COLLECTIONS.values()] + list(VOCABULARIES.values())
    kinds = {field_ref_kind(info) for model in models for info in model.model_fields.values()}
    assert kinds - {None} <= set(VOCABULARIES) | set(COLLECTIONS)
    assert {ACTIVITIES.name, PROGRAMMES.name} <= kinds
