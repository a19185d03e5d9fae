"""The impact pages: numbers counted from the loaded site (checked against a count made here from the files), the
pages and their SVG charts, in both languages."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import PINNED_TODAY, REPO, fixture_files, make_content
from lce_platform.content.errors import ContentErrors
from lce_platform.content.loader import load_site
from lce_platform.facts import impact as impact_facts
from lce_platform.facts.impact import site_impact
from lce_platform.facts.urls import impact_chart_path, impact_url
from lce_platform.outputs.agenda import entry_year
from lce_platform.outputs.charts import bar_chart
from lce_platform.outputs.impact import impact_charts
from lce_platform.plan import BuildPlan

TODAY = date.fromisoformat(PINNED_TODAY)
ROOTS = {"sv": "https://lce.test/", "en": "https://lce.test/en/"}
SVG = "{http://www.w3.org/2000/svg}"
NOT_REPORTED = {"sv": "ej rapporterat", "en": "not reported"}


def impact_content(tmp_path: Path, files: dict[str, str] | None = None) -> Path:
    """The minimal fixture with the impact fixture over it (a sister programme, statuses, reported numbers)."""
    return make_content(tmp_path, files={**fixture_files("impact"), **(files or {})})


def frontmatter(path: Path) -> dict:
    """A content file's frontmatter as plain YAML reads it (not through the project's loader)."""
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def independent_count(content: Path) -> dict[str | None, dict]:
    """Counts made from the content files alone: per programme, and for the platform under None."""
    counts: dict[str | None, dict] = {}

    def bucket(programme: str | None) -> dict:
        return counts.setdefault(programme, {
            "activities": 0, "year": Counter(), "type": Counter(), "sector": Counter(), "area": Counter(),
            "status": Counter(), "kind": Counter(), "reported": 0, "reporting": 0})

    activity_programmes = {}
    for path in sorted((content / "programmes").glob("*.md")):
        if not path.name.endswith(".en.md"):
            bucket(path.stem)["planned"] = frontmatter(path).get("participants")
    for path in sorted((content / "activities").rglob("*.md")):
        if path.name.endswith(".en.md"):
            continue
        data = frontmatter(path)
        activity_programmes[f"{path.parent.name}/{path.stem}"] = data["programme"]
        starts = [start for start in [data.get("start") or data.get("end"),
                                      *(session["start"] for session in data.get("sessions", []))] if start]
        sectors = data["sectors"] if isinstance(data["sectors"], list) else [data["sectors"]]
        for programme in (None, data["programme"]):
            tally = bucket(programme)
            tally["activities"] += 1
            tally["year"][min(int(str(start)[:4]) for start in starts) if starts else None] += 1
            tally["type"][data["type"]] += 1
            tally["area"][data["area"]] += 1
            tally["status"][data.get("status", "scheduled")] += 1
            for sector in sectors:
                tally["sector"][sector] += 1
            if "reported_participants" in data:
                tally["reported"] += data["reported_participants"]
                tally["reporting"] += 1
    for path in sorted((content / "resources").rglob("*.md")):
        if path.name.endswith(".en.md"):
            continue
        data = frontmatter(path)
        programme = activity_programmes.get(data.get("activity"), data.get("programme"))
        for owner in {None, programme}:
            bucket(owner)["kind"][data["kind"]] += 1
    return counts


def test_counts_agree_with_an_independent_count_of_the_files(tmp_path):
    """Check that the platform's and every programme's numbers are those counted from the files themselves."""
    content = impact_content(tmp_path)
    whole = site_impact(load_site(content, TODAY))
    expected = independent_count(content)
    assert set(whole.by_programme) == {key for key in expected if key is not None}
    for impact in (whole, *whole.by_programme.values()):
        count = expected[impact.programme]
        assert impact.activities == count["activities"]
        assert impact.by_year == dict(sorted(count["year"].items(), key=lambda pair: (pair[0] is None, pair[0] or 0)))
        assert impact.by_type == dict(count["type"])
        assert impact.by_sector == dict(count["sector"])
        assert impact.by_area == dict(count["area"])
        assert impact.by_status == dict(count["status"])
        assert impact.fully_booked == count["status"]["full"] + count["status"]["waitlist"]
        assert impact.resources_by_kind == dict(count["kind"])
        assert impact.resources == sum(count["kind"].values())
        assert impact.participants.reported == count["reported"]
        assert impact.participants.activities_reporting == count["reporting"]
        assert impact.participants.planned == count.get("planned")
        assert sum(impact.by_phase.values()) == impact.activities
    assert whole.by_programme["sister-programme"].participants.activities_reporting == 2
    assert whole.by_programme["sister-programme"].fully_booked == 1


def test_years_are_the_calendars_years(tmp_path):
    """Check that the activities of each year are as many as the calendar files under that year."""
    site = load_site(impact_content(tmp_path), TODAY)
    calendar_years = Counter(entry_year(entry) for entry in site.collection(impact_facts.ACTIVITIES))
    assert site_impact(site).by_year == dict(sorted(calendar_years.items(), key=lambda pair: (pair[0] is None, pair[0] or 0)))


def test_phases_are_the_calendars_phases(tmp_path):
    """Check that held, ongoing and upcoming are counted as the calendar splits them on the build's today."""
    plan = BuildPlan.start(impact_content(tmp_path), "sv", TODAY, ROOTS)
    assert plan.edition.impact.by_phase == {name: len(entries) for name, entries in plan.edition.phases.items()}


