"""Shared test helpers: build a site from a content tree with the real MkDocs, and read what it wrote."""

from __future__ import annotations

import gzip
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

from prepared_python import run_python_module

# The quality gates' fixtures (built sites served locally, a browser) shared by every gate module.
pytest_plugins = ["quality.gate_fixtures", "quality.page_tour"]

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL = FIXTURES / "minimal" / "content"
PINNED_TODAY = "2025-03-15"
SITE_URL = "https://lce.test/"
KEPT_WORK_FOLDERS = {"LCE_SHARE_CARD_CACHE": "share-cards", "LCE_CHART_CACHE": "charts",
                     "LCE_TEMPLATE_CACHE": "templates"}
"""What `make build` keeps between builds besides pages (drawn images and charts by what they show, compiled
templates by their source's checksum); every build of a test run shares one such folder, as builds on one machine do."""
NO_KEPT_WORK = {variable: "" for variable in KEPT_WORK_FOLDERS}
"""The environment of a build that makes everything anew, as on a fresh machine."""

# Property tests. `ci` (the default: `make test`, CI): the same 400 examples on every run and machine
# (derandomized, no example database), so one commit gets one verdict; every failure ever found is kept as an
# explicit @example beside its test. `nightly` (LCE_HYPOTHESIS_PROFILE=nightly, the scheduled workflow): ten
# times the examples, new ones each night, failures kept in an example database under .hypothesis/ and replayed
# first the next night; its report prints the failing input as "Failing test case: test(arg=…)", ready to paste
# as @example(arg=…), and the @reproduce_failure line that replays it exactly. A test sets no max_examples of its
# own, or scales it from settings.default.
_PROPERTY_SETTINGS = {"deadline": None, "print_blob": True,
                      "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]}
settings.register_profile("ci", max_examples=400, derandomize=True, database=None, **_PROPERTY_SETTINGS)
settings.register_profile("nightly", max_examples=4000, derandomize=False,
                          database=DirectoryBasedExampleDatabase(REPO / ".hypothesis" / "examples"),
                          **_PROPERTY_SETTINGS)
settings.load_profile(os.environ.get("LCE_HYPOTHESIS_PROFILE", "ci"))

# The slow tier: tests that build with MkDocs or drive the browser. Tests using these fixtures are marked
# automatically; any other test that builds must carry @pytest.mark.build (build_site fails without it), so
# `make test-fast` (-m "not build and not browser") never builds a site by accident.
BUILT_SITE_FIXTURES = ("served_site", "served_hostile_site", "repo_sites", "rich_sites", "library_sites",
                       "minimal_sites")
BROWSER_FIXTURES = ("browser", "open_tab")
TOUR = "page_tour"
"""The tests that judge the served site's shared visit (tests/quality/page_tour.py) are one group: one worker takes
each tour once for all of them."""
SPLIT_BY_TEST = ("served_site",)
"""Built sites whose tests are grouped by test function, not all on one worker: the served site's browser checks are
a quarter of the suite's time (the accessibility gate alone more than a worker's share), and the run's workers share
one build and one server of it (tests/quality/gate_fixtures.py)."""
_running: pytest.Item | None = None


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own, which reads the groups into the tests' ids
def pytest_collection_modifyitems(config, items):
    """Mark the tests of built sites `build` and those of the browser `browser` as well; under pytest-xdist, keep
    the tests of one built site (else of one module) on one worker, so each site is built once (the served site's
    tests are spread by test function, SPLIT_BY_TEST: its one build is shared), and those of its tour on one (TOUR)."""
    for item in items:
        names = getattr(item, "fixturenames", ())
        if any(name in names for name in BROWSER_FIXTURES):
            item.add_marker(pytest.mark.browser)
        built = next((name for name in BUILT_SITE_FIXTURES if name in names), None)
        if built or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.build)
        test, module = item.nodeid.split("[")[0], item.nodeid.split("::")[0]
        group = TOUR if TOUR in names else test if built in SPLIT_BY_TEST else built or module
        item.add_marker(pytest.mark.xdist_group(group))


