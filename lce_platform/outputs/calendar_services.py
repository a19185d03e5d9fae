"""Links that hand an activity or a feed to a calendar service on the web (Google Calendar, Outlook).

A phone that cannot open an .ics download or a webcal:// link (Android, mostly) still follows an ordinary link.
Each event's link is made from the very `EventFacts` its VEVENT is written from, so the times, their zone, the
place and the text agree with the .ics file. Plain links: no script, and no request to those hosts until followed.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from lce_platform.content.model import Status
from lce_platform.content.site import Entry
from lce_platform.facts.urls import (google_calendar_event_url, google_calendar_subscription_url, outlook_event_url,
                                     outlook_subscription_url)
from lce_platform.outputs.edition import Edition
from lce_platform.outputs.icalendar_feeds import EventFacts, activity_events

SERVICES = ("google", "outlook", "microsoft365")
"""In the order the links are shown; their names are `calendar_services.<service>` in the locales."""


@dataclass(frozen=True)
class ServiceLink:
    """A link to one calendar service, and the host it goes to (said in the link's text)."""

    service: str
    href: str

    @property
    def host(self) -> str:
        """The host the link leads to."""
        return urlsplit(self.href).netloc


def event_links(facts: EventFacts) -> list[ServiceLink]:
    """Links that add one VEVENT to each service."""
    google = google_calendar_event_url(facts.summary, facts.starts, facts.ends, facts.description, facts.location)
    return [ServiceLink("google", google), *(
        ServiceLink(service, outlook_event_url(service, facts.summary, facts.starts, facts.ends, facts.description,
                                               facts.location))
        for service in SERVICES[1:]
    )]


def activity_event_links(edition: Edition, entry: Entry) -> list[list[ServiceLink]]:
    """The links of each event of an activity: one per session, or one for the activity; none for an activity
    without a known day (it has no VEVENT either), and none for a cancelled one (a copy in someone's calendar would
    never learn of it; its .ics file says CANCELLED)."""
    if entry.data.status is Status.cancelled:
        return []
    return [event_links(facts) for facts in activity_events(edition, entry)]


def subscription_links(feed_address: str, name: str) -> list[ServiceLink]:
    """Links that subscribe each service to a feed (by its https:// address)."""
    return [ServiceLink("google", google_calendar_subscription_url(feed_address)), *(
        ServiceLink(service, outlook_subscription_url(service, feed_address, name)) for service in SERVICES[1:]
    )]
