"""The benchmark's own archive generator: content of our model that passes the verdict, covers what the site
shows, and is the same bytes for the same seed."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import PINNED_TODAY, REPO
from lce_platform.content.collections import ACTIVITIES, RESOURCES
from lce_platform.content.loader import load_site
from lce_platform.content.model import ONLINE, ResourceKind, Status
from lce_platform.facts.timeline import PHASES, phase
from lce_platform.outputs.video import video_of
from lce_platform.plan import language_roots
from lce_platform.verdict import publishing_verdict

TODAY = date.fromisoformat(PINNED_TODAY)
ITEMS = 300

# bench/ is scripts, not a package: load the generator from its file (registered, as dataclasses need).
_spec = importlib.util.spec_from_file_location("generate_archive", REPO / "bench" / "generate_archive.py")
generate_archive = sys.modules.setdefault("generate_archive", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(generate_archive)


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("archive") / "content"
    generate_archive.generate(content, ITEMS, today=TODAY)
    return content


@pytest.fixture(scope="module")
def site(archive):
    return load_site(archive, TODAY)


def test_bench_today_is_the_generators_default():
    """Check that the generator spreads its activities around the day the bench and the tests build as of."""
    assert generate_archive.DEFAULT_TODAY == TODAY


def test_archive_passes_the_verdict_of_both_languages(archive, site):
    """Check that the generated archive loads and that a strict build of either language would publish it."""
    added = [entry for entry in site.entries.values() if entry.collection in (ACTIVITIES, RESOURCES)]
    assert len(added) >= ITEMS
    for language in ("sv", "en"):
        verdict = publishing_verdict(archive, language, TODAY, language_roots("https://lce.test/", {}), site=site)
        assert verdict.problems == (), "\n".join(map(str, verdict.problems[:10]))


def test_archive_covers_every_type_status_kind_and_language(site):
    """Check that the archive holds every activity type, status and resource kind, both languages, and the
    shapes of date and place the pages render differently."""
    activities = [entry.data for entry in site.collection(ACTIVITIES)]
    resources = [entry.data for entry in site.collection(RESOURCES)]
    assert {activity.type for activity in activities} == set(site.vocabularies["activity-types"])
    assert {activity.status for activity in activities} == set(Status)
    assert {resource.kind for resource in resources} == set(ResourceKind)
    assert {phase(activity, TODAY) for activity in activities} == set(PHASES)
    assert any(activity.sessions for activity in activities)
    assert any(activity.start.has_time for activity in activities)
    assert {"year", "season", "month"} <= {activity.start.precision for activity in activities if activity.start}
    undated = [activity for activity in activities if activity.start is None]
    assert any(activity.before for activity in undated) and any(activity.after for activity in undated)
    assert {ONLINE} < {activity.venue for activity in activities}
    assert any(activity.sectors == ("all",) for activity in activities)
    assert any(activity.facilitators for activity in activities)
    assert any(activity.registration for activity in activities)
    entries = site.collection(ACTIVITIES) + site.collection(RESOURCES)
    assert any("en" in entry.variants for entry in entries) and any("en" not in entry.variants for entry in entries)
    recordings = [resource for resource in resources if resource.kind is ResourceKind.recording]
    assert all(recording.transcript for recording in recordings)
    assert {video_of(recording.video).provider for recording in recordings} == {"youtube", "vimeo", "file"}


def test_archive_writes_every_field_of_the_model_it_does_not_name_as_unwritten(site):
    """Check that the generator writes every field of activities and resources but those it names in UNWRITTEN, so a
    field added to the model shows up here until the generator writes it (or says why not)."""
    for collection in (ACTIVITIES, RESOURCES):
        written = {name for entry in site.collection(collection) for name in entry.data.model_fields_set}
        unwritten = set(generate_archive.UNWRITTEN[collection.name])
        assert written == set(collection.model.model_fields) - unwritten, collection.name
        translated = {name for entry in site.collection(collection) if "en" in entry.variants
                      for name in entry.variants["en"].fields}
        assert translated == set(collection.translation.model_fields) - unwritten, collection.name


def test_bodies_have_headings_lists_tables_and_links(archive):
    """Check that generated bodies look like staff's: headings, lists, a table now and then, links between items."""
    bodies = "\n".join(path.read_text(encoding="utf-8").split("---\n", 2)[2]
                       for path in sorted((archive / "activities").glob("2025/*.md")))
    assert "\n## " in bodies and "\n- " in bodies and "\n|---|" in bodies
    assert "](../../resources/" in bodies or "](../../activities/" in bodies


def test_same_seed_gives_the_same_bytes_and_another_seed_another_archive(tmp_path, archive):
    """Check that generating again with the default seed writes a byte-identical tree, and another seed does not."""
    again = tmp_path / "again"
    generate_archive.main([str(again), "--items", str(ITEMS)])
    assert tree_bytes(again) == tree_bytes(archive)
    other = tmp_path / "other"
    generate_archive.generate(other, ITEMS, seed=generate_archive.DEFAULT_SEED + 1, today=TODAY)
    assert tree_bytes(other) != tree_bytes(archive)


def test_generator_replaces_only_its_own_archives(tmp_path):
    """Check that the generator refuses to replace a folder it did not write."""
    (tmp_path / "notes.md").write_text("mine", encoding="utf-8")
    with pytest.raises(SystemExit):
        generate_archive.generate(tmp_path, 5, today=TODAY)
    assert (tmp_path / "notes.md").read_text(encoding="utf-8") == "mine"
