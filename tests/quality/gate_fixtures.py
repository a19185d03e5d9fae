"""Fixtures of the quality gates (a pytest plugin named in tests/conftest.py): the built sites laid out as `make build` does,
served locally, and a browser."""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from quality.built_site import CHROMIUM, CHROMIUM_ARGS, REPO, ServedSite, combine_languages, serve
from conftest import FIXTURES, build_site, make_content
from lce_platform.content.model import LANGUAGES
from lce_platform.outputs.search_index import PART_PAGES_SETTING

HOSTILE = FIXTURES / "hostile" / "content"
PAGE_TYPES_OVERLAY = FIXTURES / "page-types" / "content"
TESTS = Path(__file__).resolve().parents[1]

# Runs before any script of the page: records what a hostile payload would do if it ever ran.
WATCH_SCRIPT = """
window.__lce = {executions: [], violations: []};
window.lce_pwned = (where) => window.__lce.executions.push(String(where));
for (const name of ["alert", "confirm", "prompt", "print"]) {
  const original = window[name];
  window[name] = function (...args) { window.__lce.executions.push(name + ": " + args.join(" ")); };
}
document.addEventListener("securitypolicyviolation", (event) => {
  window.__lce.violations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""

# The accessibility checkers judge what is on screen; a tooltip fading in is judged half transparent. Check the
# settled page.
SETTLED = """document.addEventListener("DOMContentLoaded", () => {
  const style = document.createElement("style");
  style.textContent = "*, *::before, *::after { transition: none !important; animation: none !important; }";
  document.head.append(style);
});"""

FOCUSED = """async () => {
  await Promise.all(document.getAnimations().map(animation => animation.finished));
  const element = document.activeElement || document.body;
  const box = element.getClientRects()[0] || element.getBoundingClientRect();
  const onScreen = box.right > 0 && box.left < innerWidth && box.bottom > 0 && box.top < innerHeight;
  const x = box.left + box.width / 2, y = box.top + Math.min(box.height / 2, 10);
  const top = onScreen ? document.elementFromPoint(x, y) : null;
  return {name: (element.getAttribute("aria-label") || element.textContent).trim().replace(/\\s+/g, " ").slice(0, 80),
          href: element.getAttribute("href"), html: element.outerHTML.slice(0, 120), body: element === document.body,
          inDrawer: element.closest(".md-sidebar--primary") !== null,
          shows: top !== null && (element.contains(top) || top.contains(element))};
}"""


SERVED_PART_PAGES = "8"
"""Pages per part of the served sites' search index (lce_platform/outputs/search_index.py): few enough that the
index is in several parts, so that every search in the browser tests runs across parts."""


def _build_both(content: Path, root: Path, base_url: str, repo_navigation: bool) -> str | None:
    """Build both languages of `content` for `base_url` into `root`, laid out as `make build` does (Material fetches the
    sitemap of each alternate-language link, which must be the site's own host); what a failed build printed."""
    env = {"SITE_URL": base_url + "/", PART_PAGES_SETTING: SERVED_PART_PAGES}
    builds = {language: build_site(content, language, extra_env=env, repo_navigation=repo_navigation)
              for language in LANGUAGES}
    for build in builds.values():
        if build.returncode != 0:
            return build.output
    combine_languages(builds, root)
    return None


def _start_and_build(folder: Path, make: Callable[[Path], Path], repo_navigation: bool, run: int,
                     served: dict) -> None:
    """Start the server of `served["root"]` for the run `run`, then build the site of `make(folder)` for its address,
    recording the address and what a failed build printed in `served`."""
    root = Path(served["root"])
    root.mkdir(parents=True)
    with open(folder / "server.log", "w") as log, subprocess.Popen(
            [sys.executable, "-m", "quality.serve_site", str(root), str(run)], cwd=TESTS, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=log, text=True, start_new_session=True) as server:
        # The process started ends at once; the server it forked runs on after this worker (serve_site.py).
        served["base_url"] = server.stdout.readline().strip()
    assert served["base_url"], f"the site's server did not start: {(folder / 'server.log').read_text()}"
    served["failed"] = _build_both(make(folder), root, served["base_url"], repo_navigation)


def _served_once(tmp_path_factory, name: str, make: Callable[[Path], Path], repo_navigation: bool
                 ) -> Iterator[ServedSite]:
    """The site of the content tree `make(folder)` gives, built in both languages and served on 127.0.0.1 until the
    run ends. The run's pytest-xdist workers share one build and one server, which outlives the worker that started
    it (a site is built for the one address it is served at, so each worker cannot serve a copy of its own)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    run = os.getppid() if worker else os.getpid()  # a worker's parent is the run's controller
    folder = (tmp_path_factory.getbasetemp().parent if worker else tmp_path_factory.getbasetemp()) / name
    record = folder / "served.json"
    with open(folder.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the first worker builds; the others wait for its record
        if not record.exists():
            served = {"root": str(folder / "site"), "base_url": "", "failed": None}
            try:
                _start_and_build(folder, make, repo_navigation, run, served)
            except Exception:  # every worker that needs the site fails with the reason, not with a missing record
                served["failed"] = traceback.format_exc()
            record.write_text(json.dumps(served))
        served = json.loads(record.read_text())
    assert served["failed"] is None, served["failed"]
    yield ServedSite(Path(served["root"]), served["base_url"])


def _repo_content(folder: Path) -> Path:
    content = make_content(folder, base=REPO / "content")
    shutil.copytree(PAGE_TYPES_OVERLAY, content, dirs_exist_ok=True)
    return content


@pytest.fixture(scope="session")
def served_site(tmp_path_factory) -> Iterator[ServedSite]:
    """The repo's own content, plus one page of each type it has none of yet (tests/fixtures/page-types: an
    activity in each status, a recording), built in both languages, laid out as `make build` does, served on
    127.0.0.1."""
    yield from _served_once(tmp_path_factory, "repo-served", _repo_content, repo_navigation=True)


@pytest.fixture(scope="session")
def served_hostile_site(tmp_path_factory) -> Iterator[ServedSite]:
    """The hostile fixture tree built in both languages and served on 127.0.0.1."""
    yield from _served_once(tmp_path_factory, "hostile-served", lambda folder: make_content(folder, base=HOSTILE),
                            repo_navigation=False)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium driven by Playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (see .ci/run)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """A browser tab that records every request, dialog, console error and script execution of its pages."""

    context: BrowserContext
    page: Page
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def open(self, url: str, *, until_network_idle: bool = True) -> None:
        """Load a page and wait until it and its scripts have settled: until nothing has been fetched for half a
        second, or (for checks of what runs, not of what is fetched) until the scripts run at load have run."""
        self.page.goto(url, wait_until="load")
        if until_network_idle:
            self.page.wait_for_load_state("networkidle")
        else:
            self.page.evaluate("() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)))")

    def executions(self) -> list[str]:
        """Everything a hostile payload made run on the current page."""
        return self.page.evaluate("window.__lce.executions") + self.dialogs

    def policy_violations(self) -> list[str]:
        """Content-Security-Policy violations on the current page, reported by the page and the console."""
        reported = self.page.evaluate("window.__lce.violations")
        return reported + [message for message in self.console_errors if "Content Security Policy" in message]

    def show_search(self) -> None:
        """Open Material's search box, by its header button on a phone or by the box itself on a desktop."""
        box = self.page.locator("input.md-search__input")
        toggle = self.page.locator("label.md-header__button[for='__search']")
        (toggle if toggle.is_visible() else box).click()
        box.wait_for(state="visible")

    def focused(self) -> dict:
        """The focused element once transitions have ended: its name, its address if a link, whether it is in the drawer
        (the navigation at narrower widths), and whether it shows: on screen and, at the middle of its first line, not
        covered."""
        return self.page.evaluate(FOCUSED)

    def open_search(self, query: str) -> int:
        """Type `query` into Material's search box and wait for its results; the number of results shown."""
        self.show_search()
        box = self.page.locator("input.md-search__input")
        box.press_sequentially(query, delay=20)
        self.page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15_000)
        return self.page.locator(".md-search-result__item").count()


