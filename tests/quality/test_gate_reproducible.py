"""Reproducible-build gate: two builds of the same content for the same SITE_TODAY are byte-identical, even on
another day of the clock, from another folder and with another hash seed (pages, feeds, sitemap, search index)."""

from __future__ import annotations

import glob
import hashlib
import re
from pathlib import Path

import pytest

from quality.built_site import REPO, combine_languages
from conftest import build_site, make_content
from lce_platform.model import LANGUAGES

LIBFAKETIME = sorted(glob.glob("/usr/lib/*/faketime/libfaketime.so.1"))


def _digests(root: Path) -> dict[str, str]:
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()}


def _is_unstable(name: str) -> bool:
    file_name = name.split("/")[-1]
    return ("/pagefind/filter/" in f"/{name}" or file_name.startswith("pagefind-entry.json")
            or file_name.endswith(".pf_meta"))


def _split_unstable(digests: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    return ({name: digest for name, digest in digests.items() if not _is_unstable(name)},
            sorted(name for name in digests if _is_unstable(name)))


def _unstable_kinds(names: list[str]) -> list[str]:
    """The unstable files without their content hash: how many filter indexes each language has."""
    return sorted(re.sub(r"_[0-9a-f]{6,}\.", "_.", name) for name in names)


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
    # Pagefind writes its filter indexes from a hash map in arbitrary order, so their bytes and hashed names
    # and the metadata index naming them change from run to run (upstream: Pagefind/pagefind#638, fixed for
    # fragments only); everything else,
    # the search's page fragments and word index included, must be identical.
    first_files, first_unstable = _split_unstable(first_files)
    second_files, second_unstable = _split_unstable(second_files)
    assert sorted(set(first_files) ^ set(second_files)) == []
    assert [name for name in first_files if first_files[name] != second_files[name]] == []
    assert _unstable_kinds(first_unstable) == _unstable_kinds(second_unstable)
