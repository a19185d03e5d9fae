"""One verdict: `lce check` and the strict build refuse the same content, with the same messages."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import markdown
import pytest

from prepared_python import run_python_module
from conftest import PINNED_TODAY, REPO, SITE_URL, build_site, fixture_files, make_content
from lce_platform.plan import language_roots
from lce_platform.content.links import anchor_ids, references
from lce_platform.verdict import publishing_verdict

TODAY = __import__("datetime").date.fromisoformat(PINNED_TODAY)
PROBLEM_LINE = re.compile(r"^\s*(?:(?:WARNING|ERROR)\s+-\s+)?(content/\S+:\d+: .*)$")
LINK_SHAPES = Path(__file__).parent / "fixtures" / "verdict" / "link-shapes" / "content"

# One tree per stage at which the build stops: the loader's errors, the errors of the planned pages, and the
# warnings (content checks and the pages' Markdown). Each kind of problem is named by words both must print.
KINDS = {
    "load-errors": ["typo.md:2: titel: is not a field", "status.md:7: status: 'fullbooked' is not allowed",
                    "yaml.md:"],
    "start-errors": ["staff/content-model.md:1: file: has the address /staff/content-model/",
                     "moved.md:9: redirect_from: 'activities/2025/peer-learning-ai-tools.md' is the address of"],
    "warnings": ["silent-seminar.md:7: captions: a recording needs captions or a transcript",
                 "broken-links.md:13: body: link 'gone-away.md' leads nowhere",
                 "broken-links.md:15: body: link '../../programmes/learn-create-engage.md#anmalan' leads to no "
                 "heading or anchor '#anmalan'",
                 "broken-links.md:15: body: link '#schema' leads to no heading or anchor '#schema' on this page",
                 "broken-links.md:17: body: link '../../about/' names no file of the site",
                 "broken-links.md:17: body: link '../../images/missing.png' leads nowhere",
                 "broken-links.md:19: body: image 'https://images.example.org/poster.jpg' is not a file of the site",
                 "broken-links.md:27: body: link '../2024/nothing-here.md' leads nowhere",
                 "broken-links.en.md:8: body: link '../../programmes/learn-create-engage.md#programme'"],
}


def problem_lines(output: str) -> set[str]:
    """The messages about content files in a command's output, without the log level."""
    return {found.group(1).strip() for line in output.splitlines() if (found := PROBLEM_LINE.match(line))}


def run_check(content: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "SITE_TODAY": PINNED_TODAY}
    return run_python_module("lce_platform.publishing.cli", ["check", "--content", str(content)], cwd=content.parent,
                             env=env, timeout=120)


@pytest.mark.build
@pytest.mark.parametrize("tree", sorted(KINDS))
def test_check_and_strict_build_report_the_same_problems(tmp_path, tree):
    """Check that `lce check` prints exactly the problems the strict builds of both languages print, all at once,
    and that both fail on each kind of problem."""
    content = make_content(tmp_path, files=fixture_files(f"verdict/{tree}"))
    checked = run_check(content)
    builds = [build_site(content, language) for language in ("sv", "en")]
    assert checked.returncode == 1, checked.stdout
    assert all(build.returncode != 0 for build in builds)
    built_lines = set().union(*(problem_lines(build.output) for build in builds))
    check_lines = problem_lines(checked.stderr)
    assert check_lines == built_lines
    for words in KINDS[tree]:
        assert any(words in line for line in check_lines), words


@pytest.mark.build
def test_core_finds_every_broken_link_mkdocs_finds(tmp_path):
    """Check that with MkDocs' own link validation switched back on, every link it finds broken is one the core
    names (same file and link), and the core names no other: setting it to `info` hides nothing."""
    content = make_content(tmp_path, files={**fixture_files("verdict/warnings"), **fixture_files("verdict/link-shapes")})
    build_site(content, "sv")  # writes the project's configuration
    (tmp_path / "validating.yml").write_text(
        f"INHERIT: {REPO / 'mkdocs.yml'}\nnav:\n  - index.md\nvalidation:\n  links:\n"
        "    not_found: warn\n    anchors: warn\n    unrecognized_links: warn\n", encoding="utf-8")
    env = {**os.environ, "SITE_TODAY": PINNED_TODAY, "SITE_URL": SITE_URL}
    result = run_python_module("properdocs", ["build", "-f", "validating.yml", "-d", "site-check"], cwd=tmp_path,
                               env=env, timeout=600)
    mkdocs_found = {(f"content/{found[1]}", found[2]) for found in re.finditer(
        r"WARNING\s+-\s+Doc file '([^']+)' contains (?:a|an unrecognized relative) link '([^']+)'", result.stdout + result.stderr)}
    verdict = publishing_verdict(content, "sv", TODAY, language_roots(SITE_URL, {}))
    core_found = {(problem.path.replace(".en.md", ".md"), re.search(r"link '([^']+)'", problem.problem)[1])
                  for problem in verdict.warnings if problem.problem.startswith("link '")}
    assert len(mkdocs_found) >= 12
    assert core_found == mkdocs_found


