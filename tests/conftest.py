"""Shared test helpers: build a site from a content tree with the real MkDocs, and read what it wrote."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# The quality gates' fixtures (built sites served locally, a browser) shared by every gate module.
pytest_plugins = ["quality.gate_fixtures"]

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL = FIXTURES / "minimal" / "content"
PINNED_TODAY = "2025-03-15"
SITE_URL = "https://lce.test/"


@dataclass
class Build:
    """The outcome of one language's `mkdocs build`."""

    returncode: int
    output: str
    site: Path

    def pages(self) -> list[Path]:
        """Every page of the site itself: not the CMS app under admin/ nor the redirect stubs of moved pages."""
        pages = []
        for path in sorted(self.site.rglob("*.html")):
            if path.relative_to(self.site).parts[0] == "admin":
                continue
            if 'http-equiv="refresh"' in path.read_text(encoding="utf-8")[:2000]:
                continue
            pages.append(path)
        return pages

    def page(self, url: str) -> str:
        """The HTML of a page by its directory URL ('' for the home page)."""
        return (self.site / url / "index.html").read_text(encoding="utf-8")


def make_content(tmp_path: Path, base: Path | None = MINIMAL, files: dict[str, str] | None = None) -> Path:
    """A content tree in tmp_path: a copy of `base` (default the minimal fixture) with `files` written over it."""
    content = tmp_path / "content"
    if base is not None:
        shutil.copytree(base, content)
    for relative, text in (files or {}).items():
        target = content / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return content


def _configure(project: Path, repo_navigation: bool) -> None:
    """Link the repo's hooks and theme into `project`; use the repo's configuration, or one whose
    navigation is only the home page (fixture trees do not have every page the real navigation lists)."""
    for name in ("hooks", "overrides"):
        if not (project / name).exists():
            (project / name).symlink_to(REPO / name)
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        target = project / name
        if target.exists() or target.is_symlink():
            target.unlink()
        if repo_navigation:
            target.symlink_to(REPO / name)
        else:
            target.write_text(f"INHERIT: {REPO / name}\nnav:\n  - index.md\n", encoding="utf-8")


def build_site(content: Path, language: str = "sv", today: str = PINNED_TODAY, strict: bool = True,
               extra_env: dict[str, str] | None = None, repo_navigation: bool = False,
               extra_args: tuple[str, ...] = (), finish: bool = True) -> Build:
    """Build one language of the site from `content` with the real MkDocs and the repo's configuration, then (with
    `finish`) index it for search and compress its assets as `make build` does."""
    project = content.parent
    _configure(project, repo_navigation)
    config = "mkdocs.yml" if language == "sv" else "mkdocs.en.yml"
    site = project / f"site-{language}"
    env = {**os.environ, "SITE_TODAY": today, "SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    env.pop("SITE_URL_EN", None)
    command = [sys.executable, "-m", "mkdocs", "build", "-f", config, "-d", str(site), *extra_args]
    command += ["--strict"] if strict else []
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    if result.returncode == 0 and finish:
        # As `make build` does: the search index and compressed assets once the pages are written.
        finished = subprocess.run([sys.executable, "-m", "lce_platform.publishing.cli", "search-index", str(site)],
                                  cwd=project, env=env, capture_output=True, text=True, timeout=600)
        return Build(finished.returncode, output + finished.stdout + finished.stderr, site)
    return Build(result.returncode, output, site)


def search_fragments(site: Path) -> list[dict]:
    """Every page record of a built language's Pagefind index (url, content, filters, meta)."""
    records = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        records.append(json.loads(data[data.index(b"{"):]))
    return records


@pytest.fixture(scope="session")
def minimal_sites(tmp_path_factory) -> dict[str, Build]:
    """The minimal fixture built once per test session in both languages."""
    return built_in_both_languages(make_content(tmp_path_factory.mktemp("minimal")))


@pytest.fixture(scope="session")
def repo_sites(tmp_path_factory) -> dict[str, Build]:
    """The repo's own content built once per test session in both languages."""
    content = make_content(tmp_path_factory.mktemp("repo"), base=REPO / "content")
    return built_in_both_languages(content, repo_navigation=True)


def fixture_files(name: str) -> dict[str, str]:
    """The files of the fixture tree tests/fixtures/<name>/content, to write over another tree."""
    root = FIXTURES / name / "content"
    return {path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(root.rglob("*")) if path.is_file()}


def built_in_both_languages(content: Path, **options) -> dict[str, Build]:
    """`content` built in Swedish and English; each build must succeed."""
    builds = {language: build_site(content, language, **options) for language in ("sv", "en")}
    for build in builds.values():
        assert build.returncode == 0, build.output
    return builds


@pytest.fixture(scope="session")
def rich_sites(tmp_path_factory) -> dict[str, Build]:
    """The minimal fixture with every kind of page added (tests/rich_content.py), built in both languages."""
    from rich_content import EXTRA_FILES

    return built_in_both_languages(make_content(tmp_path_factory.mktemp("rich"), files=EXTRA_FILES))


@pytest.fixture(scope="session")
def library_sites(tmp_path_factory) -> dict[str, Build]:
    """The minimal fixture with the library fixture's resources and activities, built in both languages."""
    return built_in_both_languages(make_content(tmp_path_factory.mktemp("library"), files=fixture_files("library")))
