"""What a build holds from its start to its pages: the content's bodies and the generated pages' text wait in a file
(lce_platform/aside.py), and while MkDocs reads every page before writing the first, the pages' HTML waits there too
(mkdocs_adapter/structure.py, HtmlAside), so a language's build does not hold the archive's text at once. The HTML
is checked on real builds of a small tree with a second hook that looks through the build's memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from conftest import PINNED_TODAY, REPO, SITE_URL, make_content
from lce_platform.content.loader import load_site
from lce_platform.outputs.planned import GeneratedPage

PAGES = 8
MARK = "lce-held-check-"
"""Each page's body holds <strong>lce-held-check-N</strong>, a string only its converted HTML has."""

MEMORY_HOOK = f'''
import gc, json, os, re

FOUND = re.compile(r"<strong>{MARK}(\\d+)</strong>")
seen = {{}}


def pages_held():
    """The pages whose converted HTML a string anywhere in the build's memory holds."""
    gc.collect()
    held = set()
    for container in gc.get_objects():
        for value in gc.get_referents(container):
            if type(value) is str and "<strong>{MARK}" in value:
                held.update(FOUND.findall(value))
    return sorted(held)


def on_page_content(html, *, page, config, files):
    seen.setdefault("converted", []).extend(FOUND.findall(html))
    return html


def on_env(env, *, config, files):
    seen["read"] = pages_held()  # every page read, none written yet
    return env


def on_post_build(*, config):
    seen["written"] = pages_held()
    with open(os.environ["HELD_REPORT"], "w") as report:
        json.dump(seen, report)
'''


def activity(number: int) -> str:
    return (f"---\ntitle: Seminarium {number}\ntype: seminar\nprogramme: learn-create-engage\narea: outreach-events\n"
            f"start: 2024-11\nsectors: all\nsummary: Ett seminarium.\n---\n\nSeminariet hölls. **{MARK}{number}**\n")


def held_during_build(tmp_path: Path, extra_env: dict[str, str]) -> dict[str, list[str]]:
    """Build the Swedish site of a small tree with the memory hook after the site's own; what it found."""
    content = make_content(tmp_path, files={f"activities/2024/held-{number}.md": activity(number)
                                            for number in range(PAGES)})
    project = content.parent
    for name in ("hooks", "overrides", "node_modules"):
        (project / name).symlink_to(REPO / name)
    (project / "memory_hook.py").write_text(MEMORY_HOOK, encoding="utf-8")
    (project / "mkdocs.yml").write_text(f"INHERIT: {REPO / 'mkdocs.yml'}\nnav:\n  - index.md\n"
                                        "hooks:\n  - hooks/lce_mkdocs.py\n  - memory_hook.py\n", encoding="utf-8")
    report = project / "held.json"
    env = {**os.environ, "SITE_TODAY": PINNED_TODAY, "SITE_URL": SITE_URL, "HELD_REPORT": str(report), **extra_env}
    env.pop("SITE_URL_EN", None)
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d",
                             str(project / "site")], cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    for number in range(PAGES):
        page = project / "site" / "activities" / "2024" / f"held-{number}" / "index.html"
        assert f"<strong>{MARK}{number}</strong>" in page.read_text(encoding="utf-8")
    return json.loads(report.read_text(encoding="utf-8"))


@pytest.mark.build
@pytest.mark.parametrize("shared", [False, True], ids=["own conversions", "conversions shared with the other language"])
def test_a_build_holds_at_most_one_pages_html_in_memory_between_reading_and_writing(tmp_path, shared):
    """Check that once every page is read and converted (MkDocs writes none before), at most one page's HTML is in
    the build's memory, and none once the pages are written; both as a lone build and as `make build` runs it."""
    extra_env = {"LCE_SHARED_CONVERSIONS": str(tmp_path / "conversions.sqlite")} if shared else {}
    held = held_during_build(tmp_path, extra_env)
    assert sorted(set(held["converted"])) == [str(number) for number in range(PAGES)]
    assert len(held["read"]) <= 1, f"pages whose HTML is in memory after reading: {held['read']}"
    assert held["written"] == []


def test_loading_holds_less_memory_than_the_bodies_and_gives_each_back_whole(tmp_path):
    """Check that a loaded tree whose bodies weigh 4 MB holds far less (the bodies wait in the file), and that each
    body (with characters of every width) and a generated page's text read back exactly as written."""
    body = "Åtta **öar** – 🌍 \u200d rad\n" * 5000  # about 150 KB a file
    content = make_content(tmp_path, files={f"activities/2024/long-{number}.md": activity(number) + body
                                            for number in range(25)})
    tracemalloc.start()
    try:
        site = load_site(content, date.fromisoformat(PINNED_TODAY))
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    bodies = sum(len(site.entries[f"activities/2024/long-{number}.md"].variants["sv"].body.encode())
                 for number in range(25))
    assert bodies > 4_000_000 and held < bodies / 4, f"{held:,} bytes held for {bodies:,} bytes of bodies"
    variant = site.entries["activities/2024/long-3.md"].variants["sv"]
    assert variant.body.endswith(body) and f"**{MARK}3**" in variant.body
    assert replace(variant, body="").body == ""
    page = GeneratedPage("calendar.md", "Kalender", markdown=body, html=f"<p>{body}</p>")
    assert (page.markdown, page.html) == (body, f"<p>{body}</p>") and page == replace(page)
