"""Permanent addresses: a moved file's old address leads to its new one, and no address of the previous
commit's site disappears."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import PINNED_TODAY, REPO, SITE_URL, build_site, make_content

pytestmark = pytest.mark.build

# Addresses people and other sites link to: pages, feeds and calendars. Sitemaps are left out: crawlers
# find the one sitemap through robots.txt, and MkDocs' own per-language sitemaps were replaced by it.
LINKED_SUFFIXES = (".html", ".xml", ".ics", ".txt")
NOT_LINKED = {"sitemap.xml"}

OLD_ACTIVITY = "activities/2025/making-cultural-impact-measurable.md"
NEW_ACTIVITY = "activities/2025/measuring-cultural-impact.md"


def site_addresses(*sites: tuple[str, Path]) -> set[str]:
    """Every linkable address of built sites, as '<prefix><path>' (prefix '' for sv, 'en/' for en)."""
    found = set()
    for prefix, site in sites:
        for path in site.rglob("*"):
            if path.is_file() and path.suffix in LINKED_SUFFIXES and path.name not in NOT_LINKED:
                found.add(prefix + path.relative_to(site).as_posix())
    return found


def lost_addresses(previous: set[str], current: set[str]) -> list[str]:
    """Addresses of the previous site that the current one no longer answers."""
    return sorted(previous - current)


def moved_content(tmp_path: Path, redirect: bool) -> Path:
    """The minimal fixture with one activity renamed, listing its old path or not."""
    content = make_content(tmp_path)
    old = content / OLD_ACTIVITY
    text = old.read_text(encoding="utf-8")
    if redirect:
        text = text.replace("sectors: all", f"sectors: all\nredirect_from: [{OLD_ACTIVITY}]")
    (content / NEW_ACTIVITY).write_text(text, encoding="utf-8")
    old.unlink()
    return content


def test_renamed_file_keeps_its_old_address_with_redirect(minimal_sites, tmp_path):
    """Check that a renamed activity listing its old path gets a redirect page there in both languages,
    pointing to the new page, and that the check of lost addresses then finds none."""
    content = moved_content(tmp_path, redirect=True)
    builds = {language: build_site(content, language) for language in ("sv", "en")}
    for build in builds.values():
        assert build.returncode == 0, build.output
    previous = site_addresses(("", minimal_sites["sv"].site), ("en/", minimal_sites["en"].site))
    current = site_addresses(("", builds["sv"].site), ("en/", builds["en"].site))
    assert lost_addresses(previous, current) == []
    for language, prefix in (("sv", ""), ("en", "en/")):
        page = BeautifulSoup(builds[language].page("activities/2025/making-cultural-impact-measurable/"),
                             "html.parser")
        assert page.find("link", rel="canonical")["href"] == SITE_URL + prefix + "activities/2025/measuring-cultural-impact/"
        refresh = page.find("meta", attrs={"http-equiv": "refresh"})["content"]
        assert refresh == "0; url=../measuring-cultural-impact/"
        assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        assert (builds[language].site / "activities/2025/measuring-cultural-impact/index.html").is_file()
    sitemap = (builds["sv"].site / "sitemap.xml").read_text(encoding="utf-8")
    assert "making-cultural-impact-measurable" not in sitemap


def test_renamed_file_without_redirect_is_caught(minimal_sites, tmp_path):
    """Check that the check of lost addresses reports a renamed file's old address when it has no redirect."""
    content = moved_content(tmp_path, redirect=False)
    build = build_site(content, "sv")
    assert build.returncode == 0, build.output
    previous = site_addresses(("", minimal_sites["sv"].site))
    assert lost_addresses(previous, site_addresses(("", build.site))) == [
        "activities/2025/making-cultural-impact-measurable/index.html",
        "activities/2025/making-cultural-impact-measurable/making-cultural-impact-measurable.ics"]


def test_redirect_over_an_existing_page_is_refused(tmp_path):
    """Check that listing the path of a file that exists stops the build with a message naming the file."""
    content = make_content(tmp_path)
    path = content / "activities/2025/peer-learning-ai-tools.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "status: cancelled", f"status: cancelled\nredirect_from: [{OLD_ACTIVITY}]"), encoding="utf-8")
    build = build_site(content, "sv")
    assert build.returncode != 0
    assert ("content/activities/2025/peer-learning-ai-tools.md:9: redirect_from: "
            f"'{OLD_ACTIVITY}' is the address of content/{OLD_ACTIVITY}, which exists") in build.output


def git_output(*arguments: str) -> subprocess.CompletedProcess:
    """Run git in the repository."""
    return subprocess.run(["git", "-C", str(REPO), *arguments], capture_output=True, text=True, check=False)


