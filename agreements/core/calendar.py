"""Norwegian working days and recurrence rules.

Working days skip weekends and Norway's public holidays, so a due date never falls on 17 May,
Easter Monday or Christmas Day. The holidays are those of the law (helligdager, 1. and 17. mai
since 1947): the same as the `holidays` package gives for Norway (tests compare them, 1947 to
2100), computed here from Easter because loading that package costs 0.2 s a process.
Counting working days is a look-up in a table of cumulative working days over whole years
(built once per process), so the follow-up's many questions cost the same however long a
backlog has waited.
"""

from __future__ import annotations

from array import array
from calendar import monthrange
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")


# The days avtaleflyt keeps a calendar for: a day from outside beyond them is refused, even
# with --force, so nothing computed from it (a term of 50 years, a deadline) leaves Python's
# dates or the database's.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2199, 12, 31)


def parse_day(value: str | None, option: str = "--today") -> date | None:
    """A day given by a person (`--today`, a flow's `today`), ISO digits only, within the
    calendar (None when not given at all); a bad one is one line naming the option."""
    if value is None:
        return None
    from agreements.errorcodes import Code
    from agreements.errors import InvalidInput

    if not value.strip():
        raise InvalidInput(Code.DAY_EMPTY, option=option)
    try:
        if not value.isascii():
            raise ValueError(value)
        day = date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(Code.DAY_MALFORMED, option=option, value=value[:40]) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidInput(Code.DAY_OUTSIDE_CALENDAR, option=option, day=day, first=FIRST_DAY,
                           last=LAST_DAY)
    return day


@lru_cache(maxsize=256)
def holidays(year: int) -> frozenset[date]:
    """Norway's public holidays in `year`: New Year's Day, Maundy Thursday to Easter Monday,
    1 May, 17 May, Ascension Day, Whit Sunday and Monday, Christmas Day and Boxing Day."""
    from dateutil.easter import easter

    e, day = easter(year), timedelta(days=1)
    moving = {e - 3 * day, e - 2 * day, e, e + day, e + 39 * day, e + 49 * day, e + 50 * day}
    fixed = {(1, 1), (12, 25), (12, 26)} | ({(5, 1), (5, 17)} if year >= 1947 else set())
    return frozenset(moving | {date(year, m, d) for m, d in fixed})


def is_holiday(day: date) -> bool:
    return day in holidays(day.year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_holiday(day)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (start itself not counted).

    With days == 0, the first working day on or after start; a negative count gives start.
    """
    if days < 0:
        return start
    # a generous end: never more than 5 days in a row without a working day in Norway
    table = _table_for(start, start + timedelta(days=2 * days + 14))
    i = table.index(start)
    # the ordinal (from 0) of the day sought: with 0 days, the count of working days before
    # start, which is start itself when it is one; otherwise the days-th after start
    k = table.cum[i] - table.working[i] if days == 0 else table.cum[i] + days - 1
    return table.first + timedelta(days=table.workdays[k])


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    if end <= start:
        return 0
    table = _table_for(start, end)
    return table.cum[table.index(end)] - table.cum[table.index(start)]


@dataclass(frozen=True)
class _Table:
    """Every day from `first` to `last` (whole years), by index i = days after `first`:
    cum[i] working days up to and including day i, working[i] 1 for a working day,
    workdays the index of every working day, in order."""

    first: date
    last: date
    cum: array[int]
    working: bytes
    workdays: array[int]

    def index(self, day: date) -> int:
        return (day - self.first).days


_TABLES: list[_Table] = []  # the current table, replaced (never changed) by a wider one
SPAN_YEARS = 10  # built ahead of the latest date asked about


def _table_for(start: date, end: date) -> _Table:
    """The table, widened (rebuilt) when it does not cover start .. end."""
    current = _TABLES[-1] if _TABLES else None
    if current and current.first <= start and end <= current.last:
        return current
    low, high = start.year - 1, end.year + SPAN_YEARS
    if current:
        low, high = min(low, current.first.year), max(high, current.last.year)
    first, last = date(max(low, MINYEAR), 1, 1), date(min(high, MAXYEAR), 12, 31)
    cum, working, workdays = array("i"), bytearray(), array("i")
    day, total = first, 0
    for i in range((last - first).days + 1):
        works = is_working_day(day)
        total += works
        cum.append(total)
        working.append(works)
        if works:
            workdays.append(i)
        day += timedelta(days=1)
    table = _Table(first, last, cum, bytes(working), workdays)
    _TABLES.append(table)
    del _TABLES[:-1]
    return table


def occurrences(rule: str, start: datetime, until: datetime) -> list[datetime]:
    """The occurrences of an RFC 5545 RRULE from `start` up to and including `until`.

    `start` may be timezone-aware; occurrences then keep its wall-clock time across DST.
    """
    from dateutil.rrule import rrulestr  # on first use: the read-only commands never need it

    return list(rrulestr(rule, dtstart=start).between(start, until, inc=True))


def occurrence_dates(rule: str, start: date, until: date) -> list[date]:
    """Occurrence dates of `rule` counted from `start`, up to and including `until`."""
    simple = _simple_rule(rule)
    if simple is not None:
        return _simple_dates(*simple, start, until)
    first = datetime.combine(start, datetime.min.time())
    last = datetime.combine(until, datetime.min.time())
    return [d.date() for d in occurrences(rule, first, last)]


_STEP_MONTHS = {"MONTHLY": 1, "YEARLY": 12}
_STEP_DAYS = {"DAILY": 1, "WEEKLY": 7}


@lru_cache(maxsize=64)
def _simple_rule(rule: str) -> tuple[str, int] | None:
    """(FREQ, INTERVAL) of a rule with nothing else in it; None for any other rule, which
    dateutil then evaluates (it takes about 0.2 ms for three years of a monthly rule: the
    follow-up asks once per live organisation and routine, every day)."""
    parts = dict(p.split("=", 1) for p in rule.upper().removeprefix("RRULE:").split(";")
                 if "=" in p)
    if set(parts) - {"FREQ", "INTERVAL"} or parts.get("FREQ") not in {*_STEP_MONTHS,
                                                                       *_STEP_DAYS}:
        return None
    interval = parts.get("INTERVAL", "1")
    return (parts["FREQ"], int(interval)) if interval.isdigit() and int(interval) > 0 else None


def _simple_dates(freq: str, interval: int, start: date, until: date) -> list[date]:
    """As RFC 5545 counts them: by days, or the same day of every n-th month or year,
    skipping the months (and years) that have no such day (31 April, 29 February)."""
    found: list[date] = []
    if freq in _STEP_DAYS:
        step = timedelta(days=_STEP_DAYS[freq] * interval)
        day = start
        while day <= until:
            found.append(day)
            day += step
        return found
    months, k = _STEP_MONTHS[freq] * interval, 0
    while True:
        month = start.month - 1 + k * months
        year, month = start.year + month // 12, month % 12 + 1
        if year > until.year:
            return found
        k += 1
        if start.day > monthrange(year, month)[1]:
            continue  # no such day in that month
        if (day := date(year, month, start.day)) > until:
            return found
        found.append(day)


MONTHS_NB = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
             "september", "oktober", "november", "desember")


def norsk_dato(day: date) -> str:
    """A date as written in Norwegian documents: `25. november 2026` (what Babel's nb_NO
    `d. MMMM y` gives, which tests check, without loading Babel's locale data)."""
    return f"{day.day}. {MONTHS_NB[day.month - 1]} {day.year}"
