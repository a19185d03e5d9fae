"""The open data files, read as a reuser reads them: Python's csv and json, the frictionless library, rdflib."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
import rdflib
from frictionless import Package
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from conftest import PINNED_TODAY, make_content
from lce_platform.content.collections import ACTIVITIES, PROGRAMMES, RESOURCES
from lce_platform.content.moments import parse_moment
from lce_platform.outputs.dcat import ACCRUAL_PERIODICITY, dcat_catalogue
from lce_platform.outputs.open_data import (
    DATA_LICENCE,
    NOT_PUBLISHED,
    PUBLISHED,
    FORMULA_STARTS,
    columns,
    csv_bytes,
    date_cell,
    open_data_files,
)
from lce_platform.plan import BuildPlan

ROOTS = {"sv": "https://lce.test/", "en": "https://lce.test/en/"}
TODAY = date.fromisoformat(PINNED_TODAY)
DERIVED_COLUMNS = {"id", "page"}
"""Columns that are no field of the model: the row's id and the address of its page."""

EXTRA = {
    # Open for registration on the pinned today; its old path and a session with a venue.
    "activities/2025/varumarken-for-scenkonst.md": """\
---
title: Varumärken för scenkonst – åäö
type: class
programme: learn-create-engage
area: tailored-competence-development
start: 2025-04-02T09:00
end: 2025-04-02T12:00
sessions:
  - start: 2025-04-02T09:00
    end: 2025-04-02T12:00
    venue: media-evolution
    title: Första träffen
venue: media-evolution
registration: https://example.org/register/scen
sectors: [design]
summary: En klass om varumärken för scenkonstens institutioner.
contact: freja-ahren
redirect_from: [activities/2025/old-secret-path.md]
---

Brödtext.
""",
    # Over by the pinned today: its registration link is no longer shown, so not published either.
    "activities/2025/avslutad-klass.md": """\
---
title: Avslutad klass
type: class
programme: learn-create-engage
area: tailored-competence-development
start: 2025-01-10
registration: https://example.org/register/closed-one
sectors: all
summary: En klass som redan har ägt rum i januari.
---
""",
    # Titles and summaries a spreadsheet would take for formulas (OWASP's CSV injection).
    "activities/2025/formler.md": """\
---
title: "=1+1"
type: class
programme: learn-create-engage
area: tailored-competence-development
start: 2025-05-02
sectors: all
summary: "@SUM(2;3) en sammanfattning som en formel"
---
""",
    "activities/2025/minus.md": """\
---
title: "-2+3 och +4"
type: class
programme: learn-create-engage
area: tailored-competence-development
start: 2025-05-03
sectors: all
summary: "+HYPERLINK(\\"https://example.org\\";\\"klicka\\")"
---
""",
    # Only the month is known.
    "activities/2024/bara-manaden.md": """\
---
title: Bara månaden känd
type: class
programme: learn-create-engage
area: tailored-competence-development
start: 2024-11
sectors: all
summary: En aktivitet där källan bara anger månaden.
---
""",
}


@pytest.fixture(scope="module")
def plans(tmp_path_factory) -> dict[str, BuildPlan]:
    """The minimal fixture with the extra activities, planned in both languages by the core."""
    content = make_content(tmp_path_factory.mktemp("open-data"), files=EXTRA)
    return {language: BuildPlan.start(content, language, TODAY, ROOTS) for language in ROOTS}


@pytest.fixture(scope="module")
def written(plans, tmp_path_factory) -> dict[str, Path]:
    """Every file of both plans written to a folder per language, as the build writes them."""
    folders = {}
    for language, plan in plans.items():
        folder = tmp_path_factory.mktemp(f"site-{language}")
        for file in plan.files():
            target = folder / file.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.data())
        folders[language] = folder
    return folders