def page_tables(html: str) -> dict[str, list[list[str]]]:
    """Every table of a page by its id: its body rows as the cells' text."""
    soup = BeautifulSoup(html, "html.parser")
    return {table["id"]: [[cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
                          for row in table.find("tbody").find_all("tr")]
            for table in soup.find_all("table")}


def as_int(text: str) -> int:
    """A count as a page writes it ('1 234' or '1,234')."""
    return int(re.sub(r"[\s,\u00a0\u202f]", "", text))


@pytest.mark.parametrize("language", ["sv", "en"])
def test_participants_are_never_estimated(tmp_path, language):
    """Check that a planned number is shown only where the programme gives one, and a reported one only as the sum of
    the numbers reported, with how many activities report one; otherwise 'not reported'."""
    plan = BuildPlan.start(impact_content(tmp_path), language, TODAY, ROOTS)
    summary = {row[0]: row[1] for row in page_tables(plan.generated["impact/learn-create-engage/index.md"].html)
               ["impact-in-short"]}
    planned, reported = (("Planerat antal deltagare", "Rapporterat antal deltagare") if language == "sv"
                         else ("Planned number of participants", "Reported number of participants"))
    assert summary[planned] == "230"
    assert summary[reported].startswith("25 (") and ("1 av 6" if language == "sv" else "1 of 6") in summary[reported]
    sister = {row[0]: row[1] for row in page_tables(plan.generated["impact/sister-programme/index.md"].html)
              ["impact-in-short"]}
    assert sister[planned] == NOT_REPORTED[language]
    assert sister[reported].startswith("12 (")
    platform = page_tables(plan.generated["impact/index.md"].html)
    # Planned numbers are the programmes' own and are not added up into a platform total.
    assert planned not in {row[0] for row in platform["impact-in-short"]}
    rows = {row[0]: row for row in platform["impact-participants"]}
    assert rows["Learn, Create, Engage"][1] == "230"
    assert rows[{"sv": "Ett systerprogram", "en": "A sister programme"}[language]][1:] == [
        NOT_REPORTED[language], page_tables(plan.generated["impact/sister-programme/index.md"].html)
        ["impact-in-short"][-1][1]]


def test_a_programme_reporting_nothing_says_so(tmp_path):
    """Check that a programme whose activities report no number shows 'not reported', not 0."""
    files = {"activities/2024/booked-out-class.md": fixture_files("impact")["activities/2024/booked-out-class.md"]
             .replace("reported_participants: 25\n", "")}
    plan = BuildPlan.start(impact_content(tmp_path, files), "en", TODAY, ROOTS)
    summary = dict(row[:2] for row in page_tables(plan.generated["impact/learn-create-engage/index.md"].html)
                   ["impact-in-short"])
    assert summary["Reported number of participants"] == "not reported"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_an_activity_without_a_known_year_is_counted_under_year_not_known(tmp_path, language):
    """Check that an activity whose year is not known (the fixture's undated talk) is counted in a last row 'year not
    known', never in a year."""
    plan = BuildPlan.start(impact_content(tmp_path), language, TODAY, ROOTS)
    rows = page_tables(plan.generated["impact/index.md"].html)["impact-activities-per-year"]
    assert rows[-1] == [{"sv": "År okänt", "en": "Year not known"}[language], "1"]
    assert list(plan.edition.impact.by_year)[-1] is None


@pytest.mark.parametrize(("written", "shown"), [("-3", "-3"), ("12.5", "12.5"), ("'about 40'", "'about 40'"),
                                                ("true", "True")])
def test_a_reported_number_must_be_a_whole_number(tmp_path, written, shown):
    """Check that a reported number of participants that is not a whole number of 0 or more is an error naming the
    file and the field."""
    files = {"activities/2024/booked-out-class.md": fixture_files("impact")["activities/2024/booked-out-class.md"]
             .replace("reported_participants: 25", f"reported_participants: {written}")}
    with pytest.raises(ContentErrors) as raised:
        load_site(impact_content(tmp_path, files), TODAY)
    [error] = raised.value.errors
    assert error.path == "content/activities/2024/booked-out-class.md"
    assert error.field == "reported_participants"
    assert error.problem == f"must be a whole number, 0 or more, not {shown}"


def test_no_reported_number_of_zero_is_allowed(tmp_path):
    """Check that 0 is a reported number (as the fixture's year-only talk reports), not the absence of one."""
    site = load_site(impact_content(tmp_path), TODAY)
    assert site_impact(site).by_programme["sister-programme"].participants.any_reported


def chart_texts(svg: str) -> list[str]:
    """The text drawn in a chart, in document order (each line of a wrapped label on its own)."""
    root = ElementTree.fromstring(svg.encode("utf-8"))
    return ["".join(text.itertext()) for text in root.iter(f"{SVG}text")]


def test_a_chart_is_a_scalable_svg_with_its_text_alternative():
    """Check that a chart parses as SVG, scales (viewBox, no fixed size), names itself (title, desc, role) and shows
    every label and value; that it refers to nothing outside itself."""
    svg = bar_chart("Aktiviteter per år", "Stapeldiagram: 2024: 1 234; 2025: 5.", ("2024", "2025"), (1234, 5),
                    ("1\u00a0234", "5"))
    root = ElementTree.fromstring(svg.encode("utf-8"))
    assert root.tag == f"{SVG}svg"
    assert "width" not in root.attrib and "height" not in root.attrib
    assert re.fullmatch(r"0 0 288 [\d.]+", root.attrib["viewBox"])
    assert root.attrib["role"] == "img"
    assert root.find(f"{SVG}title").text == "Aktiviteter per år"
    assert root.find(f"{SVG}desc").text == "Stapeldiagram: 2024: 1 234; 2025: 5."
    assert sorted(chart_texts(svg)) == sorted(["1\u00a0234", "5", "2024", "2025"])
    assert not re.search(r"(href|src|url)\s*=\s*\"?(https?:)?//|@import|@font-face|<script|<image", svg)
    assert "<metadata" not in svg and "Matplotlib v" not in svg


def test_charts_are_the_same_bytes_in_another_process():
    """Check that a chart drawn in another process, with another hash seed, is the same to the byte."""
    program = ("from lce_platform.outputs.charts import bar_chart; import sys; sys.stdout.write(bar_chart("
               "'Aktiviteter per sektor', 'd', ('Scenkonst och musik för alla åldrar', 'Film'), (3, 1), ('3', '1')))")
    outputs = {subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(outputs) == 1
    assert outputs == {bar_chart("Aktiviteter per sektor", "d", ("Scenkonst och musik för alla åldrar", "Film"),
                                 (3, 1), ("3", "1"))}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_chart_of_a_page_is_a_file_of_the_plan_with_the_tables_numbers(tmp_path, language):
    """Check that each chart a page shows is a file the plan writes, and draws the numbers of the table beside it."""
    plan = BuildPlan.start(impact_content(tmp_path), language, TODAY, ROOTS)
    files = {file.path: file.data().decode("utf-8") for file in impact_charts(plan.edition)}
    assert {file.path for file in plan.files() if file.path.endswith(".svg")} == set(files)
    shown = set()
    for programme in (None, "learn-create-engage", "sister-programme"):
        page_url = impact_url(programme)
        html = plan.generated[page_url + "index.md"].html
        soup = BeautifulSoup(html, "html.parser")
        tables = page_tables(html)
        for image in soup.select("figure.lce-chart img"):
            path = page_url + image["src"]
            chart = image["src"].removesuffix(".svg")
            shown.add(path)
            assert path == impact_chart_path(programme, chart)
            assert image["alt"]
            rows = tables[f"impact-{chart}"]
            texts = chart_texts(files[path])
            assert texts[:len(rows)] == [row[1] for row in rows]
            assert " ".join(texts[len(rows):]).replace("\n", " ").split() == " ".join(row[0] for row in rows).split()
    assert shown == set(files)


def test_a_programme_page_links_to_its_impact_page(tmp_path):
    """Check that each programme's page links to its impact page."""
    plan = BuildPlan.start(impact_content(tmp_path), "en", TODAY, ROOTS)
    html = plan.page_html("programmes/sister-programme.md", "", "programmes/sister-programme/")
    assert 'href="../../impact/sister-programme/"' in html


def test_the_repo_content_plans_its_impact_pages():
    """Check that the repo's own content gives the platform's page and one per programme."""
    plan = BuildPlan.start(REPO / "content", "sv", date(2026, 11, 30), ROOTS)
    programmes = {path.stem for path in (REPO / "content" / "programmes").glob("*.md") if ".en" not in path.suffixes}
    assert {uri for uri in plan.generated if uri.startswith("impact/")} == {
        "impact/index.md", *(f"impact/{programme}/index.md" for programme in programmes)}


@pytest.fixture(scope="module")
def impact_sites(tmp_path_factory):
    """The impact fixture built with MkDocs in both languages, and its content tree."""
    from conftest import built_in_both_languages

    content = impact_content(tmp_path_factory.mktemp("impact"))
    return content, built_in_both_languages(content)


def built_rows(table: list[list[str]]) -> dict[str, int]:
    """A built table's rows as label → count."""
    return {row[0]: as_int(row[1]) for row in table}


@pytest.mark.build
@pytest.mark.parametrize("language", ["sv", "en"])
def test_built_impact_pages_show_the_counts_of_the_files(impact_sites, language):
    """Check that the built impact pages' tables and their SVG charts (read with an XML parser) give the numbers
    counted here from the content files."""
    content, builds = impact_sites
    site = builds[language].site
    expected = independent_count(content)
    sectors = yaml.safe_load((content / "vocabularies" / "sectors.yml").read_text(encoding="utf-8"))
    types = yaml.safe_load((content / "vocabularies" / "activity-types.yml").read_text(encoding="utf-8"))
    all_sectors = {"sv": "Alla sektorer", "en": "All sectors"}[language]
    for programme in (None, "learn-create-engage", "sister-programme"):
        count = expected[programme]
        page = (site / impact_url(programme) / "index.html").read_text(encoding="utf-8")
        tables = page_tables(page)
        unknown_year = {"sv": "År okänt", "en": "Year not known"}[language]
        assert built_rows(tables["impact-activities-per-year"]) == {
            unknown_year if year is None else str(year): n for year, n in count["year"].items()}
        assert built_rows(tables["impact-activities-per-type"]) == {
            types[kind]["plural"][language]: n for kind, n in count["type"].items()}
        assert built_rows(tables["impact-activities-per-sector"]) == {
            (all_sectors if sector == "all" else sectors[sector]["label"][language]): n
            for sector, n in count["sector"].items()}
        in_short = dict(row[:2] for row in tables["impact-in-short"])
        assert as_int(in_short[{"sv": "Aktiviteter", "en": "Activities"}[language]]) == count["activities"]
        fully_booked = {"sv": "Fullbokade (även med väntelista)", "en": "Fully booked (including waiting list)"}
        assert as_int(in_short[fully_booked[language]]) == count["status"]["full"] + count["status"]["waitlist"]
        for image in BeautifulSoup(page, "html.parser").select("figure.lce-chart img"):
            chart = image["src"].removesuffix(".svg")
            svg = (site / impact_url(programme) / image["src"]).read_text(encoding="utf-8")
            root = ElementTree.fromstring(svg.encode("utf-8"))
            assert root.find(f"{SVG}title").text and root.find(f"{SVG}desc").text
            rows = tables[f"impact-{chart}"]
            assert [as_int(text) for text in chart_texts(svg)[:len(rows)]] == [as_int(row[1]) for row in rows]
    programme_page = (site / "programmes" / "sister-programme" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../impact/sister-programme/"' in programme_page
