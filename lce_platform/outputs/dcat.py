"""The DCAT-AP-SE catalogue of the open data, as RDF/XML: what Sweden's data portal (dataportal.se) harvests.

The portal reads one catalogue address per publisher, registered by the publisher; this is it. It describes both
languages' files, so the Swedish build (the site's root) writes it; the English build writes none.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from lce_platform.content.collections import PROGRAMMES
from lce_platform.content.model import LANGUAGES
from lce_platform.facts.urls import DATA_URL, data_file_path, data_package_path, dcat_catalogue_path
from lce_platform.outputs import i18n
from lce_platform.outputs.credits import PLATFORM_PROGRAMME
from lce_platform.outputs.edition import Edition
from lce_platform.outputs.open_data import DATA_LICENCE, FORMATS, PUBLISHED, publisher
from lce_platform.outputs.planned import SiteFile

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EU = "http://publications.europa.eu/resource/authority/"
LANGUAGE_URIS = {"sv": EU + "language/SWE", "en": EU + "language/ENG"}
FILE_TYPES = {"csv": EU + "file-type/CSV", "json": EU + "file-type/JSON"}
ACCRUAL_PERIODICITY = EU + "frequency/DAILY"
"""The site is rebuilt every night (deploy workflow), so the files follow the content and the day."""
THEME = EU + "data-theme/EDUC"
"""The EU data theme 'Education, culture and sport'."""


def _tag(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def _add(parent: etree._Element, name: str, text: str | None = None, *, resource: str | None = None,
         about: str | None = None, language: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, _tag(name))
    if text is not None:
        element.text = text
    if resource is not None:
        element.set(_tag("rdf:resource"), resource)
    if about is not None:
        element.set(_tag("rdf:about"), about)
    if language is not None:
        element.set(XML_LANG, language)
    return element


def _in_both(parent: etree._Element, name: str, key: str) -> None:
    for language in LANGUAGES:
        _add(parent, name, i18n.t(language, key), language=language)


def publisher_uri(org_number: str | None) -> str | None:
    """The address dataportal.se gives a Swedish organisation, made from its organisation number."""
    return f"http://dataportal.se/organisation/SE{org_number.replace('-', '')}" if org_number else None


def catalogue_rdf(edition: Edition) -> bytes:
    """The catalogue: the open data of both languages as three datasets (activities, resources, programmes), each
    with a CSV and a JSON distribution per language; publisher, licence, languages and update frequency."""
    roots = edition.roots
    page = roots["sv"] + DATA_URL
    owner = publisher(edition)
    platform = edition.site.by_id(PROGRAMMES, PLATFORM_PROGRAMME)
    root = etree.Element(_tag("rdf:RDF"), nsmap=NS)
    catalogue = _add(root, "dcat:Catalog", about=page + "#catalogue")
    _in_both(catalogue, "dcterms:title", "open_data.package_title")
    _in_both(catalogue, "dcterms:description", "open_data.package_description")
    _publisher(catalogue, owner)
    _add(catalogue, "foaf:homepage", resource=roots["sv"])
    for language in LANGUAGES:
        _add(catalogue, "dcterms:language", resource=LANGUAGE_URIS[language])
    _add(catalogue, "dcterms:license", resource=DATA_LICENCE["url"])
    for collection in PUBLISHED:
        holder = _add(catalogue, "dcat:dataset")
        dataset = _add(holder, "dcat:Dataset", about=f"{page}#{collection.name}")
        _in_both(dataset, "dcterms:title", f"open_data.datasets.{collection.name}.title")
        _in_both(dataset, "dcterms:description", f"open_data.datasets.{collection.name}.description")
        _publisher(dataset, owner)
        _contact_point(dataset, edition, owner)
        for language in LANGUAGES:
            for key in ("activities", "resources", "culture"):
                _add(dataset, "dcat:keyword", i18n.t(language, f"open_data.keywords.{key}"), language=language)
            _add(dataset, "dcterms:language", resource=LANGUAGE_URIS[language])
        _add(dataset, "dcat:theme", resource=THEME)
        _add(dataset, "dcterms:accrualPeriodicity", resource=ACCRUAL_PERIODICITY)
        _add(dataset, "dcat:landingPage", resource=page)
        if platform is not None and platform.data.region_code:
            _add(dataset, "dcterms:spatial", resource=f"http://data.europa.eu/nuts/code/{platform.data.region_code}")
        for language in LANGUAGES:
            for extension, properties in FORMATS.items():
                holder = _add(dataset, "dcat:distribution")
                distribution = _add(holder, "dcat:Distribution",
                                    about=f"{roots[language]}{DATA_URL}#{collection.name}-{extension}")
                title = (f"{collection.plural(language).capitalize()} ({extension.upper()}, "
                         f"{i18n.t(language, 'languages.' + language).lower()})")
                _add(distribution, "dcterms:title", title, language=language)
                _add(distribution, "dcat:accessURL", resource=roots[language] + DATA_URL)
                _add(distribution, "dcat:downloadURL", resource=roots[language] + data_file_path(collection.name,
                                                                                                  extension))
                _add(distribution, "dcterms:format", resource=FILE_TYPES[extension])
                _add(distribution, "dcat:mediaType",
                     resource="https://www.iana.org/assignments/media-types/" + properties["mediatype"])
                _add(distribution, "dcterms:license", resource=DATA_LICENCE["url"])
                _add(distribution, "dcterms:language", resource=LANGUAGE_URIS[language])
                _add(distribution, "dcterms:conformsTo", resource=roots[language] + data_package_path())
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _publisher(parent: etree._Element, owner) -> None:
    if owner is None:
        return
    holder = _add(parent, "dcterms:publisher")
    agent = _add(holder, "foaf:Agent", about=publisher_uri(owner.org_number))
    for language in LANGUAGES:
        _add(agent, "foaf:name", owner.name(language), language=language)
    if owner.url:
        _add(agent, "foaf:homepage", resource=owner.url)


def _contact_point(parent: etree._Element, edition: Edition, owner) -> None:
    """Whom to ask about the data: the publisher, reached at the platform programme's first contact with an email
    (as its page shows), else through the data page."""
    platform = edition.site.by_id(PROGRAMMES, PLATFORM_PROGRAMME)
    people = edition.site.vocabularies["people"]
    emails = [people[person].email for person in (platform.data.contacts if platform else ()) if people[person].email]
    holder = _add(parent, "dcat:contactPoint")
    card = _add(holder, "vcard:Organization")
    _add(card, "vcard:fn", owner.name("sv") if owner else edition.t("open_data.package_title"))
    if emails:
        _add(card, "vcard:hasEmail", resource="mailto:" + emails[0])
    else:
        _add(card, "vcard:hasURL", resource=edition.roots["sv"] + DATA_URL)


def dcat_catalogue(edition: Edition) -> Iterator[SiteFile]:
    """The catalogue file, written by the Swedish build only (it names both languages' files)."""
    if edition.language == "sv":
        yield SiteFile(dcat_catalogue_path(), catalogue_rdf(edition))