def read_csv(path: Path) -> list[dict[str, str]]:
    """A CSV file as a spreadsheet-minded reuser reads it with Python (utf-8-sig drops the byte order mark)."""
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def test_columns_are_the_model_fields_but_the_declared_private_ones():
    """Check that every field of each published model is a column or declared unpublished, so none is forgotten."""
    for collection in PUBLISHED:
        names = [column.name for column in columns(collection)]
        assert len(names) == len(set(names))
        fields = set(collection.model.model_fields)
        hidden = set(NOT_PUBLISHED.get(collection.model, {}))
        assert hidden <= fields
        base = {name for name in names if not name.endswith("_label")} - DERIVED_COLUMNS
        assert base == fields - hidden, collection.name
        assert {name[: -len("_label")] for name in names if name.endswith("_label")} <= base
        assert not DERIVED_COLUMNS & fields
        for column in columns(collection):
            assert column.descriptions["en"] and column.descriptions["sv"], column.name


def test_dates_are_what_is_known_and_empty_when_unknown():
    """Check that a date is written at its own precision, with the Stockholm offset for a time, and empty unknown."""
    assert date_cell(None) is None
    assert date_cell(parse_moment("2024")) == "2024"
    assert date_cell(parse_moment("2024-11")) == "2024-11"
    assert date_cell(parse_moment("2025-03-19")) == "2025-03-19"
    assert date_cell(parse_moment("2025-03-19T18:00")) == "2025-03-19T18:00:00+01:00"
    assert date_cell(parse_moment("2025-07-01T18:00")) == "2025-07-01T18:00:00+02:00"


def test_csv_opens_with_swedish_letters_intact_and_rfc_4180_line_ends(written):
    """Check the byte order mark, CRLF line ends, the header and å, ä, ö read back by Python's csv reader."""
    raw = (written["sv"] / "data" / "activities.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") >= 1 + 7 and b"\n" not in raw.replace(b"\r\n", b"")
    rows = read_csv(written["sv"] / "data" / "activities.csv")
    assert list(rows[0]) == [column.name for column in columns(ACTIVITIES)]
    assert [row["id"] for row in rows] == sorted(row["id"] for row in rows)
    titles = {row["id"]: row["title"] for row in rows}
    assert titles["2025/varumarken-for-scenkonst"] == "Varumärken för scenkonst – åäö"
    month_only = next(row for row in rows if row["id"] == "2024/bara-manaden")
    assert (month_only["start"], month_only["end"]) == ("2024-11", "")


def test_each_language_writes_its_own_words_with_the_same_ids_and_columns(written):
    """Check that the English files hold English titles and labels, the Swedish ones Swedish, on the same ids."""
    swedish = read_csv(written["sv"] / "data" / "activities.csv")
    english = read_csv(written["en"] / "data" / "activities.csv")
    assert [row["id"] for row in swedish] == [row["id"] for row in english]
    assert list(swedish[0]) == list(english[0])
    sv = {row["id"]: row for row in swedish}
    en = {row["id"]: row for row in english}
    translated = "2025/disrupt-for-success"
    assert sv[translated]["summary"].startswith("En klass") and en[translated]["summary"].startswith("A class")
    assert (sv[translated]["type"], sv[translated]["type_label"], en[translated]["type_label"]) == \
        ("class", "Klass", "Class")
    assert sv[translated]["status_label"] == "Fullbokad" and en[translated]["status_label"] == "Fully booked"
    assert json.loads(sv[translated]["sectors"]) == ["design", "media"]
    assert en[translated]["page"] == "https://lce.test/en/activities/2025/disrupt-for-success/"


