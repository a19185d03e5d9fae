"""Reproducible-build gate: two builds of the same content for the same SITE_TODAY are byte-identical, even on
another day of the clock, from another folder and with another hash seed (pages, feeds, sitemap, search index)."""

from __future__ import annotations

import glob
import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from quality.built_site import REPO, combine_languages
from quality.gate_fixtures import SERVED_PART_PAGES
from conftest import NO_KEPT_WORK, build_site, make_content
from lce_platform.mkdocs_adapter.conversions import SHARED_CONVERSIONS
from lce_platform.content.model import LANGUAGES

LIBFAKETIME = sorted(glob.glob("/usr/lib/*/faketime/libfaketime.so.1"))


def _digests(root: Path) -> dict[str, str]:
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()}


def _build_both(project: Path, environment: dict[str, str]) -> Path:
    content = make_content(project, base=REPO / "content")
    builds = {language: build_site(content, language, repo_navigation=True, extra_env=environment)
              for language in LANGUAGES}
    for build in builds.values():
        assert build.returncode == 0, build.output
    return combine_languages(builds, project / "site")


@pytest.mark.build
def test_two_builds_are_byte_identical(tmp_path):
    """Check that building the repo's content twice, the second time years later by the clock, changes no byte."""
    if not LIBFAKETIME:
        pytest.fail("libfaketime is missing: install Debian's faketime (see .ci/run)")
    # The search index in parts (as a large archive's is), each rewritten in smaller chunks; nothing kept from
    # earlier builds (drawn images, compiled templates), as on a fresh machine.
    in_parts = {"LCE_SEARCH_PART_PAGES": SERVED_PART_PAGES, **NO_KEPT_WORK}
    first = _build_both(tmp_path / "first", {"PYTHONHASHSEED": "1", **in_parts})
    second = _build_both(tmp_path / "second", {"PYTHONHASHSEED": "2", "LD_PRELOAD": LIBFAKETIME[0],
                                                "FAKETIME": "@2031-06-01 03:00:00", "FAKETIME_DONT_FAKE_MONOTONIC": "1",
                                                **in_parts})
    first_files, second_files = _digests(first), _digests(second)
    assert any(name.endswith("sitemap.xml.gz") for name in first_files)
    assert any(name.startswith("pagefind/parts/") for name in first_files)
    assert any(name.startswith("pagefind/") and "/filter/" in name for name in first_files)
    assert sorted(set(first_files) ^ set(second_files)) == []
    assert [name for name in first_files if first_files[name] != second_files[name]] == []


def _stored_keys(database: Path) -> set[str]:
    with closing(sqlite3.connect(database)) as connection:
        return {key for (key,) in connection.execute("SELECT key FROM conversions")}


SECTIONED_ACTIVITY = """\
---
title: Prissättning för formgivare
type: course
programme: learn-create-engage
area: tailored-competence-development
start: 2025-05-14
sectors: [design]
summary: En kurs om att sätta pris på sitt arbete.
---

## Innehåll

Kalkyl, offert och avtal.

## Förkunskaper

Inga.
"""


@pytest.mark.build
def test_languages_sharing_their_conversions_build_the_same_site(tmp_path):
    """Check that a language built from the other language's Markdown conversions (as `make build` runs them)
    is byte for byte the site it builds alone (section permalinks titled in its own language), and that the
    second build reused what the first converted."""
    files = {"activities/2025/prissattning-for-formgivare.md": SECTIONED_ACTIVITY}
    alone = {language: build_site(make_content(tmp_path / f"alone-{language}", files=files), language)
             for language in LANGUAGES}
    shared = tmp_path / "conversions.sqlite"
    content = make_content(tmp_path / "shared", files=files)
    english = build_site(content, "en", extra_env={SHARED_CONVERSIONS: str(shared)})
    converted = _stored_keys(shared)
    swedish = build_site(content, "sv", extra_env={SHARED_CONVERSIONS: str(shared)})
    for build in (*alone.values(), english, swedish):
        assert build.returncode == 0, build.output
    assert len(converted) == len([page for page in english.pages() if page.name != "404.html"])  # one per page
    converted_again = _stored_keys(shared) - converted
    # Pages written in both languages convert twice; those in one language once.
    assert 0 < len(converted_again) < len(converted) / 2
    assert 'title="Länk till avsnittet"' in swedish.page("activities/2025/prissattning-for-formgivare")
    for language, build in (("en", english), ("sv", swedish)):
        expected, found = _digests(alone[language].site), _digests(build.site)
        assert sorted(set(expected) ^ set(found)) == []
        assert [name for name in expected if expected[name] != found[name]] == [], language
