"""A build that is killed, or that runs beside another on one cache, leaves nothing the next build trusts wrongly:
the next cached build is byte for byte a cold build of the same inputs. Deploy publishes only a build that passed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from conftest import PINNED_TODAY, REPO, SITE_URL
from lce_platform.outputs.compression import precompress_assets
from lce_platform.outputs.search_index import PART_PAGES_SETTING
from test_build_cache import ACTIVITY, build, edit, project_copy, tree

KILL_AT = (0.1, 0.3, 0.5, 0.7, 0.85, 0.95)
"""Moments to kill a cached build at, as parts of the time a whole one takes (loading, rendering, writing files,
writing the manifest, then indexing the search parts whose pages changed)."""


def start(project: Path, site: Path, cache: Path) -> subprocess.Popen:
    """A cached (--dirty) build of the Swedish site and then its search index in parts, as `make build` runs them,
    started in its own process group (to be killed whole)."""
    env = {**os.environ, "SITE_TODAY": PINNED_TODAY, "SITE_URL": SITE_URL,
           "PYTHONPATH": str(project), "LCE_BUILD_CACHE": str(cache), PART_PAGES_SETTING: "1"}
    env.pop("SITE_URL_EN", None)
    build_then_index = '"$0" -m properdocs build --strict --dirty -f mkdocs.yml -d "$1" && ' \
                       '"$0" -m lce_platform.publishing.cli search-index "$1"'
    return subprocess.Popen(["sh", "-c", build_then_index, sys.executable, str(site)], cwd=project, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)


def assert_same(cached_site: Path, cold_site: Path, when: str) -> None:
    cached, cold = tree(cached_site), tree(cold_site)
    assert sorted(cached) == sorted(cold), f"{when}: other files than a cold build's"
    differing = [path for path in cold if cached[path] != cold[path]]
    assert differing == [], f"{when}: the cached build differs from a cold one in {differing[:5]}"


@pytest.mark.build
def test_a_build_killed_at_any_moment_leaves_nothing_trusted_wrongly(tmp_path):
    """Check that after a cached build is killed (SIGKILL) at each of several moments, from loading to writing its
    manifest, with a content file changed each time, the next cached build is the cold build byte for byte."""
    project = project_copy(tmp_path)
    cache, site = tmp_path / "cache", tmp_path / "cached-site"
    started = time.perf_counter()
    build(project, site, PINNED_TODAY, cache)
    whole = time.perf_counter() - started
    for number, part in enumerate(KILL_AT):
        edit(project / "content" / ACTIVITY, "title: ", f"title: {number} ")
        running = start(project, site, cache)
        time.sleep(whole * part)
        os.killpg(running.pid, signal.SIGKILL)
        running.communicate(timeout=60)
    build(project, site, PINNED_TODAY, cache)
    cold = tmp_path / "cold"
    build(project, cold, PINNED_TODAY, None)
    assert_same(site, cold, f"after builds killed at {KILL_AT} of {whole:.1f} s")


@pytest.mark.build
def test_a_broken_or_foreign_manifest_is_not_trusted(tmp_path):
    """Check that a manifest cut short (as a write killed halfway would leave it), or one written for another site
    folder, makes the next cached build render everything, as a cold build would."""
    project = project_copy(tmp_path)
    cache, site = tmp_path / "cache", tmp_path / "cached-site"
    build(project, site, PINNED_TODAY, cache)
    manifest = cache / "pages-sv.json"
    written = manifest.read_text(encoding="utf-8")
    assert json.loads(written)["site"] == str(site.resolve())
    edit(project / "content" / ACTIVITY, "title: ", "title: Ny ")
    cold = tmp_path / "cold"
    build(project, cold, PINNED_TODAY, None)

    manifest.write_text(written[: len(written) // 2], encoding="utf-8")
    build(project, site, PINNED_TODAY, cache)
    assert_same(site, cold, "after a manifest cut short")

    # The other folder holds an older build; a manifest that vouches for `site` must not vouch for it.
    other = tmp_path / "other-site"
    edit(project / "content" / ACTIVITY, "title: Ny ", "title: ")
    build(project, other, PINNED_TODAY, None)
    edit(project / "content" / ACTIVITY, "title: ", "title: Ny ")
    build(project, other, PINNED_TODAY, cache)
    assert_same(other, cold, "after a manifest written for another site folder")


@pytest.mark.build
def test_two_builds_at_once_on_one_cache_wait_for_each_other(tmp_path):
    """Check that a second build on the same cache waits for the first to save its manifest (the lock), and that
    both end as the cold build."""
    project = project_copy(tmp_path)
    cache, site = tmp_path / "cache", tmp_path / "cached-site"
    build(project, site, PINNED_TODAY, cache)
    edit(project / "content" / ACTIVITY, "title: ", "title: Ny ")
    first, second = start(project, site, cache), start(project, site, cache)
    outputs = [running.communicate(timeout=600)[0].decode() for running in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, outputs
    cold = tmp_path / "cold"
    build(project, cold, PINNED_TODAY, None)
    assert_same(site, cold, "after two builds at once")
    build(project, site, PINNED_TODAY, cache)
    assert_same(site, cold, "after the next build")


def test_deploy_publishes_only_a_build_that_passed_and_says_when_nothing_was():
    """Check that the deploy job needs the build job (content check, strict build), which tells in the run's
    summary that nothing was published when it failed; the build cache is saved only by a build that passed."""
    workflow = yaml.safe_load((REPO / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    deploy, steps = workflow["jobs"]["deploy"], workflow["jobs"]["build"]["steps"]
    assert deploy["needs"] == "build" and "if" not in deploy
    runs = [step.get("run", "") for step in steps]
    check = next(n for n, run in enumerate(runs) if run.strip() == "make check")
    built = next(n for n, run in enumerate(runs) if run.startswith("make build"))
    upload = next(n for n, step in enumerate(steps) if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert check < built < upload
    told = next(step for step in steps if step.get("name") == "Say that nothing was published")
    assert told["if"] == "failure() || cancelled()" and "GITHUB_STEP_SUMMARY" in told["run"]
    caches = [step for step in steps if step.get("uses", "").startswith("actions/cache@")]
    assert caches and all(step["uses"].startswith("actions/cache@v") for step in caches)  # saved only on success


@pytest.mark.build
def test_the_preview_answers_through_a_burst_of_saves_and_shows_the_last(tmp_path):
    """Check, with the real preview server on a loopback port, that through 20 saves of one file in 2 s (every other
    one broken) each request is answered (within fetch's time limit), with the page or the error page, never a
    traceback, and that the page then shows the last save."""
    from test_preview_verdict import DISRUPT, HALF_TYPED, fetch, preview_server, wait_for

    answers: list[tuple[int, float]] = []
    with preview_server(tmp_path) as (root, content, log):
        source = content / f"{DISRUPT}.md"
        written = source.read_text(encoding="utf-8")
        for save in range(20):
            text = HALF_TYPED if save % 2 == 0 else written.replace("title: ", f"title: Save {save} – ", 1)
            source.write_text(text, encoding="utf-8")
            started = time.monotonic()
            status, _page = fetch(root + f"{DISRUPT}/")
            answers.append((status, time.monotonic() - started))
            time.sleep(max(0.0, 0.1 - (time.monotonic() - started)))
        last = "Save 19 – Disrupt for Success"
        status, page = wait_for(root + f"{DISRUPT}/", lambda status, text: status == 200 and last in text, 120)
    output = log[0]
    # Each answer came before fetch's time limit; how soon is a figure of the machine's load, not of the server.
    assert all(status in (200, 503) for status, _seconds in answers), answers
    assert "Traceback" not in output, output


def test_a_compressed_copy_cut_short_by_a_kill_is_made_again(tmp_path):
    """Check that a .br or .gz copy that a killed build left cut short (newer than its asset, as it would be) is
    written again, whole, and that copies holding the asset's bytes are kept as they are."""
    asset = tmp_path / "pagefind" / "pagefind-worker.js"
    asset.parent.mkdir()
    asset.write_bytes(b"self.onmessage = () => {};\n" * 400)
    assert precompress_assets(tmp_path) == 1
    br, gz = asset.with_name(asset.name + ".br"), asset.with_name(asset.name + ".gz")
    whole_br, whole_gz = br.read_bytes(), gz.read_bytes()
    assert precompress_assets(tmp_path) == 0

    for copy, whole in ((br, whole_br), (gz, whole_gz)):
        copy.write_bytes(whole[: len(whole) // 2])
        later = asset.stat().st_mtime + 60
        os.utime(copy, (later, later))
        assert precompress_assets(tmp_path) == 1, copy.name
        assert (br.read_bytes(), gz.read_bytes()) == (whole_br, whole_gz), copy.name
    assert sorted(path.name for path in asset.parent.iterdir()) == sorted([asset.name, gz.name, br.name])