def recorded_tab(browser: Browser, width: int = 1280, bypass_csp: bool = False,
                 init_scripts: tuple[str, ...] = ()) -> Visit:
    """A new browser tab at `width` that records its requests, dialogs, console errors and payloads run."""
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=bypass_csp,
                                  service_workers="block")
    context.add_init_script(WATCH_SCRIPT)
    for script in init_scripts:
        context.add_init_script(script)
    page = context.new_page()
    visit = Visit(context, page)
    context.on("request", lambda request: visit.requests.append(request.url))
    page.on("dialog", lambda dialog: (visit.dialogs.append(f"{dialog.type}: {dialog.message}"), dialog.dismiss()))
    page.on("console", lambda message: visit.console_errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: visit.console_errors.append(f"uncaught: {error}"))
    return visit


@pytest.fixture
def open_tab(browser) -> Iterator:
    """A factory of recorded browser tabs (recorded_tab's options); closes them after the test."""
    contexts: list[BrowserContext] = []

    def make(**options) -> Visit:
        visit = recorded_tab(browser, **options)
        contexts.append(visit.context)
        return visit

    yield make
    for context in contexts:
        context.close()


def search_term(root: Path, language: str) -> str:
    """A word of the first activity's title, so a search finds something."""
    base = root / ("en" if language == "en" else "")
    for page in sorted((base / "activities").rglob("index.html")):
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text("utf-8"), flags=re.S)
        for word in (heading.group(1) if heading else "").split():
            if len(word) >= 5 and word.isalpha():
                return word.lower()
    raise AssertionError(f"no searchable activity title in the {language} site")
