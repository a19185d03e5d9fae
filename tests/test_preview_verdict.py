"""While a saved file is broken, the preview answers every page at once with the errors `make check` prints."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from properdocs.exceptions import Abort

from lce_platform.content.errors import ContentError, ContentErrors
from lce_platform.outputs.preview_verdict import SCRIPT_URL, VERDICT_URL, PreviewVerdict, content_errors_of

from conftest import PINNED_TODAY, REPO, _configure, make_content

DISRUPT = "activities/2025/disrupt-for-success"
HALF_TYPED = "---\ntitle: Disrupt for Success\ntype: class\n"
ERROR = ContentError("content/activities/2025/a.md", 4, "title", "contains U+202E RIGHT-TO-LEFT OVERRIDE")


def aborted_by(errors: ContentErrors) -> Abort:
    """The exception the build raises on content errors, as the MkDocs adapter raises it."""
    try:
        try:
            raise errors
        except ContentErrors:
            raise Abort("The content has errors; nothing was built.") from None
    except Abort as abort:
        return abort


def test_content_errors_are_found_behind_the_adapters_exception():
    """Check that the content errors are read from the exception a failed build raises, and nothing from others."""
    assert content_errors_of(aborted_by(ContentErrors([ERROR]))) == [ERROR]
    assert content_errors_of(RuntimeError("a bug")) is None


def test_while_a_build_failed_every_page_is_the_error_page_and_assets_are_served():
    """Check that after a failed build pages get the bilingual error page with every message and the reload
    script, other files are served as usual, and after a passing build nothing is intercepted."""
    verdict = PreviewVerdict()
    assert verdict.response("/activities/") is None
    assert verdict.failed(aborted_by(ContentErrors([ERROR])))
    for path in ("/", "/activities/2025/a/", "/en/index.html", "/calendar"):
        answer = verdict.response(path)
        page = answer.body.decode()
        assert answer.status.startswith("503") and str(ERROR) in page, path
        assert "Innehållet har fel" in page and "The content has errors" in page
        assert f'<script src="{SCRIPT_URL}" data-version="1"' in page and "<script>" not in page
    assert verdict.response("/assets/stylesheets/main.css") is None
    assert b"location.reload" in verdict.response(SCRIPT_URL).body
    assert json.loads(verdict.response(VERDICT_URL).body) == {"version": 1, "broken": True}
    verdict.passed()
    assert verdict.response("/activities/2025/a/") is None
    assert json.loads(verdict.response(VERDICT_URL).body) == {"version": 2, "broken": False}


def test_a_failure_that_is_not_the_content_is_shown_too():
    """Check that a build failing for another reason shows that reason and is reported as not the content's fault."""
    verdict = PreviewVerdict()
    assert not verdict.failed(RuntimeError("disk full"))
    assert "The build failed: disk full" in verdict.response("/").body.decode()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    """Status and text of a page, failing the test if the server takes more than 10 seconds to answer."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def wait_for(url: str, condition, seconds: float) -> tuple[int, str]:
    """Fetch `url` until `condition(status, text)` holds; fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            status, text = fetch(url)
        except (urllib.error.URLError, ConnectionError):
            status, text = 0, ""
        if condition(status, text):
            return status, text
        assert time.monotonic() < deadline, f"{url} still answers {status}: {text[:500]}"
        time.sleep(0.3)


@contextmanager
def preview_server(tmp_path: Path) -> Iterator[tuple[str, Path, list[str]]]:
    """The real preview server (`make serve`) on a loopback port over the minimal content, once its first build
    answers: its root URL, the content folder, and (after it has stopped) its output in the list."""
    content = make_content(tmp_path)
    _configure(tmp_path, repo_navigation=False)
    root = f"http://127.0.0.1:{free_port()}/"
    env = {**os.environ, "SITE_TODAY": PINNED_TODAY, "SITE_URL": root}
    env.pop("SITE_URL_EN", None)
    server = subprocess.Popen([sys.executable, "-m", "lce_platform.mkdocs_adapter.preview_server", "mkdocs.yml",
                               root.removeprefix("http://").rstrip("/")], cwd=tmp_path, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log: list[str] = []
    try:
        wait_for(root + f"{DISRUPT}/", lambda status, text: status == 200, 180)
        yield root, content, log
    finally:
        server.terminate()
        log.append(server.communicate(timeout=30)[0])


@pytest.mark.build
def test_the_preview_shows_the_errors_of_a_saved_broken_file_and_comes_back_when_it_is_fixed(tmp_path):
    """Check, with the real preview server on a loopback port, that saving a half-typed file turns every page
    into the error page with the message `make check` prints, at once, and saving it fixed brings the pages back."""
    with preview_server(tmp_path) as (root, content, log):
        source = content / f"{DISRUPT}.md"
        written = source.read_text(encoding="utf-8")
        source.write_text(HALF_TYPED, encoding="utf-8")
        message = f"content/{DISRUPT}.md:1: frontmatter: has no closing line"
        status, page = wait_for(root + f"{DISRUPT}/", lambda status, text: message in text, 60)
        assert status == 503 and "The content has errors" in page
        status, other = fetch(root + "calendar/")
        assert status == 503 and message in other
        source.write_text(written, encoding="utf-8")
        status, page = wait_for(root + f"{DISRUPT}/", lambda status, text: status == 200, 120)
        assert "Disrupt for Success" in page
        assert json.loads(fetch(root + VERDICT_URL.lstrip("/"))[1])["broken"] is False
    output = log[0]
    # MkDocs wraps its log lines at the terminal's width (80 columns without a terminal).
    assert message in " ".join(output.split()) and "Traceback" not in output, output
