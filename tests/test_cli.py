"""`lce check` validates content without building, with the build's messages."""

from __future__ import annotations

import shutil
import subprocess

from prepared_python import run_python_module
from conftest import FIXTURES, REPO, make_content


def run_check(content) -> subprocess.CompletedProcess:
    return run_python_module("lce_platform.publishing.cli", ["check", "--content", str(content)], cwd=content.parent,
                             timeout=120)


def test_check_passes_on_the_repo_content():
    """Check that the repo's content is valid."""
    result = run_check(REPO / "content")
    assert result.returncode == 0, result.stderr
    assert "content files are valid" in result.stdout


def test_check_reports_every_mistake_like_the_build(tmp_path):
    """Check that `lce check` exits non-zero and names file, line and field of each mistake."""
    content = make_content(tmp_path)
    for fixture in ("unknown-field", "unknown-status"):
        shutil.copytree(FIXTURES / "mistakes" / fixture / "content", content, dirs_exist_ok=True)
    result = run_check(content)
    assert result.returncode == 1
    assert "content/activities/2025/typo.md:2: titel: is not a field" in result.stderr
    assert "content/activities/2025/status.md:7: status: 'fullbooked' is not allowed" in result.stderr


def test_check_reports_what_only_the_page_generators_find(tmp_path):
    """Check that `lce check` runs the build's page generators (in both languages at once) and reports what they find:
    a content file at the address of a page the build makes."""
    content = make_content(tmp_path, files={"staff/content-model.md": "---\ntitle: My own page\n---\nMine.\n"})
    result = run_check(content)
    assert result.returncode == 1
    assert "content/staff/content-model.md:1: file: has the address /staff/content-model/ of a page" in result.stderr


def test_check_refuses_aliases_in_the_configuration_before_mkdocs_reads_it(tmp_path):
    """Check that `lce check` reports an alias in mkdocs.yml (MkDocs' reader would expand it without a limit)."""
    content = make_content(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: &name LCE\nextra:\n  title: *name\n", encoding="utf-8")
    result = run_check(content)
    assert result.returncode == 1
    assert "mkdocs.yml:1: site_name: uses the anchor '&name'; aliases and anchors are not read" in result.stderr


def git(repo, *arguments: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *arguments],
                          cwd=repo, capture_output=True, text=True, check=True).stdout


def scope_of(repo, base: str | None) -> subprocess.CompletedProcess:
    return run_python_module("lce_platform.publishing.cli", ["scope", *(["--base", base] if base else [])], cwd=repo)


def test_scope_tells_a_content_only_pull_request_from_one_that_changes_code(tmp_path):
    """Check that commits touching only content/ (and the schemas made from it) are 'content', that any other path
    makes them 'code', and that without a base or with an unknown one the answer is 'code' (run everything)."""
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "content").mkdir()
    (tmp_path / "lce_platform").mkdir()
    (tmp_path / "content" / "a.md").write_text("a\n")
    (tmp_path / "lce_platform" / "x.py").write_text("x = 1\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "base")
    base = git(tmp_path, "rev-parse", "HEAD").strip()
    git(tmp_path, "switch", "-qc", "staff-change")
    (tmp_path / "content" / "a.md").write_text("b\n")
    (tmp_path / "content" / "new.en.md").write_text("new\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "content only")
    assert scope_of(tmp_path, base).stdout == "content\n"
    assert scope_of(tmp_path, "main").stdout == "content\n"
    (tmp_path / "lce_platform" / "x.py").write_text("x = 2\n")
    git(tmp_path, "commit", "-qam", "and code")
    assert scope_of(tmp_path, base).stdout == "code\n"
    assert scope_of(tmp_path, None).stdout == "code\n"
    unknown = scope_of(tmp_path, "no-such-ref")
    assert unknown.stdout == "code\n" and "no-such-ref" in unknown.stderr
