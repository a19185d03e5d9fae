"""The built site's links to other hosts, checked with lychee (the kept link checker) by the nightly workflow: the
dead ones and the moved ones, each with the content files and lines that hold it, as a summary staff can act on."""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from lce_platform.facts.urls import GOOGLE_CALENDAR, OUTLOOK_HOSTS

RETRIES = 3
"""Tries again after a timeout or a server error (not after a 404), waiting RETRY_WAIT seconds, then twice that."""
RETRY_WAIT = 5
HOST_CONCURRENCY = 2
"""Requests at once to one host, and the wait between two of them: a polite rate for small sites."""
HOST_INTERVAL = "500ms"
TIMEOUT = 30
"""Seconds for one request."""
SERVICE_FORMS = (GOOGLE_CALENDAR, *OUTLOOK_HOSTS.values())
"""Addresses the site makes for calendar services' forms (add to calendar, subscribe): one per activity and feed,
the same service every time; not the content's links."""


@dataclass
class LinkReport:
    """What lychee found: the dead links with why, the moved ones with where they lead, and where each is written."""

    checked: int
    dead: dict[str, str] = field(default_factory=dict)
    moved: dict[str, str] = field(default_factory=dict)
    places: dict[str, list[str]] = field(default_factory=dict)
    """By link: 'content/…:line' of each line that writes it (none: the site's templates or configuration)."""


def check_external_links(sites: list[Path], own_urls: list[str], content_dir: Path, lychee: str,
                         repo_prefix: str = "content/") -> LinkReport:
    """Check every link from the built `sites` to a host other than the site's own addresses."""
    command = [lychee, "--no-progress", "--verbose", "--format", "json", "--scheme", "http", "--scheme", "https",
               "--max-retries", str(RETRIES), "--retry-wait-time", str(RETRY_WAIT), "--timeout", str(TIMEOUT),
               "--host-concurrency", str(HOST_CONCURRENCY), "--host-request-interval", HOST_INTERVAL,
               "--user-agent", "lce-link-check (nightly; one request per link)",
               # Root-relative links (the 404 page's) are the site's own: resolved in the first folder, not fetched.
               "--root-dir", str(Path(sites[0]).resolve())]
    for url in [*own_urls, *SERVICE_FORMS]:
        command += ["--exclude", "^" + _escaped(url)]
    pages = [str(page) for site in sites for page in sorted(Path(site).rglob("*.html"))]
    done = subprocess.run([*command, "--files-from", "-"], input="\n".join(pages), capture_output=True, text=True,
                          timeout=3600)
    if done.returncode not in (0, 2):  # 2: some links are broken; anything else: lychee itself failed
        raise RuntimeError(f"lychee failed ({done.returncode}): {done.stderr.strip()[:2000]}")
    found = json.loads(done.stdout)
    report = LinkReport(checked=found["total"] - found["excludes"] - found["unsupported"])
    for items in found["error_map"].values():
        for item in items:
            if "(cached)" not in item["status"]["text"] or item["url"] not in report.dead:  # the link's first answer
                report.dead[item["url"]] = item["status"]["text"]
    for items in found.get("timeout_map", {}).values():
        for item in items:
            report.dead.setdefault(item["url"], "no answer in time")
    for items in found.get("redirect_map", {}).values():
        for item in items:
            if item["origin"] not in report.dead and item["redirects"]:
                report.moved[item["origin"]] = item["redirects"][-1]["url"]
    report.places = content_places(content_dir, [*report.dead, *report.moved], repo_prefix)
    return report


def _escaped(url: str) -> str:
    return "".join("\\" + character if character in r".^$*+?()[]{}|\/" else character for character in url)


def content_places(content_dir: Path, urls: list[str], repo_prefix: str = "content/") -> dict[str, list[str]]:
    """For each link, the content files and lines that write it ('content/about.md:12'), searched as typed."""
    places: dict[str, list[str]] = {url: [] for url in urls}
    # As typed: lychee adds a bare host's '/', HTML writes '&' as '&amp;'. The link ends where a URL's characters do
    # (https://example.org is not found in https://example.org/more; a full stop may end a sentence).
    patterns = {url: re.compile("(?:" + "|".join(re.escape(form) for form in sorted(
        {url, url.rstrip("/"), url.replace("&", "&amp;")}, key=len, reverse=True)) + r")(?![\w/#?&=%~+:@-]|\.\w)")
        for url in urls}
    if not urls:
        return places
    for folder, folders, names in os.walk(content_dir):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(names):
            if not name.endswith((".md", ".yml")):
                continue
            path = Path(folder, name)
            shown = repo_prefix + path.relative_to(content_dir).as_posix()
            try:
                lines = path.read_text(encoding="utf-8-sig").splitlines()
            except (OSError, UnicodeDecodeError):
                continue  # the content check names it
            for url, pattern in patterns.items():
                places[url] += [f"{shown}:{number}" for number, line in enumerate(lines, 1) if pattern.search(line)]
    return places


def summary(report: LinkReport) -> str:
    """The report as Markdown, for the workflow's summary page."""
    lines = [f"## Links to other sites: {len(report.dead)} dead, {len(report.moved)} moved, of {report.checked}",
             ""]
    if report.dead:
        lines += ["Dead links: change or remove each where it is written.", "",
                  "| Link | Why | Where |", "| --- | --- | --- |"]
        lines += [f"| {_cell(url)} | {_cell(why)} | {_where(report, url)} |"
                  for url, why in sorted(report.dead.items())]
        lines.append("")
    if report.moved:
        lines += ["Moved links: they still work, through a redirect; write the new address.", "",
                  "| Link | Now at | Where |", "| --- | --- | --- |"]
        lines += [f"| {_cell(url)} | {_cell(target)} | {_where(report, url)} |"
                  for url, target in sorted(report.moved.items())]
        lines.append("")
    if not report.dead and not report.moved:
        lines += ["Every link answered.", ""]
    return "\n".join(lines)


def _where(report: LinkReport, url: str) -> str:
    return ", ".join(report.places.get(url, [])) or "the site's templates or configuration"


def _cell(text: str) -> str:
    """Text for a cell of a Markdown table: no '|' or line break of its own."""
    return text.replace("|", "\\|").replace("\n", " ")
