"""Checks of JSON-LD against the schema.org vocabulary (offline copy in tests/data) and Google's rules."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import extruct

VOCABULARY_FILE = Path(__file__).resolve().parent / "data" / "schemaorg-vocabulary.json"
SCHEMA = "https://schema.org/"

# Google Search's structured data rules: properties it requires, and those it recommends that our
# content always has (endDate, performer and the like are recommended but not always known).
EVENT_REQUIRED = ("name", "startDate", "location")
EVENT_RECOMMENDED = ("description", "eventStatus", "image", "offers", "organizer")
REQUIRED = {
    "Event": EVENT_REQUIRED,
    "Course": ("name", "description"),
    "CourseInstance": ("courseMode",) + EVENT_REQUIRED,
    "VideoObject": ("name", "thumbnailUrl", "uploadDate"),
    "Article": ("headline",),
    "LearningResource": ("name",),
    "WebSite": ("name", "url"),
    "Organization": ("name",),
    "Person": ("name",),
    "ProfilePage": ("mainEntity",),
    "Place": ("address",),
    "VirtualLocation": ("url",),
    "Offer": ("price", "priceCurrency"),
}
RECOMMENDED = {
    "Event": EVENT_RECOMMENDED,
    "Course": ("provider", "offers", "hasCourseInstance"),
    "CourseInstance": EVENT_RECOMMENDED,
    "VideoObject": ("description",),
    "Article": ("author", "datePublished", "image"),
    "LearningResource": ("description", "datePublished", "learningResourceType"),
    "Offer": ("availability", "url"),
}


@cache
def vocabulary() -> dict[str, Any]:
    """The offline schema.org vocabulary: types with parents and properties, enumerations with members."""
    return json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))


def ancestors(type_name: str) -> list[str]:
    """A type and every type it inherits from."""
    types = vocabulary()["types"]
    found, pending = [], [type_name]
    while pending:
        current = pending.pop()
        if current not in found and current in types:
            found.append(current)
            pending.extend(types[current]["parents"])
    return found


def properties_of(type_name: str) -> set[str]:
    """Every property a type has, its own and inherited."""
    types = vocabulary()["types"]
    return {name for ancestor in ancestors(type_name) for name in types[ancestor]["properties"]}


def enumeration_members() -> set[str]:
    """Every member of every schema.org enumeration (EventScheduled, SoldOut, …)."""
    return {member for members in vocabulary()["enumerations"].values() for member in members}


def nodes(data: Any) -> list[dict[str, Any]]:
    """Every JSON object with an @type inside a JSON-LD document."""
    found = []
    if isinstance(data, dict):
        if "@type" in data:
            found.append(data)
        for value in data.values():
            found.extend(nodes(value))
    elif isinstance(data, list):
        for item in data:
            found.extend(nodes(item))
    return found


def vocabulary_problems(document: dict[str, Any]) -> list[str]:
    """Types, properties and enumeration values of a document that schema.org does not have."""
    problems = []
    types = vocabulary()["types"]
    members = enumeration_members()
    for node in nodes(document):
        type_name = node["@type"]
        if type_name not in types:
            problems.append(f"@type {type_name} is not a schema.org type")
            continue
        allowed = properties_of(type_name)
        for name, value in node.items():
            if not name.startswith("@") and name not in allowed:
                problems.append(f"{type_name}.{name} is not a schema.org property of {type_name}")
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str) and item.startswith(SCHEMA) and item.removeprefix(SCHEMA) not in members:
                    problems.append(f"{type_name}.{name}: {item} is not a schema.org enumeration member")
    return problems


# Rules of these types are for the type itself, not its subtypes (an AdministrativeArea is a Place
# but is named, not addressed).
OWN_RULES_ONLY = {"Place"}


def rule_type(type_name: str) -> str | None:
    """The type whose Google rules apply (EducationEvent follows Event's, Report follows Article's)."""
    for ancestor in ancestors(type_name):
        if ancestor in REQUIRED and (ancestor == type_name or ancestor not in OWN_RULES_ONLY):
            return ancestor
    return None


def property_problems(document: dict[str, Any], dated: bool = True, described: bool = True,
                      bookable: bool = True) -> list[str]:
    """Required and recommended properties missing from any node of a document. Not `dated`: the page is of an
    activity whose date has not been announced, so its events rightly have no startDate (Google then shows no event
    result for it; a made-up date would be false). Not `described`: the activity has no summary (its sources give
    only its title), so its events rightly have no description. Not `bookable`: the activity has been held, so its
    offer rightly names no availability (its places are neither to be had nor sold out)."""
    problems = []
    for node in nodes(document):
        rules = rule_type(node["@type"])
        if rules is None:
            continue
        for name in REQUIRED.get(rules, ()):
            if name == "startDate" and not dated:
                continue
            if node.get(name) in (None, "", []):
                problems.append(f"{node['@type']} lacks required {name}")
        for name in RECOMMENDED.get(rules, ()):
            if (name == "description" and not described) or (name == "availability" and not bookable):
                continue
            if node.get(name) in (None, "", []):
                problems.append(f"{node['@type']} lacks recommended {name}")
    return problems


def jsonld_of(html: str) -> list[dict[str, Any]]:
    """The JSON-LD documents of an HTML page, as extruct reads them."""
    return extruct.extract(html, syntaxes=["json-ld"], uniform=False)["json-ld"]
