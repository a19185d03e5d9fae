"""Dates as staff write them: precision, Stockholm time, DST, SITE_TODAY."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from lce_platform.content.moments import STOCKHOLM, ends_before, parse_moment, site_today


def test_year_and_month_keep_their_precision():
    """Check that '2024' and '2024-11' stay a year and a month, covering all their days."""
    year, month = parse_moment(2024), parse_moment("2024-11")
    assert (year.precision, year.first_day, year.last_day) == ("year", date(2024, 1, 1), date(2024, 12, 31))
    assert (month.precision, month.first_day, month.last_day) == ("month", date(2024, 11, 1), date(2024, 11, 30))
    assert not month.has_day and month.iso() == "2024-11"


def test_datetime_without_offset_is_stockholm_time_across_dst():
    """Check that 18:00 without an offset is 18:00 in Stockholm in winter and in summer time."""
    winter, summer = parse_moment("2025-03-29T18:00"), parse_moment("2025-03-31T18:00")
    assert winter.local.utcoffset() == timedelta(hours=1)
    assert summer.local.utcoffset() == timedelta(hours=2)
    assert winter.local.hour == summer.local.hour == 18
    october = parse_moment("2025-10-26T18:00")
    assert october.local.utcoffset() == timedelta(hours=1) and october.local.hour == 18


def test_datetime_with_offset_is_kept_as_the_same_instant():
    """Check that an explicit offset is respected and shown in Stockholm time."""
    moment = parse_moment("2025-06-01T10:00:00+00:00")
    assert moment.at == datetime(2025, 6, 1, 10, tzinfo=timezone.utc)
    assert moment.local.hour == 12 and moment.local.tzinfo == STOCKHOLM


def test_all_day_moment_ends_at_next_midnight_even_on_dst_day():
    """Check that a whole day ends at the following midnight, also on the 23-hour day of March."""
    day = parse_moment("2025-03-30")
    assert day.ends().astimezone(timezone.utc) - day.begins().astimezone(timezone.utc) == timedelta(hours=23)
    assert day.ends().date() == date(2025, 3, 31)


@pytest.mark.parametrize("text", ["2025-13", "2025-02-30", "next week", "25-03-19", ""])
def test_unparseable_dates_are_refused_with_a_reason(text):
    """Check that text that is no ISO 8601 date is refused with the accepted forms named."""
    with pytest.raises(ValueError, match="2025"):
        parse_moment(text)


@pytest.mark.parametrize(("text", "message"), [
    ("2025-03-30T02:30:00", "clocks in Stockholm jump from 02:00 to 03:00 on 2025-03-30; 2025-03-30T02:30 does not "
                            "exist; write the time the clocks show, e.g. 03:30"),
    ("2025-03-30 02:00", "jump from 02:00 to 03:00 on 2025-03-30; 2025-03-30T02:00 does not exist"),
    ("2024-03-31T02:59", "jump from 02:00 to 03:00 on 2024-03-31; 2024-03-31T02:59 does not exist"),
])
def test_a_time_the_clocks_skip_in_spring_is_refused_saying_what_the_clocks_do(text, message):
    """Check that a Stockholm time in the spring-forward gap is refused with the jump of the clocks named."""
    with pytest.raises(ValueError) as raised:
        parse_moment(text)
    assert message in str(raised.value)


def test_times_around_the_gap_and_with_an_offset_are_read():
    """Check that the minutes before and after the spring gap, and a gap time with its offset, are accepted."""
    assert parse_moment("2025-03-30T01:59").iso() == "2025-03-30T01:59:00+01:00"
    assert parse_moment("2025-03-30T03:00").iso() == "2025-03-30T03:00:00+02:00"
    assert parse_moment("2025-03-30T02:30+01:00").iso() == "2025-03-30T03:30:00+02:00"


def test_a_time_in_the_repeated_autumn_hour_is_its_first_occurrence_summer_time():
    """Check that 02:30 on the night clocks go back (it happens twice) is read as the first, CEST (+02:00)."""
    moment = parse_moment("2025-10-26T02:30")
    assert moment.iso() == "2025-10-26T02:30:00+02:00"
    assert moment.local.astimezone(timezone.utc) == datetime(2025, 10, 26, 0, 30, tzinfo=timezone.utc)
    later = parse_moment("2025-10-26T02:30+01:00")
    assert later.local.hour == 2 and later.local.fold == 1 and ends_before(moment, later)


def test_end_before_start_compares_days_without_times():
    """Check that an end on the same day is fine and an end the day before is not."""
    start = parse_moment("2025-03-19")
    assert not ends_before(parse_moment("2025-03-19"), start)
    assert ends_before(parse_moment("2025-03-18"), start)
    assert ends_before(parse_moment("2025-03-19T10:00"), parse_moment("2025-03-19T11:00"))


def test_site_today_is_pinned_by_environment():
    """Check that SITE_TODAY pins today and a wrong value is refused."""
    assert site_today({"SITE_TODAY": "2025-03-15"}) == date(2025, 3, 15)
    assert site_today({}) == datetime.now(STOCKHOLM).date()
    with pytest.raises(ValueError, match="SITE_TODAY"):
        site_today({"SITE_TODAY": "15/3/2025"})
