"""People and organisations as names linked to their pages, wherever a page names them."""

from __future__ import annotations

from typing import Any

from lce_platform.facts.urls import organisation_url, person_url, relative_url
from lce_platform.outputs.edition import Edition


def person_link(edition: Edition, person_id: str, from_url: str) -> dict[str, Any]:
    """A person as a name and a link to their page (None when the content does not name them)."""
    found = edition.site.vocabularies["people"][person_id]
    has_page = person_id in edition.people.people
    return {"name": found.name, "url": relative_url(from_url, person_url(person_id)) if has_page else None,
            "person": found}


def organisation_link(edition: Edition, organisation_id: str, from_url: str) -> dict[str, Any]:
    """An organisation as its name in the build's language and a link to its page (None without one)."""
    found = edition.site.vocabularies["organisations"][organisation_id]
    has_page = organisation_id in edition.people.organisations
    return {"name": found.name(edition.language),
            "url": relative_url(from_url, organisation_url(organisation_id)) if has_page else None,
            "organisation": found}
