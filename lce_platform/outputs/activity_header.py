"""The facts box at the top of an activity page: type, status, when and where, for whom, who leads it, how to book."""

from __future__ import annotations

from datetime import datetime

from lce_platform.content.model import Activity
from lce_platform.content.collections import PROGRAMMES
from lce_platform.content.site import Entry
from lce_platform.facts.urls import area_url, relative_url
from lce_platform.facts.timeline import activity_begins, activity_ends
from lce_platform.outputs import i18n
from lce_platform.outputs.activity_state import activity_state
from lce_platform.outputs.calendar_services import activity_event_links
from lce_platform.outputs.edition import Edition
from lce_platform.outputs.icalendar_feeds import activity_calendar_file
from lce_platform.outputs.people_links import person_link
from lce_platform.outputs.render import render


def _instant(moment: datetime | None) -> str:
    return moment.isoformat() if moment is not None else ""


def activity_header(edition: Edition, entry: Entry, page_url: str) -> str:
    """The facts box at the top of an activity page."""
    activity: Activity = entry.data
    language = edition.language
    vocabularies = edition.site.vocabularies
    programme = edition.site.by_id(PROGRAMMES, activity.programme)
    sectors = (
        [edition.t("all_sectors")] if activity.sectors == ("all",)
        else [vocabularies["sectors"][sector].label(language) for sector in activity.sectors]
    )
    # One link per session: a service's link adds one event, and sessions fall on days no rule repeats.
    state = activity_state(activity, edition.today)
    # Once it has taken place, nothing offers to put it in a calendar (its .ics stays for those who saved it).
    event_links = [] if state.held else activity_event_links(edition, entry)
    sessions = [
        {
            "start": session.start.machine(),
            "when": i18n.span_text(session.start, session.end, language),
            "title": session.title,
            "venue": edition.venue_text(session.venue),
            "calendar_links": event_links[number] if len(event_links) == len(activity.sessions) else [],
        }
        for number, session in enumerate(activity.sessions)
    ]
    calendar_file = activity_calendar_file(entry)
    return render(
        "activity_header.html", language,
        activity=activity,
        title=entry.title(language),
        date_note=entry.text("date_note", language),
        when=i18n.activity_when(activity, language, bounds=True),
        status=activity.status.value,
        state=state,
        type_label=vocabularies["activity-types"][activity.type].label(language),
        venue=edition.venue_text(activity.venue),
        sessions=sessions,
        sectors=sectors,
        programme=programme.title(language) if programme else activity.programme,
        programme_url=relative_url(page_url, programme.url) if programme else "",
        area=vocabularies["areas"][activity.area].label(language),
        area_url=relative_url(page_url, area_url(activity.area)),
        facilitators=[person_link(edition, person, page_url) for person in activity.facilitators],
        contacts=[person_link(edition, person, page_url) for person in activity.contact],
        registration=activity.registration if edition.registration_open(activity) else None,
        calendar_file=relative_url(page_url, calendar_file) if calendar_file and not state.held else None,
        calendar_links=event_links[0] if event_links and not activity.sessions else [],
        starts=_instant(activity_begins(activity)),
        ends=_instant(activity_ends(activity)),
    )
