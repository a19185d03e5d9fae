"""The site's addresses: where a content file's page is, and how one page links to another.

Every address is relative to a language root ('' is the home page): each page and file the build makes is named
here, once. It imports only a constant of the content model, so the loader may use it too.
"""

from __future__ import annotations

import posixpath
from datetime import UTC, date, datetime
from urllib.parse import quote, urlencode

from lce_platform.content.model import ALL_SECTORS


def url_of(src_uri: str) -> str:
    """The directory-style URL MkDocs gives a Markdown file (relative to the language root)."""
    stem = src_uri[: -len(".md")]
    if posixpath.basename(stem) in ("index", "README"):
        parent = posixpath.dirname(stem)
        return parent + "/" if parent else ""
    return stem + "/"


def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url`, both directory-style URLs under one root."""
    # What posixpath.relpath gives, on the path segments (lists link tens of thousands of times per build).
    source = [part for part in from_url.split("/") if part]
    destination = [part for part in to_url.split("/") if part]
    common = 0
    while common < min(len(source), len(destination)) and source[common] == destination[common]:
        common += 1
    target = "/".join([".."] * (len(source) - common) + destination[common:]) or "."
    if to_url.endswith("/") or to_url == "":
        target = target.rstrip("/") + "/" if target != "." else "./"
    return target


HOME_SRC_URI = "index.md"
CALENDAR_URL = "calendar/"
SUBSCRIBE_URL = "calendar/subscribe/"
STAFF_URL = "staff/"
ICALENDAR_FILE = "calendar.ics"
ATOM_FILE = "feed.xml"
SITEMAP_FILE = "sitemap.xml"
SHARE_CARD_FOLDER = "assets/share"
DATA_URL = "data/"
DATA_PACKAGE_FILE = "datapackage.json"
DCAT_CATALOGUE_FILE = "catalog.rdf"


def sitemap_part_file(number: int) -> str:
    """Path of the numbered sitemap a sitemap index names (a site of more than 50,000 addresses)."""
    return f"sitemap-{number}.xml"


CALENDAR_UNDATED_URL = CALENDAR_URL + "undated/"


def calendar_year_url(year: int | None) -> str:
    """URL of the calendar page of one year; None: the page of activities whose year is not known."""
    return CALENDAR_UNDATED_URL if year is None else f"{CALENDAR_URL}{year}/"


def library_url(kind: str | None = None) -> str:
    """URL of the library page of one kind of resource, or of the whole library."""
    return f"library/{kind}/" if kind else "library/"


def sector_url(sector: str | None = None) -> str:
    """URL of a sector's page, or of the sectors overview."""
    return f"sectors/{sector}/" if sector and sector != ALL_SECTORS else "sectors/"


def type_url(activity_type: str | None = None) -> str:
    """URL of the page of one activity type, or of the overview of types."""
    return f"types/{activity_type}/" if activity_type else "types/"


def area_url(area_id: str) -> str:
    """URL of a programme area's page."""
    return f"areas/{area_id}/"


PEOPLE_URL = "people/"
"""The index of the people and organisations the content names."""


def person_url(person_id: str) -> str:
    """URL of the page of a person of the people vocabulary."""
    return f"{PEOPLE_URL}{person_id}/"


def organisation_url(organisation_id: str) -> str:
    """URL of the page of an organisation of the organisations vocabulary."""
    return f"organisations/{organisation_id}/"


def atom_feed_path(sector: str | None = None) -> str:
    """Where an Atom feed lives: feed.xml, or sectors/<sector>/feed.xml."""
    return ATOM_FILE if sector is None else f"{sector_url(sector)}{ATOM_FILE}"


def sector_calendar_path(sector: str) -> str:
    """Path of a sector's iCalendar feed."""
    return f"{sector_url(sector)}{ICALENDAR_FILE}"


def area_calendar_path(area: str) -> str:
    """Path of a programme area's iCalendar feed."""
    return f"{area_url(area)}{ICALENDAR_FILE}"


def activity_calendar_path(page_url: str) -> str:
    """Path of the .ics file of the activity page at `page_url` (its own, or a copy at a moved page's old address):
    inside the page's folder, named after it."""
    return f"{page_url}{page_url.rstrip('/').rsplit('/', 1)[-1]}.ics"


def share_card_path(key: str, digest: str) -> str:
    """Where a share image of a kind of page lives; named by a digest of what it shows, so a new text is a new
    address."""
    return f"{SHARE_CARD_FOLDER}/{key}-{digest}.png"


def data_file_path(collection: str, extension: str) -> str:
    """Where a collection's open data file lives, e.g. data/activities.csv."""
    return f"{DATA_URL}{collection}.{extension}"


def data_package_path() -> str:
    """Path of the Frictionless Data Package describing the open data files."""
    return DATA_URL + DATA_PACKAGE_FILE


def dcat_catalogue_path() -> str:
    """Path of the DCAT-AP-SE catalogue of the open data (at the Swedish root: the address given to dataportal.se)."""
    return DATA_URL + DCAT_CATALOGUE_FILE


IMPACT_URL = "impact/"


def impact_url(programme: str | None = None) -> str:
    """URL of a programme's impact page, or of the platform's (every programme together)."""
    return f"{IMPACT_URL}{programme}/" if programme else IMPACT_URL


def impact_chart_path(programme: str | None, chart: str) -> str:
    """Path of one chart (SVG) of an impact page, beside the page."""
    return f"{impact_url(programme)}{chart}.svg"


def page_share_card_path(page_url: str, digest: str) -> str:
    """Where the share image of one page (an activity, a resource) lives: beside the others, under the page's own
    path, named by a digest of what it shows."""
    return f"{SHARE_CARD_FOLDER}/{page_url.rstrip('/')}-{digest}.png"


# Calendar services. A visitor's phone or browser gets an event or a feed through an ordinary link: nothing is sent
# to these hosts until the visitor follows one. Their query formats are undocumented but long stable.
GOOGLE_CALENDAR = "https://calendar.google.com/calendar/"
OUTLOOK_HOSTS = {"outlook": "https://outlook.live.com/", "microsoft365": "https://outlook.office.com/"}
"""Outlook.com (personal accounts) and Outlook on the web of Microsoft 365 (work or school): one path, two hosts."""


def webcal_address(address: str) -> str:
    """A feed's https:// address as a webcal:// link, which Apple's calendars (and Outlook for Windows) subscribe to."""
    return "webcal://" + address.split("://", 1)[-1]


def _query(parameters: dict[str, str | None]) -> str:
    return urlencode({key: value for key, value in parameters.items() if value}, quote_via=quote)


def _compact(moment: date | datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S") if isinstance(moment, datetime) else moment.strftime("%Y%m%d")


def _utc(moment: date | datetime) -> str:
    if isinstance(moment, datetime):
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return moment.isoformat()


def _timezone(starts: date | datetime) -> str | None:
    return getattr(starts.tzinfo, "key", None) if isinstance(starts, datetime) else None


def google_calendar_event_url(title: str, starts: date | datetime, ends: date | datetime | None, details: str,
                              location: str | None) -> str:
    """A link that opens Google Calendar with the event filled in, from a VEVENT's DTSTART and DTEND.

    Times are the event's local clock times with its zone (`ctz`), as the VEVENT writes them (TZID); whole days are
    dates with the end day exclusive, as in iCalendar. An event without an end lasts no time, as RFC 5545 reads it.
    """
    dates = f"{_compact(starts)}/{_compact(starts if ends is None else ends)}"
    return GOOGLE_CALENDAR + "render?" + _query({
        "action": "TEMPLATE", "text": title, "dates": dates, "ctz": _timezone(starts),
        "details": details, "location": location,
    })


def outlook_event_url(service: str, title: str, starts: date | datetime, ends: date | datetime | None, details: str,
                      location: str | None) -> str:
    """A link that opens Outlook on the web (`service`: 'outlook' or 'microsoft365') with the event filled in.

    Times are instants in UTC (Outlook reads a time without zone in the visitor's own); whole days are dates, the
    end day exclusive, with allday=true.
    """
    return OUTLOOK_HOSTS[service] + "calendar/0/deeplink/compose?" + _query({
        "path": "/calendar/action/compose", "rru": "addevent", "subject": title,
        "startdt": _utc(starts), "enddt": _utc(starts if ends is None else ends),
        "allday": None if isinstance(starts, datetime) else "true", "body": details, "location": location,
    })


def google_calendar_subscription_url(feed_address: str) -> str:
    """A link that asks Google Calendar to subscribe to a feed (the Android calendar shows Google's calendars)."""
    return GOOGLE_CALENDAR + "r?" + _query({"cid": webcal_address(feed_address)})


def outlook_subscription_url(service: str, feed_address: str, name: str) -> str:
    """A link that asks Outlook on the web (`service`: 'outlook' or 'microsoft365') to subscribe to a feed."""
    return OUTLOOK_HOSTS[service] + "calendar/0/addfromweb?" + _query({"url": feed_address, "name": name})
