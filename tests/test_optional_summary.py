"""An activity whose sources give nothing but its title has no summary: the model lets it be left out, and every
part of the site that shows a summary shows none rather than a stand-in ('None', an empty line)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from bs4 import BeautifulSoup

from conftest import build_site, make_content
from lce_platform.content.collections import ACTIVITIES, RESOURCES
from lce_platform.content.errors import ContentErrors
from lce_platform.content.loader import load_site
from lce_platform.outputs.feeds import atom_feed, feed_items
from lce_platform.outputs.icalendar_feeds import activity_events
from lce_platform.outputs.open_data import columns, csv_bytes, json_bytes, rows
from lce_platform.outputs.search_index import search_facets
from lce_platform.outputs.sharing import share_context
from lce_platform.outputs.structured_data import activity_jsonld
from lce_platform.plan import BuildPlan
from lce_platform.publishing.cms import cms_config
from lce_platform.publishing.editor_schema import editor_schemas
from lce_platform.publishing.scaffold import write_new

TODAY = date(2025, 3, 15)
ROOTS = {"sv": "https://lce.test/", "en": "https://lce.test/en/"}
TITLE_ONLY = {
    "activities/2025/title-only.md": """---
title: Only A Title
type: seminar
programme: learn-create-engage
area: outreach-events
start: 2025-03-20
status: full
sectors: all
---

Ett seminarium.
""",
    "activities/2025/title-only.en.md": """---
title: Only A Title In English
---

A seminar.
""",
}
ENTRY_ID = "2025/title-only"


@pytest.fixture(scope="module", params=["sv", "en"])
def plan(request, tmp_path_factory) -> BuildPlan:
    """The minimal fixture with an activity without summary, planned in each language without MkDocs."""
    content = make_content(tmp_path_factory.mktemp("title-only"), files=TITLE_ONLY)
    return BuildPlan.start(content, request.param, TODAY, ROOTS)


def test_an_activity_may_leave_out_its_summary_and_a_resource_may_not(tmp_path):
    """Check that an activity without summary loads with summary None, while a resource without one is an error
    naming the file and the field."""
    site = load_site(make_content(tmp_path / "ok", files=TITLE_ONLY), TODAY)
    assert site.by_id(ACTIVITIES, ENTRY_ID).data.summary is None
    resource = {"resources/material/no-summary.md": "---\ntitle: No Summary\nkind: material\ndate: 2025-03-01\n"
                                                    "sectors: all\n---\n"}
    with pytest.raises(ContentErrors) as caught:
        load_site(make_content(tmp_path / "bad", files=resource), TODAY)
    assert [(error.path, error.field) for error in caught.value.errors] == [
        ("content/resources/material/no-summary.md", "summary")]


def test_the_editors_ask_a_summary_of_resources_but_not_of_activities(tmp_path):
    """Check that the editor JSON Schemas and the CMS configuration, derived from the model, require a summary of a
    resource and not of an activity, and tell staff to leave it out when only the title is known."""
    site = load_site(make_content(tmp_path), TODAY)
    schemas = editor_schemas(site)
    activity = next(schema for name, schema in schemas.items() if name.startswith("activity") and "en" not in name)
    resource = next(schema for name, schema in schemas.items() if name.startswith("resource") and "en" not in name)
    assert "summary" not in activity.get("required", []) and "summary" in resource["required"]
    described = json.dumps(activity["properties"]["summary"], ensure_ascii=False)
    assert "nothing more than the title" in described or "inget mer än titeln" in described
    collections = {found["name"]: found for found in cms_config(site, "owner/repo", ROOTS["sv"])["collections"]}
    summary_of = {name: next(field for field in collections[name]["fields"] if field["name"] == "summary")
                  for name in (ACTIVITIES.name, RESOURCES.name)}
    assert summary_of[ACTIVITIES.name]["required"] is False and summary_of[RESOURCES.name]["required"] is True


def test_lce_new_writes_an_activity_without_summary(tmp_path):
    """Check that `lce new` writes an activity given no summary, with no summary line and an empty body."""
    content = make_content(tmp_path)
    written = write_new(content, "activity", {"title": "Bara En Titel", "type": "seminar",
                                              "programme": "learn-create-engage", "area": "outreach-events",
                                              "start": "2025-05-14", "sectors": ["all"]}, today=TODAY)
    text = written.path.read_text(encoding="utf-8")
    assert "summary" not in text and "None" not in text


def test_no_output_puts_anything_in_place_of_a_missing_summary(plan):
    """Check that the calendar event, the JSON-LD, the Atom feed, the search document, the share card, the page's
    meta description and the open data of an activity without summary carry none, and never the text 'None'."""
    edition = plan.edition
    entry = plan.site.by_id(ACTIVITIES, ENTRY_ID)
    page = ROOTS[edition.language] + entry.url
    [event] = activity_events(edition, entry)
    status = "Fullbokad." if edition.language == "sv" else "Fully booked."
    assert event.description == f"{status}\n\n{page}"
    assert "description" not in activity_jsonld(edition, entry, page)
    feed = atom_feed(edition, feed_items(edition)).decode()
    assert entry.title(edition.language) in feed and ">None<" not in feed and "· None" not in feed
    facets = search_facets(edition, entry)
    assert "<p hidden>" not in facets and "None" not in facets
    assert share_context(edition, entry.src_uri, entry.url, None)["share"]["description"] == ""
    assert "description" not in plan.page_meta(entry.src_uri)
    table = rows(edition, ACTIVITIES)
    summary_column = [column.name for column in columns(ACTIVITIES)].index("summary")
    [row] = [row for row in table if entry.title(edition.language) in row]
    assert row[summary_column] is None
    assert b"None" not in csv_bytes(ACTIVITIES, table) and b'"None"' not in json_bytes(ACTIVITIES, table)


@pytest.mark.build
def test_the_built_page_of_an_activity_without_summary_shows_none(tmp_path):
    """Check that the built Swedish page of an activity without summary has no 'None' anywhere, and that its meta
    description is the site's, not an empty one."""
    build = build_site(make_content(tmp_path, files=TITLE_ONLY), "sv")
    assert build.returncode == 0, build.output
    html = build.page(f"activities/{ENTRY_ID}")
    soup = BeautifulSoup(html, "html.parser")
    assert "None" not in soup.get_text() and ">None<" not in html
    description = soup.find("meta", attrs={"name": "description"})
    assert description is None or description["content"].strip()