def build_checkout(tree: Path, language: str) -> subprocess.CompletedProcess:
    """Build one language of a checked-out tree with its own code, hooks and configuration."""
    config = "mkdocs.yml" if language == "sv" else "mkdocs.en.yml"
    if not (tree / "node_modules").exists():
        (tree / "node_modules").symlink_to(REPO / "node_modules")  # the CMS the Swedish build copies to /admin/
    env = {**os.environ, "SITE_TODAY": PINNED_TODAY, "SITE_URL": SITE_URL,
           "PYTHONPATH": str(tree)}
    env.pop("SITE_URL_EN", None)
    return subprocess.run([sys.executable, "-m", "properdocs", "build", "-f", config, "-d", str(tree / f"site-{language}")],
                          cwd=tree, env=env, capture_output=True, text=True, timeout=600)


def base_commit() -> tuple[str, str]:
    """The commit whose site the current one must keep the addresses of, and why that one: LCE_BASE_REF if set,
    else the commit a pull request branches from (GITHUB_BASE_REF in GitHub Actions, else origin/main), else the
    previous commit."""
    head = git_output("rev-parse", "HEAD").stdout.strip()
    explicit = os.environ.get("LCE_BASE_REF")
    if explicit:
        found = git_output("rev-parse", "--verify", "--quiet", f"{explicit}^{{commit}}")
        assert found.returncode == 0, f"LCE_BASE_REF={explicit} is not a commit of this checkout (fetch it)"
        return found.stdout.strip(), f"LCE_BASE_REF={explicit}"
    branches = [f"origin/{os.environ['GITHUB_BASE_REF']}"] if os.environ.get("GITHUB_BASE_REF") else []
    for branch in [*branches, "origin/main"]:
        fork_point = git_output("merge-base", "HEAD", branch).stdout.strip()
        if fork_point and fork_point != head:
            return fork_point, f"where this branch leaves {branch}"
    previous = git_output("rev-parse", "--verify", "--quiet", "HEAD~1")
    assert previous.returncode == 0, ("no commit to compare with: a single commit or a shallow clone; fetch the "
                                      "history (fetch-depth: 0) or set LCE_BASE_REF")
    return previous.stdout.strip(), "the previous commit"


def previous_sites(tmp_path: Path) -> tuple[list[tuple[str, Path]], str]:
    """The sites to compare with: the last deployed build (LCE_DEPLOYED_SITE, a folder laid out as `make build`
    leaves site/), or both languages of the base commit built with its own code."""
    deployed = os.environ.get("LCE_DEPLOYED_SITE")
    if deployed:
        root = Path(deployed)
        assert (root / "index.html").is_file(), f"LCE_DEPLOYED_SITE={deployed} holds no built site"
        return [("", root)], f"the deployed build in {deployed}"  # English is in its en/ folder
    commit, why = base_commit()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", commit], capture_output=True, check=True)
    tree = tmp_path / "previous"
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(tree, filter="data")
    sites = []
    for language, prefix in (("sv", ""), ("en", "en/")):
        result = build_checkout(tree, language)
        assert result.returncode == 0, (f"the site of {commit[:10]} ({why}) does not build, so its addresses are "
                                        f"unknown: {result.stderr[-1500:]}")
        sites.append((prefix, tree / f"site-{language}"))
    return sites, f"{commit[:10]} ({why})"


def current_addresses(request) -> set[str]:
    """Addresses of the current site: LCE_CURRENT_SITE (a folder laid out as `make build` leaves site/, which a
    content-only pull request has just built for its preview) or both languages of the repo built here."""
    built = os.environ.get("LCE_CURRENT_SITE")
    if built:
        assert (Path(built) / "index.html").is_file(), f"LCE_CURRENT_SITE={built} holds no built site"
        return site_addresses(("", Path(built)))
    repo_sites = request.getfixturevalue("repo_sites")
    return site_addresses(("", repo_sites["sv"].site), ("en/", repo_sites["en"].site))


@pytest.mark.xdist_group("repo_sites")  # the repo's site is built once, by the worker of the other repo_sites tests
def test_no_address_of_the_base_site_is_lost(request, tmp_path):
    """Check that every page and feed address of the site this change starts from (the base commit's, or the
    deployed one) still answers in the current site (moved files need redirect_from)."""
    sites, source = previous_sites(tmp_path)
    current = current_addresses(request)
    lost = lost_addresses(site_addresses(*sites), current)
    assert lost == [], f"addresses of {source} no longer answer; list the old paths in redirect_from"