def test_json_holds_the_same_rows_as_the_csv(written):
    """Check that each JSON file is a list of objects with the CSV's columns and values (lists as lists)."""
    for language, folder in written.items():
        for collection in PUBLISHED:
            table = read_csv(folder / "data" / f"{collection.name}.csv")
            objects = json.loads((folder / "data" / f"{collection.name}.json").read_text(encoding="utf-8"))
            assert len(objects) == len(table) > 0
            for row, item in zip(table, objects):
                assert list(item) == list(row)
                for name, cell in row.items():
                    value = item[name]
                    if isinstance(value, (list, dict)):
                        assert (json.loads(cell) if cell else []) == value, (language, name)
                    elif isinstance(value, str) and value.startswith(FORMULA_STARTS):
                        assert cell == "'" + value, (language, name)
                    else:
                        assert cell == ("" if value is None else str(value)), (language, name)


def test_a_text_a_spreadsheet_would_run_is_text_in_the_csv_and_exact_in_the_json(written):
    """Check that cells starting with =, +, -, @ get a ' before them in the CSV (Python's reader sees it) while the
    JSON keeps the text as written, and that no other cell of the CSV starts like a formula."""
    for folder in written.values():
        table = {row["id"]: row for row in read_csv(folder / "data" / "activities.csv")}
        objects = {item["id"]: item for item in
                   json.loads((folder / "data" / "activities.json").read_text(encoding="utf-8"))}
        assert table["2025/formler"]["title"] == "'=1+1" and objects["2025/formler"]["title"] == "=1+1"
        assert table["2025/formler"]["summary"] == "'@SUM(2;3) en sammanfattning som en formel"
        assert table["2025/minus"]["title"] == "'-2+3 och +4" and objects["2025/minus"]["title"] == "-2+3 och +4"
        assert table["2025/minus"]["summary"] == "'+HYPERLINK(\"https://example.org\";\"klicka\")"
        for collection in PUBLISHED:
            for row in read_csv(folder / "data" / f"{collection.name}.csv"):
                assert not any(cell.startswith(FORMULA_STARTS) for cell in row.values()), row


def test_a_tab_or_carriage_return_at_the_start_of_a_cell_is_quoted_too():
    """Check every start OWASP names, a tab and a carriage return included, and that numbers and dates stay bare."""
    cells = ["=A1", "+1", "-1", "@A1", "\tx", "\rx", "a=b", -5, 2.5, "2025-03-19", ["=x"], None]
    text = csv_bytes(ACTIVITIES, [cells]).decode("utf-8-sig")
    row = list(csv.reader(text.splitlines(keepends=True)))[1]
    assert row == ["'=A1", "'+1", "'-1", "'@A1", "'\tx", "'\rx", "a=b", "-5", "2.5", "2025-03-19", '["=x"]', ""]


def test_only_what_the_pages_show_is_published(written):
    """Check that old paths, transcripts, e-mail addresses and phone numbers and a closed registration stay out."""
    for folder in written.values():
        for collection in PUBLISHED:
            for extension in ("csv", "json"):
                text = (folder / "data" / f"{collection.name}.{extension}").read_text(encoding="utf-8-sig")
                for secret in ("old-secret-path", "Det här är transkriberingen", "@mediaevolution.se",
                               "46733161914", "redirect_from", "transcript", "closed-one"):
                    assert secret not in text, (collection.name, extension, secret)
    rows = {row["id"]: row for row in read_csv(written["sv"] / "data" / "activities.csv")}
    assert rows["2025/varumarken-for-scenkonst"]["registration"] == "https://example.org/register/scen"
    assert rows["2025/varumarken-for-scenkonst"]["contact_label"] == '["Freja Åhrén"]'
    sessions = json.loads(rows["2025/varumarken-for-scenkonst"]["sessions"])
    assert sessions[0]["venue"] == "media-evolution" and sessions[0]["venue_label"].startswith("Media Evolution")


