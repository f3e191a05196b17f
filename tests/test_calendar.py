"""Norwegian working days and recurrence rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from agreements.core.calendar import (
    add_working_days,
    holidays,
    is_working_day,
    norsk_dato,
    occurrence_dates,
    occurrences,
    working_days_between,
)
from agreements.readiness.checklist import due_occurrences
from agreements.reference import process

OSLO = ZoneInfo("Europe/Oslo")


@pytest.mark.parametrize(("start", "days", "expected"), [
    (date(2027, 3, 24), 1, date(2027, 3, 30)),  # Maundy Thursday to Easter Monday skipped
    (date(2026, 4, 1), 1, date(2026, 4, 7)),  # Easter 2026
    (date(2027, 5, 14), 1, date(2027, 5, 18)),  # 17 May 2027 (also Whit Monday)
    (date(2026, 5, 13), 1, date(2026, 5, 15)),  # Ascension Day 2026
    (date(2026, 12, 24), 1, date(2026, 12, 28)),  # Christmas Day and the weekend
    (date(2026, 12, 31), 1, date(2027, 1, 4)),  # New Year's Day, across the year end
    (date(2026, 12, 21), 10, date(2027, 1, 6)),  # ten working days over Christmas and New Year
    (date(2026, 11, 28), 0, date(2026, 11, 30)),  # 0 days from a Saturday: the next Monday
    (date(2026, 11, 25), 0, date(2026, 11, 25)),  # 0 days from a working day: that day
])
def test_add_working_days_skips_weekends_and_holidays(start: date, days: int,
                                                      expected: date) -> None:
    """Due dates count only Norwegian working days."""
    assert add_working_days(start, days) == expected


def test_a_due_date_never_falls_on_a_holiday_or_weekend() -> None:
    """From every day of two years, any offset lands on a working day."""
    day = date(2026, 1, 1)
    while day < date(2028, 1, 1):
        for offset in (1, 5, 20):
            assert is_working_day(add_working_days(day, offset))
        day += timedelta(days=1)


def test_17_may_and_easter_monday_are_not_working_days() -> None:
    """Easter, 17 May and the other public holidays are not working days."""
    assert not is_working_day(date(2026, 5, 17)) and not is_working_day(date(2027, 5, 17))
    assert not is_working_day(date(2026, 4, 6)) and not is_working_day(date(2027, 3, 29))
    assert is_working_day(date(2026, 12, 24))  # julaften is not a public holiday


def test_working_days_between_inverts_add() -> None:
    """Counting back gives the offset that was added."""
    start = date(2026, 12, 18)
    assert working_days_between(start, add_working_days(start, 7)) == 7


def test_monthly_rule_keeps_local_time_across_dst() -> None:
    """A monthly 07:00 Europe/Oslo occurrence stays at 07:00 while its UTC offset changes."""
    start = datetime(2027, 1, 15, 7, 0, tzinfo=OSLO)
    found = occurrences("FREQ=MONTHLY", start, datetime(2027, 12, 31, tzinfo=OSLO))
    assert len(found) == 12
    assert {o.hour for o in found} == {7}
    offsets = {o.utcoffset() for o in found}
    assert offsets == {timedelta(hours=1), timedelta(hours=2)}
    march, april = found[2], found[3]  # DST starts 28 March 2027: an hour less in between
    assert april.astimezone(UTC) - march.astimezone(UTC) == timedelta(days=31, hours=-1)


def test_weekly_rule_across_autumn_dst() -> None:
    """A weekly rule over the October change (25 Oct 2026) has 7×24+1 hours across it."""
    start = datetime(2026, 10, 19, 7, 0, tzinfo=OSLO)
    a, b, c = occurrences("FREQ=WEEKLY", start, datetime(2026, 11, 2, 8, tzinfo=OSLO))
    assert b.astimezone(UTC) - a.astimezone(UTC) == timedelta(days=7, hours=1)
    assert c.astimezone(UTC) - b.astimezone(UTC) == timedelta(days=7)
    assert {x.hour for x in (a, b, c)} == {7}


def test_log_control_occurrences_from_go_live() -> None:
    """Monthly log control after going live on 15 Jan: 15 Feb, 15 Mar … up to the date asked."""
    got = due_occurrences(process("loggkontroll"), date(2027, 1, 15), date(2027, 4, 20))
    assert got == [date(2027, 2, 15), date(2027, 3, 15), date(2027, 4, 15)]


def test_yearly_review_across_leap_day() -> None:
    """A yearly rule from 29 February skips the years without one (RFC 5545)."""
    assert occurrence_dates("FREQ=YEARLY", date(2028, 2, 29), date(2033, 1, 1)) == [
        date(2028, 2, 29), date(2032, 2, 29)]


def _walk_add(start: date, days: int) -> date:
    """The day-by-day definition the table replaces."""
    current = start
    if days == 0:
        while not is_working_day(current):
            current += timedelta(days=1)
        return current
    while days > 0:
        current += timedelta(days=1)
        days -= is_working_day(current)
    return current


def _walk_between(start: date, end: date) -> int:
    return sum(is_working_day(start + timedelta(days=i)) for i in range(1, (end - start).days + 1))


def test_the_table_counts_as_walking_day_by_day() -> None:
    """Over three years of start days, every offset and span agrees with counting day by day."""
    day = date(2025, 12, 1)
    while day < date(2028, 1, 31):
        for offset in (-1, 0, 1, 2, 5, 10, 23, 30, 61):
            assert add_working_days(day, offset) == _walk_add(day, offset), (day, offset)
        for span in (0, 1, 3, 7, 12, 40, 200, 400):
            end = day + timedelta(days=span)
            assert working_days_between(day, end) == _walk_between(day, end), (day, span)
            assert working_days_between(end, day) == 0
        day += timedelta(days=1)


def test_the_table_widens_for_dates_far_apart() -> None:
    """A backlog from long ago and due dates far ahead are counted as exactly."""
    old, far = date(1999, 12, 24), date(2061, 5, 16)
    assert working_days_between(old, date(2001, 1, 3)) == _walk_between(old, date(2001, 1, 3))
    assert add_working_days(far, 3) == _walk_add(far, 3)
    assert add_working_days(old, 700) == _walk_add(old, 700)
    assert working_days_between(old, far) == _walk_between(old, far)


@pytest.mark.parametrize("rule", ["FREQ=MONTHLY", "FREQ=YEARLY", "FREQ=WEEKLY", "FREQ=DAILY",
                                  "FREQ=MONTHLY;INTERVAL=3", "RRULE:FREQ=YEARLY;INTERVAL=2",
                                  "FREQ=MONTHLY;BYMONTHDAY=-1"])
def test_occurrence_dates_are_dateutils(rule: str) -> None:
    """Simple rules counted by date arithmetic give what dateutil's RFC 5545 rules give,
    31sts and 29 February included; other rules are dateutil's."""
    for start in [date(2024, 1, 29), date(2024, 1, 31), date(2024, 2, 29), date(2025, 3, 30),
                  date(2026, 8, 31), date(2026, 11, 25)]:
        for span in (0, 1, 27, 31, 364, 365, 800, 1500):
            until = start + timedelta(days=span if "DAILY" not in rule else span // 10)
            first, last = (datetime.combine(d, datetime.min.time()) for d in (start, until))
            expected = [o.date() for o in occurrences(rule.removeprefix("RRULE:"), first, last)]
            assert occurrence_dates(rule, start, until) == expected, (start, span)


def test_the_holidays_are_those_of_the_holidays_package() -> None:
    """Every year from 1947 to 2100 has the public holidays the `holidays` package gives."""
    import holidays as package

    for year in range(1947, 2101):
        assert holidays(year) == set(package.country_holidays("NO", years=year)), year


def test_norwegian_dates_are_babels() -> None:
    """Every day of 2024–2031 is written as Babel writes it in bokmål (`d. MMMM y`)."""
    from babel.dates import format_date

    day = date(2024, 1, 1)
    while day < date(2032, 1, 1):
        assert norsk_dato(day) == format_date(day, format="d. MMMM y", locale="nb_NO")
        day += timedelta(days=1)
