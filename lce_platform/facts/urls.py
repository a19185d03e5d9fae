"""The site's addresses: where a content file's page is, and how one page links to another.

Every address is relative to a language root ('' is the home page): each page and file the build makes is named
here, once. It imports only a constant of the content model, so the loader may use it too.
"""

from __future__ import annotations

import posixpath

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
ICALENDAR_FILE = "calendar.ics"
ATOM_FILE = "feed.xml"
SITEMAP_FILE = "sitemap.xml"
SHARE_CARD_FOLDER = "assets/share"
DATA_URL = "data/"
DATA_PACKAGE_FILE = "datapackage.json"
DCAT_CATALOGUE_FILE = "catalog.rdf"


def calendar_year_url(year: int) -> str:
    """URL of the calendar page of one year."""
    return f"{CALENDAR_URL}{year}/"


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
    """Where a share image lives; named by a digest of its text, so a new text is a new address."""
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
