"""Points in time as staff write them: a year, a season, a month, a day or a local date and time."""

from __future__ import annotations

import calendar
import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")

Precision = Literal["year", "season", "month", "day", "minute"]

_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_SEASON = re.compile(r"^(\d{4})-([a-z]+)$")
SEASONS = {"spring": 3, "summer": 6, "autumn": 9}
"""The seasons a moment can be, by their first month (three months each). Winter is left out: it spans two years."""


@dataclass(frozen=True, order=False)
class Moment:
    """A date, datetime, month or year; datetimes are always aware (Europe/Stockholm if no offset given)."""

    precision: Precision
    first_day: date
    at: datetime | None = None

    @property
    def last_day(self) -> date:
        """The last calendar day the moment covers."""
        if self.precision == "year":
            return date(self.first_day.year, 12, 31)
        if self.precision == "season":
            last_month = self.first_day.month + 2
            return date(self.first_day.year, last_month, calendar.monthrange(self.first_day.year, last_month)[1])
        if self.precision == "month":
            days = calendar.monthrange(self.first_day.year, self.first_day.month)[1]
            return date(self.first_day.year, self.first_day.month, days)
        if self.at is not None:
            return self.local.date()
        return self.first_day

    @property
    def local(self) -> datetime:
        """The moment as a Europe/Stockholm datetime (midnight of the first day when it has no time)."""
        if self.at is not None:
            return self.at.astimezone(STOCKHOLM)
        return datetime.combine(self.first_day, time(0), tzinfo=STOCKHOLM)

    @property
    def has_time(self) -> bool:
        """True when a clock time was given."""
        return self.at is not None

    @property
    def has_day(self) -> bool:
        """True when the day is known (not only a month or a year)."""
        return self.precision in ("day", "minute")

    def begins(self) -> datetime:
        """The first instant the moment covers, in Europe/Stockholm."""
        return self.local

    def ends(self) -> datetime:
        """The instant right after the moment (exclusive end), DST-correct."""
        if self.at is not None:
            return self.local
        following = self.last_day + timedelta(days=1)
        return datetime.combine(following, time(0), tzinfo=STOCKHOLM)

    @property
    def season(self) -> str | None:
        """The season's name (spring, summer, autumn) when the moment is one."""
        if self.precision != "season":
            return None
        return next(name for name, month in SEASONS.items() if month == self.first_day.month)

    def iso(self) -> str:
        """The moment as staff write it: ISO 8601 at its own precision (with offset for datetimes), a season as
        2025-autumn."""
        if self.precision == "season":
            return f"{self.first_day.year:04d}-{self.season}"
        return self.machine()

    def machine(self) -> str:
        """ISO 8601 text for machines (HTML datetime, schema.org): its own precision, a season as its year."""
        if self.precision in ("year", "season"):
            return f"{self.first_day.year:04d}"
        if self.precision == "month":
            return f"{self.first_day.year:04d}-{self.first_day.month:02d}"
        if self.at is not None:
            return self.local.isoformat()
        return self.first_day.isoformat()

    def __str__(self) -> str:
        return self.iso()


def ends_before(end: Moment, start: Moment) -> bool:
    """True when an end lies before its start: by clock time when both have one, else by day."""
    if end.has_time and start.has_time:
        # As instants: Python compares two times of one zone by the clock, so 02:30 CET would equal 02:30 CEST.
        return end.local.astimezone(UTC) < start.local.astimezone(UTC)
    return end.last_day < start.first_day


def parse_moment(value: object) -> Moment:
    """Parse what YAML gave for a date field; raise ValueError with a staff-readable reason."""
    if isinstance(value, bool):
        raise ValueError("expected a date like 2025-03-19")
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            _check_exists(value)
        # fold=0: a time in the repeated autumn hour is its first occurrence, summer time (CEST, +02:00), as
        # RFC 5545 reads a local time in a calendar too.
        aware = value if value.tzinfo else value.replace(tzinfo=STOCKHOLM, fold=0)
        return Moment("minute", aware.astimezone(STOCKHOLM).date(), aware)
    if isinstance(value, date):
        return Moment("day", value)
    if not isinstance(value, str):
        raise ValueError("expected a date like 2025-03-19")
    text = value.strip()
    if _YEAR.match(text):
        return Moment("year", date(int(text), 1, 1))
    season = _SEASON.match(text)
    if season:
        name = season.group(2)
        if name not in SEASONS:
            raise ValueError(f"'{text}' names no season; write {season.group(1)}-spring, -summer or -autumn")
        return Moment("season", date(int(season.group(1)), SEASONS[name], 1))
    month = _MONTH.match(text)
    if month:
        number = int(month.group(2))
        if not 1 <= number <= 12:
            raise ValueError(f"'{text}' has no month {number}")
        return Moment("month", date(int(month.group(1)), number, 1))
    try:
        if "T" in text or " " in text:
            written = datetime.fromisoformat(text)
        else:
            return Moment("day", date.fromisoformat(text))
    except ValueError:
        raise ValueError(
            f"'{text}' is not a date; write 2025-03-19, 2025-03-19T18:00, 2025-03, 2025-autumn or 2025"
        ) from None
    return parse_moment(written)


def _exists(local: datetime) -> bool:
    """True when the clocks in Stockholm show this wall-clock time at some instant."""
    return local.replace(tzinfo=STOCKHOLM).astimezone(UTC).astimezone(STOCKHOLM).replace(tzinfo=None) == local


def _check_exists(local: datetime) -> None:
    """Raise ValueError naming the jump of the clocks when a Stockholm time falls in the spring-forward gap."""
    if _exists(local):
        return
    jump = local.replace(tzinfo=STOCKHOLM, fold=1).utcoffset() - local.replace(tzinfo=STOCKHOLM).utcoffset()
    start = local.replace(second=0, microsecond=0)
    while not _exists(start - timedelta(minutes=1)):  # back to the minute the clocks jump at
        start -= timedelta(minutes=1)
    raise ValueError(
        f"clocks in Stockholm jump from {start:%H:%M} to {start + jump:%H:%M} on {local.date().isoformat()}; "
        f"{local.isoformat(timespec='minutes')} does not exist; write the time the clocks show, "
        f"e.g. {local + jump:%H:%M}"
    )


def site_today(environ: dict[str, str] | None = None) -> date:
    """Today for the build: SITE_TODAY (YYYY-MM-DD) when set, else today in Europe/Stockholm."""
    environ = os.environ if environ is None else environ
    pinned = environ.get("SITE_TODAY", "").strip()
    if pinned:
        try:
            return date.fromisoformat(pinned)
        except ValueError:
            raise ValueError(f"SITE_TODAY={pinned!r} is not a date like 2025-03-15") from None
    return datetime.now(STOCKHOLM).date()
