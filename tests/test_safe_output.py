"""No string from content reaches a page as markup (titles, descriptions, names, labels, bodies, search)."""

from __future__ import annotations

import pytest
import json

from bs4 import BeautifulSoup

from conftest import MINIMAL, REPO, build_site, make_content, search_fragments

HOSTILE_TITLE = '<script>alert("title")</script></title><img src=x onerror=alert(1)>'
HOSTILE_SUMMARY = '"><img src=x onerror=alert(2)> </script><script>alert(3)</script>'
HOSTILE_BODY = """
<script>alert(4)</script>
<img src="x" onerror="alert(5)">
<a href="javascript:alert(6)">click</a>
<iframe src="https://example.org"></iframe>
<div onclick="alert(7)" style="background:url(javascript:alert(8))">text</div>
[link](javascript:alert(9))
"""


def hostile_tree(tmp_path):
    people = (MINIMAL / "vocabularies/people.yml").read_text().replace(
        "name: Niels Righolt", "name: '<b onmouseover=alert(10)>Niels</b>'")
    venues = (MINIMAL / "vocabularies/venues.yml").read_text().replace(
        "name: Media Evolution", "name: '\"><svg onload=alert(11)>'")
    sectors = (MINIMAL / "vocabularies/sectors.yml").read_text().replace(
        "en: Design}", "en: '<script>alert(12)</script>'}")
    activity = f"""---
title: {json.dumps(HOSTILE_TITLE)}
type: class
programme: learn-create-engage
area: tailored-competence-development
start: 2025-04-10T18:00
venue: media-evolution
sectors: [design]
summary: {json.dumps(HOSTILE_SUMMARY)}
facilitators: [niels-righolt]
registration: https://example.org/register?a=1&b=2
---
{HOSTILE_BODY}
"""
    return make_content(tmp_path, files={
        "vocabularies/people.yml": people, "vocabularies/venues.yml": venues, "vocabularies/sectors.yml": sectors,
        "activities/2025/hostile.md": activity,
    })


def executable_markup(html: str) -> list[str]:
    """Script elements, event-handler attributes and javascript: URLs that content put into a page."""
    page = BeautifulSoup(html, "html.parser")
    found = []
    for script in page.find_all("script"):
        text = script.string or ""
        if script.get("type") == "application/ld+json":
            # Data, not code: it only must not be able to close its element.
            if "<" in text or ">" in text:
                found.append(f"structured data with markup: {text[:80]}")
            json.loads(text)
        elif "alert(" in text:
            found.append(f"script: {script}")
    for element in page.find_all(True):
        for name, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.startswith("on") or "javascript:" in text.lower() or "alert(" in text and name in ("src", "href"):
                found.append(f"{element.name}[{name}]={text}")
        if element.name in ("iframe", "svg", "img") and "alert(" in str(element):
            found.append(str(element))
    return found


@pytest.mark.build
def test_hostile_content_is_shown_as_text_not_markup(tmp_path):
    """Check that hostile titles, summaries, names, labels and bodies cannot inject markup into any page."""
    content = hostile_tree(tmp_path)
    for language in ("sv", "en"):
        build = build_site(content, language)
        assert build.returncode == 0, build.output
        for page in build.site.rglob("*.html"):
            problems = executable_markup(page.read_text(encoding="utf-8"))
            assert not problems, (page, problems)
        page = BeautifulSoup(build.page("activities/2025/hostile"), "html.parser")
        assert page.title.get_text().startswith(HOSTILE_TITLE)
        assert page.h1.get_text() == HOSTILE_TITLE
        assert page.find("meta", attrs={"name": "description"})["content"] == HOSTILE_SUMMARY
        assert "Niels" in page.select_one("header.lce-activity").get_text()
        # The search index holds text, never markup: the search script shows it with textContent only.
        fragment = next(fragment for fragment in search_fragments(build.site) if fragment["url"].endswith("/hostile/"))
        assert fragment["meta"]["title"] == HOSTILE_TITLE
        script = (REPO / "overrides/assets/javascripts/search.js").read_text(encoding="utf-8")
        assert "innerHTML" not in script and "insertAdjacentHTML" not in script
