"""Norwegian working days and recurrence rules.

Working days skip weekends and Norway's public holidays (the `holidays` package), so a due
date never falls on 17 May, Easter Monday or Christmas Day.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

OSLO = ZoneInfo("Europe/Oslo")


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    import holidays  # imported on first use: most commands never count working days

    return frozenset(holidays.country_holidays("NO", years=year))


def is_holiday(day: date) -> bool:
    return day in _holidays(day.year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_holiday(day)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (start itself not counted).

    With days == 0, the first working day on or after start.
    """
    current = start
    if days == 0:
        while not is_working_day(current):
            current += timedelta(days=1)
        return current
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count, current = 0, start
    while current < end:
        current += timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count


def occurrences(rule: str, start: datetime, until: datetime) -> list[datetime]:
    """The occurrences of an RFC 5545 RRULE from `start` up to and including `until`.

    `start` may be timezone-aware; occurrences then keep its wall-clock time across DST.
    """
    return list(rrulestr(rule, dtstart=start).between(start, until, inc=True))


def occurrence_dates(rule: str, start: date, until: date) -> list[date]:
    """Occurrence dates of `rule` counted from `start`, up to and including `until`."""
    first = datetime.combine(start, datetime.min.time())
    last = datetime.combine(until, datetime.min.time())
    return [d.date() for d in occurrences(rule, first, last)]


def norsk_dato(day: date) -> str:
    """A date as written in Norwegian documents: `25. november 2026`."""
    from babel.dates import format_date

    return format_date(day, format="d. MMMM y", locale="nb_NO")
