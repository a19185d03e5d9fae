"""Reproducible-build gate: two builds of the same content for the same SITE_TODAY are byte-identical, even on
another day of the clock, from another folder and with another hash seed (pages, feeds, sitemap, search index)."""

from __future__ import annotations

import glob
import hashlib
from pathlib import Path

import pytest

from quality.built_site import REPO, combine_languages
from conftest import build_site, make_content
from lce_platform.model import LANGUAGES

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


def test_two_builds_are_byte_identical(tmp_path):
    """Check that building the repo's content twice, the second time years later by the clock, changes no byte."""
    if not LIBFAKETIME:
        pytest.fail("libfaketime is missing: install Debian's faketime (see .ci/run)")
    first = _build_both(tmp_path / "first", {"PYTHONHASHSEED": "1"})
    second = _build_both(tmp_path / "second", {"PYTHONHASHSEED": "2", "LD_PRELOAD": LIBFAKETIME[0],
                                                "FAKETIME": "@2031-06-01 03:00:00", "FAKETIME_DONT_FAKE_MONOTONIC": "1"})
    first_files, second_files = _digests(first), _digests(second)
    assert any(name.endswith("sitemap.xml.gz") for name in first_files)
    assert any(name.startswith("pagefind/") for name in first_files)
    assert any("/pagefind/filter/" in f"/{name}" for name in first_files)
    assert sorted(set(first_files) ^ set(second_files)) == []
    assert [name for name in first_files if first_files[name] != second_files[name]] == []
