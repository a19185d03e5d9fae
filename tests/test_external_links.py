"""The nightly check of links to other hosts: lychee, run as the workflow runs it (`lce links`) on a real build, against
a server on this machine with a live, a dead and a moved page; the summary names the content file and line of each."""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest
import yaml

from conftest import REPO, SITE_URL, make_content
from lce_platform.publishing.external_links import LinkReport, content_places, summary


class _Host(http.server.BaseHTTPRequestHandler):
    """/live answers, /moved redirects to /live, anything else is not found; every request is counted."""

    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.requests.append(self.path)
        if self.path == "/live":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"live")
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/live")
            self.end_headers()
        else:
            self.send_response(404)
            self.end_headers()

    do_HEAD = do_GET

    def log_message(self, *_arguments):
        pass


@pytest.fixture
def other_host() -> Iterator[str]:
    """A web server on 127.0.0.1 standing in for another site: its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Host)
    _Host.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_nightly_link_check_lists_dead_and_moved_links_with_their_lines(tmp_path, other_host):
    """Check that `lce links` on a site's pages reports the dead link with the content file and line that hold it,
    the moved one with its new address, not the live one nor the site's own addresses, and exits 0 (main does not
    fail). The pages are written here: the build keeps only https:// links, which a server on this machine lacks."""
    content = make_content(tmp_path / "project", files={"links.md": (
        f"---\ntitle: Länkar\n---\nEn [levande]({other_host}/live) länk.\n\n"
        f"En [död]({other_host}/dead) länk.\n\nEn [flyttad]({other_host}/moved) länk.\n")})
    site = tmp_path / "site"
    for page, links in {"links/index.html": ("live", "dead", "moved"), "en/links/index.html": ("dead",)}.items():
        (site / page).parent.mkdir(parents=True)
        (site / page).write_text("<!doctype html><html><body>" + "".join(
            f'<a href="{other_host}/{link}">{link}</a> ' for link in links) + f'<a href="{SITE_URL}about/">own</a>'
            '<a href="/assets/lce.css">root-relative</a></body></html>', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "lce_platform.publishing.cli", "links", str(site),
                           "--content", str(content), "--own", SITE_URL], capture_output=True, text=True,
                          timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = done.stdout
    assert "## Links to other sites: 1 dead, 1 moved, of 4" in report, report
    assert f"| {other_host}/dead | Rejected status code: 404 Not Found | content/links.md:6 |" in report, report
    assert f"| {other_host}/moved | {other_host}/live | content/links.md:8 |" in report, report
    assert f"{other_host}/live |" not in report.split("Moved links")[0]
    assert "lce.test" not in report
    assert _Host.requests.count("/dead") == 1, _Host.requests  # a 404 is not asked again


def test_a_link_is_found_in_the_fields_and_vocabularies_as_typed(tmp_path):
    """Check that the places of a link are every content line that writes it: a field, a body, a vocabulary."""
    content = make_content(tmp_path, files={
        "about.md": "---\ntitle: Om\n---\nSe [här](https://example.org/a?b=1&c=2).\n",
        "vocabularies/extra.yml": "x:\n  website: https://example.org/\n"})
    places = content_places(content, ["https://example.org/a?b=1&c=2", "https://example.org/", "https://gone.example/"])
    assert places == {"https://example.org/a?b=1&c=2": ["content/about.md:4"],
                      "https://example.org/": ["content/vocabularies/extra.yml:2"], "https://gone.example/": []}


def test_the_summary_tells_staff_what_to_do():
    """Check that the summary lists dead links, then moved ones, with where to change them."""
    report = LinkReport(checked=7, dead={"https://a.example/x|y": "Rejected status code: 410 Gone"},
                        moved={"https://b.example/": "https://b.example/new"},
                        places={"https://a.example/x|y": ["content/about.md:3", "content/index.md:9"]})
    text = summary(report)
    assert text.splitlines()[0] == "## Links to other sites: 1 dead, 1 moved, of 7"
    assert ("| https://a.example/x\\|y | Rejected status code: 410 Gone | content/about.md:3, content/index.md:9 |"
            in text)
    assert "| https://b.example/ | https://b.example/new | the site's templates or configuration |" in text
    assert "Every link answered." in summary(LinkReport(checked=3))


def test_the_nightly_workflow_checks_the_links_without_failing_main():
    """Check that the nightly workflow builds the site, runs `lce links` into its summary, and that a dead link does
    not fail the run (the step may not fail the job)."""
    workflow = yaml.safe_load((REPO / ".github/workflows/nightly.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["links"]
    steps = [step.get("run", "") for step in job["steps"]]
    build = next(n for n, run in enumerate(steps) if "make build" in run)
    check = next(n for n, run in enumerate(steps) if "lce links" in run)
    assert build < check and "GITHUB_STEP_SUMMARY" in steps[check]
    assert job["steps"][check].get("continue-on-error") is True
