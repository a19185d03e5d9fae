"""Who the content names, and for what: per person and organisation, their part in each programme.

A person or organisation is "named" when an activity, programme or resource refers to them (a person also through
being an author), or, for an organisation, when a named person belongs to it. Only those get a page: a vocabulary
entry nothing refers to would make a page with nothing on it but a name. Computed once per build, in no language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lce_platform.content.collections import ACTIVITIES, PROGRAMMES
from lce_platform.content.site import Entry, Site
from lce_platform.facts.timeline import PHASES, Phase

PROGRAMME_ROLES = ("owner", "funder", "partner")
"""An organisation's roles in a programme, in the order a page names them."""


@dataclass
class PersonInProgramme:
    """What one person did in one programme (None: resources that belong to no programme)."""

    programme: str | None
    contact: bool = False
    """A contact person of the programme itself."""
    led: list[Entry] = field(default_factory=list)
    contact_for: list[Entry] = field(default_factory=list)
    authored: list[Entry] = field(default_factory=list)

    def entries(self) -> list[Entry]:
        """Every activity and resource listed for this programme."""
        return [*self.led, *self.contact_for, *self.authored]


@dataclass
class OrganisationInProgramme:
    """An organisation's roles in one programme."""

    programme: str
    roles: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PeopleIndex:
    """The people and organisations the content names, each with what it names them for, in reading order:
    programmes in the order of the content, activities ongoing and upcoming first, then past (as listings order
    them), resources newest first."""

    people: dict[str, dict[str | None, PersonInProgramme]]
    """Per named person (in the vocabulary's order): their part in each programme."""
    organisations: dict[str, dict[str, OrganisationInProgramme]]
    """Per named organisation (in the vocabulary's order): its roles in each programme."""
    members: dict[str, list[str]]
    """Per named organisation: the named people who belong to it."""

    @classmethod
    def of(cls, site: Site, phases: dict[Phase, list[Entry]], resources: list[Entry]) -> PeopleIndex:
        """Build the index from the activities by phase and the resources in reading order."""
        programme_order = {entry.id: number for number, entry in enumerate(site.collection(PROGRAMMES))}
        found: dict[str, dict[str | None, PersonInProgramme]] = {}

        def part(person: str, programme: str | None) -> PersonInProgramme:
            return found.setdefault(person, {}).setdefault(programme, PersonInProgramme(programme))

        for entry in site.collection(PROGRAMMES):
            for person in entry.data.contacts:
                part(person, entry.id).contact = True
        for name in PHASES:
            for entry in phases[name]:
                for person in entry.data.facilitators:
                    part(person, entry.data.programme).led.append(entry)
                for person in entry.data.contact:
                    part(person, entry.data.programme).contact_for.append(entry)
        for entry in resources:
            programme = resource_programme(site, entry)
            for person in entry.data.authors:
                part(person, programme).authored.append(entry)

        def in_order(parts: dict[str | None, PersonInProgramme]) -> dict[str | None, PersonInProgramme]:
            # Programmes as the content lists them; what belongs to no programme last.
            ordered = sorted(parts, key=lambda key: (key is None, programme_order.get(key or "", 0)))
            return {key: parts[key] for key in ordered}

        people = {person: in_order(found[person]) for person in site.vocabularies["people"] if person in found}

        roles: dict[str, dict[str, OrganisationInProgramme]] = {}
        for entry in site.collection(PROGRAMMES):
            programme = entry.data
            named = [("owner", programme.owner), *(("funder", funder) for funder in programme.funders),
                     *(("partner", partner) for partner in programme.partners)]
            for role, organisation in named:
                if organisation is None:
                    continue
                found_roles = roles.setdefault(organisation, {}).setdefault(entry.id, OrganisationInProgramme(entry.id))
                if role not in found_roles.roles:
                    found_roles.roles.append(role)
        members: dict[str, list[str]] = {}
        vocabulary = site.vocabularies["people"]
        for person in people:
            if vocabulary[person].organisation:
                members.setdefault(vocabulary[person].organisation, []).append(person)
        organisations = {
            organisation: roles.get(organisation, {})
            for organisation in site.vocabularies["organisations"] if organisation in roles or organisation in members
        }
        return cls(people, organisations, {key: members.get(key, []) for key in organisations})

    def person_is_contact(self, person: str) -> bool:
        """Whether the content names the person as a contact (of a programme or an activity): only then does the
        site show the e-mail address and phone number the vocabulary holds."""
        return any(part.contact or part.contact_for for part in self.people.get(person, {}).values())


def resource_programme(site: Site, entry: Entry) -> str | None:
    """The programme a resource belongs to: its own, else its activity's."""
    if entry.data.programme:
        return entry.data.programme
    activity = site.by_id(ACTIVITIES, entry.data.activity) if entry.data.activity else None
    return activity.data.programme if activity is not None else None
