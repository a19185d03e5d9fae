"""Structured data (schema.org JSON-LD) of every page, built from the content model.

Plain functions return plain dicts; `jsonld_text` serializes them so the text is safe inside a
<script> element. Dates keep the precision staff wrote: an activity known only by its month says
"2024-11", never a made-up day (schema.org dates are ISO 8601, which allows reduced precision; a season
gives its year). An activity whose start is not announced has no startDate: schema.org requires no
property, and a made-up one would be false (search engines then show no event result for it).
"""

from __future__ import annotations

import json
from typing import Any

from lce_platform.facts.history import as_datetime, entry_changed
from lce_platform.content.model import ONLINE, Activity, Programme, Resource, Session
from lce_platform.content.moments import Moment
from lce_platform.facts.urls import organisation_url, person_url
from lce_platform.outputs.activity_state import activity_state
from lce_platform.outputs.sharing import page_address, share_image
from lce_platform.outputs.video import video_of

from lce_platform.content.collections import ACTIVITIES, PROGRAMMES
from lce_platform.content.site import Entry
from lce_platform.outputs.edition import Edition
from lce_platform.outputs.planned import GeneratedPage

SCHEMA = "https://schema.org"
EVENT_STATUS = {
    "scheduled": "EventScheduled",
    "full": "EventScheduled",
    "waitlist": "EventScheduled",
    "cancelled": "EventCancelled",
    "postponed": "EventPostponed",
    "moved-online": "EventMovedOnline",
}
# A waiting list is not a seat: both mean no place can be booked now.
AVAILABILITY = {"full": "SoldOut", "waitlist": "SoldOut", "cancelled": "Discontinued"}
LICENSES = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC-BY-NC-4.0": "https://creativecommons.org/licenses/by-nc/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}
RESOURCE_TYPES = {
    "recording": "VideoObject",
    "case-study": "Article",
    "report": "Report",
    "material": "LearningResource",
    "tutorial": "LearningResource",
}
COURSE_MODES = {"OfflineEventAttendanceMode": "Onsite", "OnlineEventAttendanceMode": "Online",
                "MixedEventAttendanceMode": "Blended"}


def jsonld_text(data: dict[str, Any]) -> str:
    """JSON for a <script type="application/ld+json">: '<', '>' and '&' escaped so no text can close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _enum(name: str) -> str:
    return f"{SCHEMA}/{name}"


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def _date(moment: Moment | None) -> str | None:
    return moment.machine() if moment is not None else None


# Things the pages refer to ----------------------------------------------------------------------


def organisation(edition: Edition, organisation_id: str) -> dict[str, Any]:
    """An organisation of the vocabulary as a schema.org Organization."""
    found = edition.site.vocabularies["organisations"][organisation_id]
    address = _compact({"@type": "PostalAddress", "addressLocality": found.locality,
                        "addressCountry": found.country})
    # One identity in both languages: the Swedish page's address (or, without a page, the site's).
    has_page = organisation_id in edition.people.organisations
    return _compact({
        "@type": "Organization",
        "@id": f"{edition.roots['sv']}{organisation_url(organisation_id)}#organisation" if has_page
        else f"{edition.roots['sv']}#organisation-{organisation_id}",
        "name": found.name(edition.language),
        "url": found.url,
        "identifier": found.org_number,
        "address": address if len(address) > 2 else None,
    })


def person(edition: Edition, person_id: str) -> dict[str, Any]:
    """A person of the vocabulary as a schema.org Person (name, role and organisation; no contact details),
    identified by their page when the content names them."""
    found = edition.site.vocabularies["people"][person_id]
    has_page = person_id in edition.people.people
    return _compact({
        "@type": "Person",
        "@id": f"{edition.roots['sv']}{person_url(person_id)}#person" if has_page else None,
        "name": found.name,
        "url": page_address(edition, person_url(person_id)) if has_page else None,
        "jobTitle": found.role(edition.language) if found.role else None,
        "affiliation": organisation(edition, found.organisation) if found.organisation else None,
    })


def place(edition: Edition, venue_id: str) -> dict[str, Any]:
    """A venue as a schema.org Place with its PostalAddress."""
    venue = edition.site.vocabularies["venues"][venue_id]
    address = venue.address
    return _compact({
        "@type": "Place",
        "name": venue.name,
        "url": venue.url,
        "address": _compact({
            "@type": "PostalAddress", "streetAddress": address.street, "postalCode": address.postal_code,
            "addressLocality": address.locality, "addressCountry": address.country,
        }),
    })


def audience(edition: Edition, sectors: tuple[str, ...]) -> list[dict[str, Any]]:
    """The sectors something is for, as schema.org Audiences ('all' is every sector)."""
    vocabulary = edition.site.vocabularies["sectors"]
    chosen = list(vocabulary) if sectors == ("all",) else list(sectors)
    return [{"@type": "Audience", "audienceType": vocabulary[sector].label(edition.language)} for sector in chosen]


def programme_of(edition: Edition, programme_id: str | None) -> Programme | None:
    """A programme's data by its id."""
    entry = edition.site.by_id(PROGRAMMES, programme_id) if programme_id else None
    return entry.data if entry is not None else None


