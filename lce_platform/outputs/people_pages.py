"""A page per person and organisation the content names (what they did, by programme), and their index.

What the pages say comes from the content only: a person's role and organisation as the vocabulary holds them, the
activities, programmes and resources that name them. The e-mail address and phone number of a person are shown
only when the content names them as a contact (the activity and programme pages already publish them there); no
photographs. A vocabulary entry the content never refers to gets no page (see facts/people.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from markupsafe import Markup

from lce_platform.content.collections import PROGRAMMES
from lce_platform.facts.people import PROGRAMME_ROLES
from lce_platform.facts.urls import PEOPLE_URL, organisation_url, person_url, relative_url
from lce_platform.outputs import i18n
from lce_platform.outputs.edition import Edition
from lce_platform.outputs.listing import activity_list
from lce_platform.outputs.people_links import organisation_link, person_link
from lce_platform.outputs.planned import GeneratedPage
from lce_platform.outputs.render import render
from lce_platform.outputs.resource_parts import resource_list


def _programme_heading(edition: Edition, programme_id: str | None, from_url: str) -> dict[str, Any]:
    programme = edition.site.by_id(PROGRAMMES, programme_id) if programme_id else None
    if programme is None:
        return {"title": edition.t("people.no_programme"), "url": None, "id": "no-programme"}
    return {"title": programme.title(edition.language), "url": relative_url(from_url, programme.url),
            "id": f"programme-{programme_id}"}


def person_page(edition: Edition, person_id: str) -> GeneratedPage:
    """One person's page: role and organisation, then per programme what they led, were the contact for or wrote."""
    found = edition.site.vocabularies["people"][person_id]
    listed: list[str] = []
    for programme_id, part in edition.people.people[person_id].items():
        programme = edition.site.by_id(PROGRAMMES, programme_id) if programme_id else None
        listed += [entry.src_uri for entry in part.entries()] + ([programme.src_uri] if programme else [])
    summary = edition.t("people.person_summary").format(name=found.name)
    return GeneratedPage(src_uri=person_url(person_id) + "index.md", title=found.name, summary=summary,
                         lists=tuple(dict.fromkeys(listed)), make_html=partial(_person_html, edition, person_id))


def _person_html(edition: Edition, person_id: str) -> str:
    page_url = person_url(person_id)
    language = edition.language
    found = edition.site.vocabularies["people"][person_id]
    programmes = []
    for programme_id, part in edition.people.people[person_id].items():
        programmes.append({
            **_programme_heading(edition, programme_id, page_url),
            "contact": part.contact,
            "led": Markup(activity_list(edition, part.led, page_url, heading_level=4)) if part.led else None,
            "contact_for": Markup(activity_list(edition, part.contact_for, page_url, heading_level=4))
            if part.contact_for else None,
            "authored": resource_list(edition, part.authored, page_url, heading_level=4) if part.authored else None,
        })
    contact = edition.people.person_is_contact(person_id)
    return render(
        "person.html", language,
        name=found.name,
        role=found.role(language) if found.role else None,
        organisation=organisation_link(edition, found.organisation, page_url) if found.organisation else None,
        email=found.email if contact else None,
        phone=found.phone if contact else None,
        programmes=programmes,
        index_url=relative_url(page_url, PEOPLE_URL),
    )


def organisation_page(edition: Edition, organisation_id: str) -> GeneratedPage:
    """One organisation's page: its roles in each programme and the named people who belong to it."""
    name = edition.site.vocabularies["organisations"][organisation_id].name(edition.language)
    listed = [edition.site.by_id(PROGRAMMES, programme_id).src_uri
              for programme_id in edition.people.organisations[organisation_id]]
    summary = edition.t("people.organisation_summary").format(name=name)
    return GeneratedPage(src_uri=organisation_url(organisation_id) + "index.md", title=name, summary=summary,
                         lists=tuple(dict.fromkeys(listed)), make_html=partial(_organisation_html, edition,
                                                                              organisation_id, name))


def _organisation_html(edition: Edition, organisation_id: str, name: str) -> str:
    page_url = organisation_url(organisation_id)
    language = edition.language
    found = edition.site.vocabularies["organisations"][organisation_id]
    programmes = []
    for programme_id, part in edition.people.organisations[organisation_id].items():
        programme = edition.site.by_id(PROGRAMMES, programme_id).data
        programmes.append({
            **_programme_heading(edition, programme_id, page_url),
            "roles": _roles_text([edition.t(f"people.roles.{role}") for role in PROGRAMME_ROLES if role in part.roles]),
            "period": i18n.programme_period(programme, language),
            "period_start": programme.start.iso() if programme.start else None,
        })
    members = [
        {**person_link(edition, person_id, page_url),
         "role": role(language) if (role := edition.site.vocabularies["people"][person_id].role) else None}
        for person_id in edition.people.members[organisation_id]
    ]
    return render(
        "organisation.html", language,
        name=name,
        organisation=found,
        programmes=programmes,
        members=members,
        index_url=relative_url(page_url, PEOPLE_URL),
    )


def _roles_text(labels: list[str]) -> str:
    # In a running list only the first word keeps its capital ("Projektägare, finansiär").
    return ", ".join([labels[0], *(label[:1].lower() + label[1:] for label in labels[1:])]) if labels else ""


def _by_name(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda row: (row["name"].casefold(), row["name"]))


def people_index(edition: Edition) -> GeneratedPage:
    """Every person and organisation the content names, by name, with their role and organisation."""
    title = edition.t("people.title")
    return GeneratedPage(src_uri=PEOPLE_URL + "index.md", title=title, summary=edition.t("people.summary"),
                         make_html=partial(_people_index_html, edition, title))


def _people_index_html(edition: Edition, title: str) -> str:
    page_url = PEOPLE_URL
    language = edition.language
    vocabulary = edition.site.vocabularies["people"]
    people = _by_name([
        {**person_link(edition, person_id, page_url),
         "role": vocabulary[person_id].role(language) if vocabulary[person_id].role else None,
         "organisation": organisation_link(edition, vocabulary[person_id].organisation, page_url)["name"]
         if vocabulary[person_id].organisation else None}
        for person_id in edition.people.people
    ])
    organisations = _by_name([organisation_link(edition, organisation_id, page_url)
                              for organisation_id in edition.people.organisations])
    return render("people.html", language, title=title, people=people, organisations=organisations)


def people_and_organisation_pages(edition: Edition) -> Iterator[GeneratedPage]:
    """The index of people and organisations, a page per named person and one per named organisation."""
    if not (edition.people.people or edition.people.organisations):
        return
    yield people_index(edition)
    for person_id in edition.people.people:
        yield person_page(edition, person_id)
    for organisation_id in edition.people.organisations:
        yield organisation_page(edition, organisation_id)