def _converted(text: str) -> tuple[set[str], list[str]]:
    """Ids and link targets of the HTML python-markdown makes with the site's extensions (not its permalinks)."""
    html = markdown.markdown(text, extensions=["abbr", "admonition", "attr_list", "def_list", "footnotes", "tables",
                                               "toc"], extension_configs={"toc": {"permalink": True}})
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    targets = re.findall(r'<(?:a|img)\s(?![^>]*class="(?:headerlink|footnote-ref|footnote-backref)")[^>]*?'
                         r'(?:href|src)="([^"]*)"', html)
    return ids, targets


def test_links_and_anchors_are_read_as_python_markdown_converts():
    """Check that the links, images and ids read from the Markdown source are those of the converted HTML."""
    text = (LINK_SHAPES / "activities" / "2025" / "link-shapes.md").read_text(encoding="utf-8").split("---", 2)[2]
    ids, targets = _converted(text)
    assert anchor_ids(text) == ids
    assert sorted(reference.url for reference in references(text) if not reference.raw) == sorted(
        target.replace("&amp;", "&") for target in targets)


@pytest.mark.parametrize("text", [
    "# Rubrik\n\n# Rubrik\n\n## Rubrik {#egen}\n\nText [a](#rubrik_1).\n",
    "Rubrik\n------\n\nInte en rubrik\n---\n",
    "* lista\n\n        kod [x](y.md)\n\n    fortsättning [z](z.md)\n",
    "Text med `kod [x](y.md)` och ``mer [`a`](b.md)``.\n\n```\n[fenced](f.md)\n```\n",
    "[![bild](a.png)](b.md) [ref][R] [R] [oanvänd]\n\n[r]: c.md\n",
    "Åäö — “citat” ## inte rubrik\n\n### Åland & Öland: 2025!\n\n#### `kod` i *rubrik* med [länk](x.md)\n",
])
def test_source_reading_agrees_with_python_markdown(text):
    """Check that on awkward Markdown the ids and link targets read from the source are those python-markdown makes."""
    ids, targets = _converted(text)
    assert anchor_ids(text) == ids
    assert sorted(reference.url for reference in references(text) if not reference.raw) == sorted(targets)


def test_images_of_raw_html_are_checked_for_their_host_only():
    """Check that <img> written as HTML (which MkDocs passes through unresolved) is read as raw, headings beside it
    keep the ids python-markdown gives them, and its host is judged as the cleaner judges it."""
    text = "<img src=\"x\" onerror=\"a()\">\n\n## Rubrik <img src=x>\n\nText <img src='https://example.org/p.gif'>\n"
    assert anchor_ids(text) == _converted(text)[0]
    assert [(reference.url, reference.raw) for reference in references(text)] == [
        ("x", True), ("x", True), ("https://example.org/p.gif", True)]


def test_verdict_names_every_kind_of_warning_without_a_site_build(tmp_path):
    """Check that the core's verdict, with no MkDocs, finds each kind of warning of the fixture tree."""
    content = make_content(tmp_path, files=fixture_files("verdict/warnings"))
    messages = [str(problem) for language in ("sv", "en")
                for problem in publishing_verdict(content, language, TODAY, language_roots(SITE_URL, {})).warnings]
    for words in KINDS["warnings"]:
        assert any(words in message for message in messages), words


def test_verdict_accepts_the_minimal_content(tmp_path):
    """Check that the minimal fixture is publishable in both languages."""
    content = make_content(tmp_path)
    for language in ("sv", "en"):
        verdict = publishing_verdict(content, language, TODAY, language_roots(SITE_URL, {}))
        assert verdict.publishable, verdict.problems


def test_verdict_stops_at_content_errors(tmp_path):
    """Check that content errors are errors (nothing is built), not warnings, and that every one is named."""
    content = make_content(tmp_path, files=fixture_files("verdict/load-errors"))
    verdict = publishing_verdict(content, "sv", TODAY, language_roots(SITE_URL, {}))
    assert verdict.plan is None and not verdict.warnings
    assert {problem.path.rsplit("/", 1)[1] for problem in verdict.errors} == {"typo.md", "status.md", "yaml.md"}


@pytest.mark.parametrize("tree", ["load-errors", "start-errors", "warnings", "the repo's content"])
def test_check_renders_no_page_and_reaches_the_builds_verdict(tmp_path, tree):
    """Check that the verdict `lce check` asks for (render_pages=False) makes no generated page's HTML and finds the
    problems of the verdict a build starts with, in the same order, and the same pages with the same titles."""
    if tree == "the repo's content":
        content = REPO / "content"
    else:
        content = make_content(tmp_path, files=fixture_files(f"verdict/{tree}"))
    for language in ("sv", "en"):
        roots = language_roots(SITE_URL, {})
        built = publishing_verdict(content, language, TODAY, roots)
        checked = publishing_verdict(content, language, TODAY, roots, render_pages=False)
        assert checked.errors == built.errors and checked.warnings == built.warnings
        if built.plan is None:
            assert checked.plan is None
            continue
        assert [(page.src_uri, page.title, page.summary, page.lists) for page in checked.plan.generated.values()] == [
            (page.src_uri, page.title, page.summary, page.lists) for page in built.plan.generated.values()]
        assert all(page.html for page in built.plan.generated.values())
        assert not any(page.html for page in checked.plan.generated.values())