def site_owner_id(edition: Edition) -> str | None:
    """The organisation that runs the site: the owner of the first programme that names one."""
    for entry in edition.site.collection(PROGRAMMES):
        if entry.data.owner:
            return entry.data.owner
    return None


# Activities ---------------------------------------------------------------------------------------


def _venues(activity: Activity) -> list[str]:
    venues = [activity.venue] + [session.venue or activity.venue for session in activity.sessions]
    return list(dict.fromkeys(venue for venue in venues if venue))


def attendance_mode(activity: Activity, venues: list[str] | None = None) -> str | None:
    """Offline, online or mixed, from the venues of the activity and its sessions (None when none is known)."""
    venues = _venues(activity) if venues is None else venues
    online = ONLINE in venues or activity.status.value == "moved-online"
    physical = any(venue != ONLINE for venue in venues)
    if online and physical:
        return "MixedEventAttendanceMode"
    if online:
        return "OnlineEventAttendanceMode"
    return "OfflineEventAttendanceMode" if physical else None


def locations(edition: Edition, activity: Activity, venues: list[str], page: str) -> list[dict[str, Any]]:
    """Where an activity happens: Places for its venues, a VirtualLocation when it is online.

    With no venue written, the programme's region is what is known: the place is given as that
    region rather than left out (search engines require a location for an event).
    """
    found = [place(edition, venue) for venue in venues if venue != ONLINE]
    if ONLINE in venues or activity.status.value == "moved-online":
        online_url = activity.registration if (activity.registration or "").startswith("https://") else page
        found.append({"@type": "VirtualLocation", "url": online_url})
    if not found:
        programme = programme_of(edition, activity.programme)
        region = programme.region if programme else None
        if region:
            found.append({"@type": "Place", "name": region,
                          "address": {"@type": "PostalAddress", "addressRegion": region, "addressCountry": "SE"}})
    return found


def _one_or_list(items: list[Any]) -> Any:
    return items[0] if len(items) == 1 else (items or None)


def offer(activity: Activity, page: str, course: bool = False, held: bool = False) -> dict[str, Any]:
    """The free place at an activity as a schema.org Offer (price 0 SEK). Once the activity has been held, its places
    are neither to be had nor sold out: the offer names no availability and links to the page, not to a registration
    that has closed."""
    registration = activity.registration if (activity.registration or "").startswith("https://") else None
    return _compact({
        "@type": "Offer",
        "price": 0,
        "priceCurrency": "SEK",
        "availability": None if held else _enum(AVAILABILITY.get(activity.status.value, "InStock")),
        "url": page if held or registration is None else registration,
        "category": "Free" if course else None,
    })


def session_event(edition: Edition, activity: Activity, session: Session, number: int, title: str,
                  page: str, shared: dict[str, Any]) -> dict[str, Any]:
    """One meeting of an activity as a sub-event (with the activity's description, organizer and offer)."""
    venues = [session.venue or activity.venue] if (session.venue or activity.venue) else []
    return _compact({
        "@type": "Event",
        "name": session.title or f"{title} ({number}/{len(activity.sessions)})",
        **shared,
        "startDate": _date(session.start),
        "endDate": _date(session.end),
        "eventStatus": _enum(EVENT_STATUS[activity.status.value]),
        "eventAttendanceMode": _enum(mode) if (mode := attendance_mode(activity, venues)) else None,
        "location": _one_or_list(locations(edition, activity, venues, page)),
        "url": page,
    })


