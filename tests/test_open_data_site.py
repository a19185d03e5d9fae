"""The open data of the built site, fetched and read as a reuser would: frictionless over HTTP, csv, rdflib."""

from __future__ import annotations

import csv
import io
import urllib.request

import rdflib
from bs4 import BeautifulSoup
from frictionless import Package
from rdflib.namespace import DCAT

from lce_platform.content.model import LANGUAGES
from lce_platform.outputs.open_data import PUBLISHED

PREFIXES = {"sv": "", "en": "en/"}


def test_the_built_data_package_validates_over_http(served_site):
    """Check that frictionless, given only the package's address, reads and validates every file of each language."""
    for language in LANGUAGES:
        package = Package(served_site.url(language, "data/datapackage.json"))
        report = package.validate()
        assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "message"])
        assert len(package.resources) == 2 * len(PUBLISHED)


def test_every_row_is_a_page_of_the_site_and_every_page_a_row(served_site):
    """Check that each row's page was built, and that no activity, resource or programme page lacks its row."""
    for language in LANGUAGES:
        root = served_site.root / PREFIXES[language]
        for collection in PUBLISHED:
            with urllib.request.urlopen(served_site.url(language, f"data/{collection.name}.csv")) as response:
                assert response.read(3) == b"\xef\xbb\xbf"
                rows = list(csv.DictReader(io.StringIO(response.read().decode("utf-8"), newline="")))
            pages = {row["page"].removeprefix(served_site.url(language, "")) for row in rows}
            for page in pages:
                assert (root / page / "index.html").is_file(), page
            built = {path.parent.relative_to(root).as_posix() + "/"
                     for path in (root / collection.name).rglob("index.html")
                     if 'http-equiv="refresh"' not in path.read_text(encoding="utf-8")[:2000]}
            assert built == pages, collection.name


def test_the_data_page_links_the_files_and_names_the_catalogue(served_site):
    """Check that /data/ in each language links every file of its language and gives the catalogue's address."""
    for language in LANGUAGES:
        with urllib.request.urlopen(served_site.url(language, "data/")) as response:
            soup = BeautifulSoup(response.read(), "html.parser")
        links = {link["href"] for link in soup.select("article a[href]")}
        for collection in PUBLISHED:
            assert {f"{collection.name}.csv", f"{collection.name}.json"} <= links
        assert "datapackage.json" in links
        assert served_site.url("sv", "data/catalog.rdf") in soup.get_text()


def test_the_catalogue_lists_files_that_exist(served_site):
    """Check that rdflib reads the catalogue the Swedish root serves and that every download address answers."""
    graph = rdflib.Graph()
    with urllib.request.urlopen(served_site.url("sv", "data/catalog.rdf")) as response:
        graph.parse(data=response.read(), format="xml")
    downloads = {str(url) for url in graph.objects(None, DCAT.downloadURL)}
    assert len(downloads) == 2 * len(LANGUAGES) * len(PUBLISHED)
    for url in downloads:
        assert (served_site.root / url.removeprefix(served_site.url("sv", ""))).is_file(), url
