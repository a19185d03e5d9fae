"""Interface text in Swedish and English, and dates written the way each language writes them."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any

from babel.dates import format_date, format_interval, format_time

from lce_platform.content.model import LANGUAGES, Activity, Programme
from lce_platform.content.moments import Moment
from lce_platform.content.source import parse_yaml_with_lines
from lce_platform.facts.timeline import programme_phase


@cache
def strings(language: str) -> dict[str, Any]:
    """All interface strings of one language (locales/<language>.yml)."""
    if language not in LANGUAGES:
        raise ValueError(f"no interface text for language {language!r}")
    text = resources.files(__package__).joinpath("locales", f"{language}.yml").read_text(encoding="utf-8")
    # Read like content, so a key written twice (easy after a merge) is an error instead of a silent loss.
    data, _lines = parse_yaml_with_lines(text, f"lce_platform/outputs/locales/{language}.yml")
    return data


def t(language: str, key: str) -> str:
    """One interface string by its dotted key, e.g. t('sv', 'status.full')."""
    value: Any = strings(language)
    for part in key.split("."):
        value = value[part]
    return value


@cache
def day_text(day: date, language: str) -> str:
    """A day, e.g. '20 mars 2025' or 'March 20, 2025'."""
    return format_date(day, "long", locale=language)


def moment_text(moment: Moment, language: str) -> str:
    """A moment at its own precision: '2024', 'november 2024', '20 mars 2025, 18:00'."""
    if moment.precision == "year":
        return str(moment.first_day.year)
    if moment.precision == "season":
        return t(language, f"seasons.{moment.season}").format(year=moment.first_day.year)
    if moment.precision == "month":
        return format_date(moment.first_day, "LLLL y", locale=language)
    text = day_text(moment.first_day, language)
    if moment.at is not None:
        text += ", " + format_time(moment.local, "HH:mm", locale=language)
    return text


@cache  # an activity's dates are written on its page and in every list that shows it; babel is slow
def span_text(start: Moment, end: Moment | None, language: str) -> str:
    """A start and optional end as one readable span, in Europe/Stockholm time."""
    if end is None or end.iso() == start.iso():
        return moment_text(start, language)
    if not (start.has_day and end.has_day):
        return f"{moment_text(start, language)} – {moment_text(end, language)}"
    if start.local.date() == end.local.date() and start.has_time and end.has_time:
        times = format_interval(start.local.replace(tzinfo=None), end.local.replace(tzinfo=None), "Hm", locale=language)
        return f"{day_text(start.first_day, language)}, {times}"
    first, last = start.local.date(), end.last_day
    if first == last:
        return moment_text(start, language)
    return format_interval(first, last, "yMMMMd", locale=language)


def datetime_attribute(moment: Moment) -> str:
    """The machine-readable value for an HTML <time datetime> attribute."""
    return moment.machine()


def activity_when(activity: Activity, language: str, *, bounds: bool = False) -> str:
    """When an activity is, as far as it is known: its span, or 'Datum ej angivet' (with its end when known, and
    with `bounds` what its before/after days say, for its own page)."""
    if activity.start is not None:
        return span_text(activity.start, activity.end, language)
    if activity.end is not None:
        text = t(language, "date.start_not_announced").format(end=moment_text(activity.end, language))
    else:
        text = t(language, "date.not_announced")
    if not bounds:
        return text
    known = []
    if activity.after is not None:
        known.append(t(language, "date.not_before").format(day=day_text(activity.after, language)))
    if activity.before is not None:
        key = "date.began_before" if activity.end is not None else "date.before"
        known.append(t(language, key).format(day=day_text(activity.before, language)))
    return f"{text} ({', '.join(known)})" if known else text


def programme_period(programme: Programme, language: str) -> str | None:
    """A programme's period, None when its start is not given."""
    return span_text(programme.start, programme.end, language) if programme.start is not None else None


def programme_period_sentence(programme: Programme, today: date, language: str) -> str | None:
    """A programme's period as a sentence in the tense its dates give as of `today`: 'Pågick från … till …' once it
    has ended, 'Pågår från … till …' while it runs; with no end known, only when it started. None without a start."""
    if programme.start is None:
        return None
    start = moment_text(programme.start, language)
    when = programme_phase(programme, today)
    if programme.end is None:
        key = "programme_period.starts" if when == "upcoming" else "programme_period.started"
        return t(language, key).format(start=start)
    return t(language, f"programme_period.{when}").format(start=start, end=moment_text(programme.end, language))


__all__ = ["activity_when", "programme_period", "programme_period_sentence", "datetime", "day_text", "moment_text", "span_text", "strings", "t"]