def activity_jsonld(edition: Edition, entry: Entry, page: str) -> dict[str, Any]:
    """An activity as a schema.org Event (its type's schema_type), or a Course with a CourseInstance."""
    activity: Activity = entry.data
    language = edition.language
    title, summary = entry.title(language), entry.text("summary", language)
    programme = programme_of(edition, activity.programme)
    owner = organisation(edition, programme.owner) if programme and programme.owner else None
    funders = [organisation(edition, funder) for funder in programme.funders] if programme else []
    venues = _venues(activity)
    mode = attendance_mode(activity, venues)
    # A Course needs the mode of its instance; when the content does not say where it is held,
    # describe it as the education event it is rather than claim a mode.
    course = edition.site.vocabularies["activity-types"][activity.type].schema_type == "Course" and mode is not None
    shared = {
        "description": summary,
        "image": share_image(edition, entry.src_uri),
        "organizer": owner,
        "offers": offer(activity, page, course=course, held=activity_state(activity, edition.today).held),
    }
    event = {
        "name": title,
        "url": page,
        **shared,
        "startDate": _date(activity.start),
        "endDate": _date(activity.end),
        "eventStatus": _enum(EVENT_STATUS[activity.status.value]),
        "eventAttendanceMode": _enum(mode) if mode else None,
        "location": _one_or_list(locations(edition, activity, venues, page)),
        "inLanguage": activity.language.value if activity.language else None,
        "isAccessibleForFree": True,
        "subEvent": [session_event(edition, activity, session, number, title, page, shared)
                     for number, session in enumerate(activity.sessions, start=1)],
    }
    facilitators = [person(edition, person_id) for person_id in activity.facilitators]
    if not course:
        schema_type = edition.site.vocabularies["activity-types"][activity.type].schema_type
        return _compact({
            "@context": SCHEMA,
            "@type": "EducationEvent" if schema_type == "Course" else schema_type,
            **event,
            "performer": facilitators,
            "funder": funders,
            "audience": audience(edition, activity.sectors),
        })
    instance = _compact({
        "@type": "CourseInstance", **event,
        "courseMode": COURSE_MODES.get(mode or ""),
        "instructor": facilitators,
    })
    return _compact({
        "@context": SCHEMA,
        "@type": "Course",
        "name": title,
        "description": summary,
        "url": page,
        "image": event["image"],
        "provider": owner,
        "inLanguage": event["inLanguage"],
        "isAccessibleForFree": True,
        "funder": funders,
        "audience": audience(edition, activity.sectors),
        "offers": shared["offers"],
        "hasCourseInstance": instance,
    })


# Resources ----------------------------------------------------------------------------------------


def resource_jsonld(edition: Edition, entry: Entry, page: str) -> dict[str, Any]:
    """A resource: recording as VideoObject, case study as Article, report as Report, others LearningResource."""
    resource: Resource = entry.data
    language = edition.language
    title, summary = entry.title(language), entry.text("summary", language)
    activity_entry = edition.site.by_id(ACTIVITIES, resource.activity) if resource.activity else None
    programme_id = resource.programme or (activity_entry.data.programme if activity_entry else None)
    programme = programme_of(edition, programme_id)
    # The platform publishes every resource; a programme's own owner only when it has one.
    owner_id = programme.owner if programme and programme.owner else site_owner_id(edition)
    publisher = organisation(edition, owner_id) if owner_id else None
    authors = [person(edition, person_id) for person_id in resource.authors]
    changed = entry_changed(edition.history, entry, language)
    common = {
        "@context": SCHEMA,
        "@type": RESOURCE_TYPES[resource.kind.value],
        "name": title,
        "description": summary,
        "url": page,
        "inLanguage": resource.language.value if resource.language else None,
        "license": LICENSES.get(resource.license.value) if resource.license else None,
        "author": authors or publisher,
        "publisher": publisher,
        "audience": audience(edition, resource.sectors),
        "isAccessibleForFree": True,
        "dateModified": as_datetime(changed).isoformat() if changed else None,
        "recordedAt": {"@id": page_address(edition, activity_entry.url)} if activity_entry
        and resource.kind.value == "recording" else None,
    }
    if resource.kind.value == "recording":
        video = video_of(resource.video)
        return _compact({
            **common,
            "thumbnailUrl": [resource.thumbnail or video.thumbnail_url or share_image(edition, entry.src_uri)],
            "uploadDate": _date(resource.date),
            "duration": resource.duration,
            "embedUrl": video.embed_url,
            "contentUrl": video.content_url,
            "transcript": entry.text("transcript", language),
            "caption": [{"@type": "MediaObject", "contentUrl": caption.src, "encodingFormat": "text/vtt",
                         "inLanguage": caption.language.value} for caption in resource.captions],
        })
    document = {
        **common,
        "headline": title[:110],
        "image": share_image(edition, entry.src_uri),
        "datePublished": _date(resource.date),
        "sameAs": resource.url,
    }
    if common["@type"] == "LearningResource":
        document["learningResourceType"] = resource.kind.value
    return _compact(document)