def pytest_runtest_setup(item):
    global _running
    _running = item


def pytest_runtest_teardown(item):
    global _running
    _running = None


@pytest.fixture(scope="session", autouse=True)
def kept_work(tmp_path_factory) -> None:
    """One folder of kept work for every build of the run (in this process or started from it), on every worker
    (pytest-xdist's workers share the parent of their temporary folders)."""
    base = tmp_path_factory.getbasetemp()
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "kept-work"
    for variable, name in KEPT_WORK_FOLDERS.items():
        os.environ.setdefault(variable, str(root / name))


@pytest.fixture
def preview_reuse(monkeypatch):
    """The preview server's reuse of work between rebuilds, switched on for one test and off again after it."""
    from lce_platform import reuse

    monkeypatch.setattr(reuse, "_keeping", True)


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
    for name in ("hooks", "overrides", "node_modules"):
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
    if _running is not None and _running.get_closest_marker("build") is None:
        pytest.fail(f"{_running.nodeid} builds a site with MkDocs: mark it @pytest.mark.build (the slow tier)")
    project = content.parent
    _configure(project, repo_navigation)
    config = "mkdocs.yml" if language == "sv" else "mkdocs.en.yml"
    site = project / f"site-{language}"
    env = {**os.environ, "SITE_TODAY": today, "SITE_URL": SITE_URL, **(extra_env or {})}
    env.pop("SITE_URL_EN", None)
    arguments = ["build", "-f", config, "-d", str(site), *extra_args, *(["--strict"] if strict else [])]
    result = run_python_module("properdocs", arguments, cwd=project, env=env, timeout=600)
    output = result.stdout + result.stderr
    if result.returncode == 0 and finish:
        # As `make build` does: the search index and compressed assets once the pages are written.
        finished = run_python_module("lce_platform.publishing.cli", ["search-index", str(site)], cwd=project,
                                     env=env, timeout=600)
        return Build(finished.returncode, output + finished.stdout + finished.stderr, site)
    return Build(result.returncode, output, site)


def search_fragments(site: Path) -> list[dict]:
    """Every page record of a built language's Pagefind index, all its parts (url, content, filters, meta)."""
    records = []
    for path in sorted((site / "pagefind").glob("**/fragment/*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        records.append(json.loads(data[data.index(b"{"):]))
    return records


def search_parts(site: Path) -> list[Path]:
    """The folders of a built language's search index parts: the first (pagefind/) and those it lists."""
    index = site / "pagefind"
    listed = json.loads((index / "parts.json").read_text(encoding="utf-8"))["parts"]
    return [index, *(index / "parts" / name for name in listed)]


def pages_found_by(site: Path, word: str) -> set[str]:
    """The addresses of the pages whose entry in the word index of any part of a built language's search index is
    `word` or its stem (Pagefind stems; a stem is the word's start), read as Pagefind's search reads them."""
    import cbor2

    def read(path: Path):
        data = gzip.decompress(path.read_bytes())
        return cbor2.loads(data[len(b"pagefind_dcd"):])

    found = set()
    word = word.lower()
    for part in search_parts(site):
        entry = json.loads((part / "pagefind-entry.json").read_text(encoding="utf-8"))
        (about,) = entry["languages"].values()
        pages = read(part / f"pagefind.{about['hash']}.pf_meta")[1]
        for chunk in (part / "index").glob("*.pf_index"):
            for indexed, postings, *_ in read(chunk)[0]:
                if word.startswith(indexed) and len(indexed) >= len(word) - 3:
                    for page_number, *_ in postings:
                        fragment = gzip.decompress((part / "fragment" / f"{pages[page_number][0]}.pf_fragment").read_bytes())
                        found.add(json.loads(fragment[fragment.index(b"{"):])["url"])
    return found


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
