"""The core of the library and the sector indexes, without MkDocs: durations, indexes, checks (video addresses: test_video.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import PINNED_TODAY, fixture_files, make_content
from lce_platform.content.collections import ACTIVITIES, RESOURCES
from lce_platform.plan import BuildPlan
from lce_platform.content.model import ALL_SECTORS
from lce_platform.outputs.resource_parts import duration_text

ROOTS = {"sv": "https://lce.test/", "en": "https://lce.test/en/"}
TODAY = date.fromisoformat(PINNED_TODAY)


def test_durations_read_as_words_in_both_languages():
    """Check that ISO 8601 durations are written out in Swedish and English."""
    assert duration_text("PT1H25M", "sv") == "1 timme, 25 minuter"
    assert duration_text("PT1H25M", "en") == "1 hour, 25 minutes"
    assert duration_text("PT45S", "en") == "45 seconds"
    assert duration_text(None, "en") is None


@pytest.fixture(scope="module")
def library_build(tmp_path_factory) -> BuildPlan:
    """The library fixture tree loaded by the core (Swedish), without MkDocs."""
    content = make_content(tmp_path_factory.mktemp("core"), files=fixture_files("library"))
    return BuildPlan.start(content, "sv", TODAY, ROOTS)


def test_sector_indexes_hold_exactly_the_items_for_the_sector_or_all(library_build):
    """Check that each sector's index lists exactly the activities and resources tagged with it or with 'all'."""
    site = library_build.site
    for sector in site.vocabularies["sectors"]:
        def tagged(entry):
            return sector in entry.data.sectors or ALL_SECTORS in entry.data.sectors
        expected_activities = {entry.id for entry in site.collection(ACTIVITIES) if tagged(entry)}
        expected_resources = {entry.id for entry in site.collection(RESOURCES) if tagged(entry)}
        phases = library_build.edition.indexes.activities_by_sector[sector]
        listed = [entry.id for entries in phases.values() for entry in entries]
        assert sorted(listed) == sorted(expected_activities), sector
        assert {entry.id for entry in library_build.edition.indexes.resources_by_sector[sector]} == expected_resources


def test_indexes_list_resources_newest_first_and_by_kind(library_build):
    """Check that the resource indexes run newest first and group every resource under its kind."""
    indexes = library_build.edition.indexes
    days = [entry.data.date.begins() for entry in indexes.resources]
    assert days == sorted(days, reverse=True)
    by_kind = {entry.id for entries in indexes.resources_by_kind.values() for entry in entries}
    assert by_kind == {entry.id for entry in library_build.site.collection(RESOURCES)}
    for kind, entries in indexes.resources_by_kind.items():
        assert all(entry.data.kind.value == kind for entry in entries)


def test_every_type_has_its_activities(library_build):
    """Check that the type index files every activity under its own type and nowhere else."""
    by_type = library_build.edition.indexes.activities_by_type
    for entry in library_build.site.collection(ACTIVITIES):
        holders = [kind for kind, phases in by_type.items() for entries in phases.values() if entry in entries]
        assert holders == [entry.data.type]


def test_accessible_recordings_give_no_warning(library_build):
    """Check that recordings with captions or a transcript and a playable video raise no warning."""
    assert library_build.warnings() == []


def test_a_recording_without_captions_or_transcript_is_warned_about(tmp_path: Path):
    """Check that a recording with neither captions nor a transcript gets a warning naming its file and line."""
    files = fixture_files("recording-without-text")
    content = make_content(tmp_path, files=files)
    warnings = BuildPlan.start(content, "sv", TODAY, ROOTS).warnings()
    path = "resources/recording/silent-seminar.md"
    video_line = files[path].splitlines().index("video: https://youtu.be/bbbbbbbbbbb") + 1
    assert [str(warning).split(": ")[0:2] for warning in warnings] == [[f"content/{path}:{video_line}", "captions"]]
    assert "captions or a transcript" in str(warnings[0])


def test_an_item_listed_on_several_pages_is_rendered_once_and_the_pages_are_the_same(tmp_path, monkeypatch):
    """Check that an activity or resource listed on several sector and type pages is rendered once for them all, and
    that every generated page is the page rendered item by item."""
    from contextlib import nullcontext

    from lce_platform import plan as plan_module
    from lce_platform.outputs import render as render_module
    from lce_platform.outputs.sector_pages import sector_and_type_pages

    content = make_content(tmp_path, files=fixture_files("library"))
    shared = BuildPlan.start(content, "sv", TODAY, ROOTS)
    rendered: list[tuple] = []
    render_once = render_module._rendered_item
    monkeypatch.setattr(render_module, "_rendered_item", lambda *key: (rendered.append(key), render_once(*key))[1])
    with render_module.items_rendered_once():
        for page in sector_and_type_pages(shared.edition):
            page.rendered()  # a page's HTML is made when asked for (the plan asks as it plans it)
    assert rendered and len(rendered) == len(set(rendered)), "an item was rendered twice"
    rendered.clear()
    for page in sector_and_type_pages(shared.edition):
        page.rendered()
    assert len(rendered) > len(set(rendered)), "the fixture lists no item twice: the test shows nothing"

    monkeypatch.setattr(plan_module, "items_rendered_once", nullcontext)
    one_by_one = BuildPlan.start(content, "sv", TODAY, ROOTS)
    assert {uri: (page.markdown, page.html) for uri, page in shared.generated.items()} == \
        {uri: (page.markdown, page.html) for uri, page in one_by_one.generated.items()}