# Programmes and other pages -----------------------------------------------------------------------


def programme_jsonld(edition: Edition, entry: Entry, page: str) -> dict[str, Any]:
    """A programme as a schema.org Project (an Organization) with its owner, funders and partners."""
    programme: Programme = entry.data
    language = edition.language
    region = entry.text("region", language)
    return _compact({
        "@context": SCHEMA,
        "@type": "Project",
        "@id": page + "#project",
        "name": entry.title(language),
        "description": entry.text("summary", language),
        "url": page,
        "sameAs": programme.website,
        "parentOrganization": organisation(edition, programme.owner) if programme.owner else None,
        "funder": [organisation(edition, funder) for funder in programme.funders],
        "member": [organisation(edition, partner) for partner in programme.partners],
        "foundingDate": _date(programme.start),
        "dissolutionDate": _date(programme.end),
        "identifier": programme.reference,
        "areaServed": _compact({"@type": "AdministrativeArea", "name": region,
                                "identifier": programme.region_code}) if region else None,
    })


def website_jsonld(edition: Edition, entry: Entry | None, page: str) -> dict[str, Any]:
    """The home page: the WebSite and the Organization that runs it."""
    owner_id = site_owner_id(edition)
    owner = organisation(edition, owner_id) if owner_id else None
    website = _compact({
        "@type": "WebSite",
        "@id": edition.roots[edition.language] + "#website",
        "name": edition.site_name,
        "description": entry.text("summary", edition.language) if entry else None,
        "url": edition.roots[edition.language],
        "inLanguage": edition.language,
        "publisher": {"@id": owner["@id"]} if owner else None,
    })
    return {"@context": SCHEMA, "@graph": [website, owner] if owner else [website]}


def webpage_jsonld(edition: Edition, title: str, summary: str | None, page: str) -> dict[str, Any]:
    """Any other page as a schema.org WebPage of the site."""
    return _compact({
        "@context": SCHEMA,
        "@type": "WebPage",
        "name": title,
        "description": summary,
        "url": page,
        "inLanguage": edition.language,
        "isPartOf": {"@id": edition.roots[edition.language] + "#website"},
    })


def profile_jsonld(edition: Edition, src_uri: str, page: str, generated: GeneratedPage) -> dict[str, Any] | None:
    """The page of a person or organisation the content names: a ProfilePage about them (None for other pages)."""
    parts = src_uri.split("/")
    key = parts[1] if len(parts) == 3 else ""
    if src_uri == person_url(key) + "index.md" and key in edition.people.people:
        subject = person(edition, key)
    elif src_uri == organisation_url(key) + "index.md" and key in edition.people.organisations:
        subject = organisation(edition, key)
    else:
        return None
    return _compact({
        "@context": SCHEMA,
        "@type": "ProfilePage",
        "name": generated.title,
        "description": generated.summary,
        "url": page,
        "inLanguage": edition.language,
        "isPartOf": {"@id": edition.roots[edition.language] + "#website"},
        "mainEntity": subject,
    })


def page_jsonld(edition: Edition, src_uri: str, page_url: str, generated: GeneratedPage | None) -> dict[str, Any]:
    """The structured data of one page, `generated` or not, by what the page shows."""
    page = page_address(edition, page_url)
    entry = edition.entry(src_uri)
    if src_uri == "index.md":
        return website_jsonld(edition, entry, page)
    if entry is None and generated is not None and (profile := profile_jsonld(edition, src_uri, page, generated)):
        return profile
    if entry is None:
        title = generated.title if generated else edition.site_name
        return webpage_jsonld(edition, title, generated.summary if generated else None, page)
    if isinstance(entry.data, Activity):
        return activity_jsonld(edition, entry, page)
    if isinstance(entry.data, Resource):
        return resource_jsonld(edition, entry, page)
    if isinstance(entry.data, Programme):
        return programme_jsonld(edition, entry, page)
    return webpage_jsonld(edition, entry.title(edition.language), entry.text("summary", edition.language), page)


def jsonld_context(edition: Edition, src_uri: str, page_url: str, generated: GeneratedPage | None) -> dict[str, Any]:
    """The page's JSON-LD, already serialized for its <script> element."""
    return {"jsonld": jsonld_text(page_jsonld(edition, src_uri, page_url, generated))}