def test_the_data_package_and_the_data_are_valid_under_frictionless(written):
    """Check that frictionless validates datapackage.json, every file against its Table Schema, and foreign keys."""
    for language, folder in written.items():
        package = Package(str(folder / "data" / "datapackage.json"))
        report = package.validate()
        assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "message"])
        names = sorted(resource.name for resource in package.resources)
        assert names == sorted(f"{c.name}-{e}" for c in PUBLISHED for e in ("csv", "json"))
        assert package.licenses[0]["name"] == DATA_LICENCE["id"]
        rows = package.get_resource("activities-csv").read_rows()
        assert {row["id"] for row in rows} >= {"2025/varumarken-for-scenkonst", "2024/bara-manaden"}
        disrupt = next(row for row in rows if row["id"] == "2025/disrupt-for-success")
        assert disrupt["sectors"] == ["design", "media"]


def test_the_dcat_catalogue_names_publisher_licence_languages_and_frequency(written):
    """Check that rdflib reads the DCAT-AP-SE catalogue and that it describes every file of both languages."""
    assert not (written["en"] / "data" / "catalog.rdf").exists()
    graph = rdflib.Graph()
    graph.parse(written["sv"] / "data" / "catalog.rdf", format="xml")
    catalogue = graph.value(predicate=RDF.type, object=DCAT.Catalog, any=False)
    assert catalogue is not None
    publisher = graph.value(catalogue, DCTERMS.publisher)
    assert "Media Evolution" in str(graph.value(publisher, FOAF.name))
    assert graph.value(catalogue, DCTERMS.license) == rdflib.URIRef(DATA_LICENCE["url"])
    datasets = set(graph.objects(catalogue, DCAT.dataset))
    assert len(datasets) == len(PUBLISHED)
    downloads = set()
    for dataset in datasets:
        assert {title.language for title in graph.objects(dataset, DCTERMS.title)} == {"sv", "en"}
        assert graph.value(dataset, DCTERMS.publisher) == publisher
        assert graph.value(dataset, DCTERMS.accrualPeriodicity) == rdflib.URIRef(ACCRUAL_PERIODICITY)
        assert len(set(graph.objects(dataset, DCTERMS.language))) == 2
        contact = graph.value(dataset, DCAT.contactPoint)
        assert contact is not None
        for distribution in graph.objects(dataset, DCAT.distribution):
            assert graph.value(distribution, DCTERMS.license) == rdflib.URIRef(DATA_LICENCE["url"])
            assert graph.value(distribution, DCAT.accessURL) is not None
            downloads.add(str(graph.value(distribution, DCAT.downloadURL)))
    assert downloads == {f"{ROOTS[language]}data/{c.name}.{e}" for language in ROOTS for c in PUBLISHED
                         for e in ("csv", "json")}
    for url in downloads:
        language = "en" if "/en/" in url else "sv"
        assert (written[language] / url.removeprefix(ROOTS[language])).is_file()


def test_the_data_page_lists_every_file_and_column(plans):
    """Check that the /data/ page links each file and names every column with its description, in each language."""
    for language, plan in plans.items():
        page = plan.generated["data/index.md"]
        for collection in (ACTIVITIES, RESOURCES, PROGRAMMES):
            for extension in ("csv", "json"):
                assert f'href="{collection.name}.{extension}"' in page.html
            for column in columns(collection):
                assert f"<code>{column.name}</code>" in page.html
                assert column.descriptions[language].replace("'", "&#39;").replace('"', "&#34;") in page.html
        assert "https://lce.test/data/catalog.rdf" in page.html
        assert {"sv": "=, +, -, @, en tabb eller en vagnretur", "en": "=, +, -, @, a tab or a carriage return"}[
            language] in page.html and "&#39;" in page.html
        assert DATA_LICENCE["url"] in page.html


def test_the_files_are_the_same_bytes_every_time(plans):
    """Check that planning the files twice gives the same bytes (nothing depends on the clock or on set order)."""
    for plan in plans.values():
        first, second = ({file.path: file.data() for file in [*open_data_files(plan.edition),
                                                               *dcat_catalogue(plan.edition)]} for _ in range(2))
        assert first == second and len(first) >= 7
