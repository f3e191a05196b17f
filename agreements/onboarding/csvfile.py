"""The onboarding CSV: read as a stream, validated row by row, so bad rows never stop good ones.

Columns (header row required; only orgnr and role must be present):
orgnr,role,kind,region,name,kommunenummer,signatory_name,signatory_email,
coordinator_name,coordinator_email. Comma or semicolon separated, UTF-8 with or without BOM.

The file (a regular one within the limits of `core.bounded`) is never held in memory: `scan()`
reads it once to refuse what makes it unusable as a whole (not UTF-8, a NUL byte, an unclosed
quote, no rows, a line too long, too many rows) before anything is written, and `chunks()`
reads it again, a few hundred rows at a time. Line numbers are the file's own: a row's number
is the line it starts on, blank lines and line breaks inside quoted fields counted. Memory
does not grow with the file (see `Seen` for the duplicate check).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from email.errors import HeaderParseError
from email.headerregistry import Address
from itertools import chain, count
from pathlib import Path
from typing import IO

from agreements import reference
from agreements.core import bounded
from agreements.errorcodes import Code
from agreements.errors import AvtaleflytError, InvalidInput
from agreements.registry.orgnr import normalise
from agreements.registry.register import Registration, check, registration

COLUMNS = ("orgnr", "role", "kind", "region", "name", "kommunenummer", "signatory_name",
           "signatory_email", "coordinator_name", "coordinator_email")
REQUIRED = ("orgnr", "role")
CHUNK = 500
FIELD_MAX = 1000  # characters in one cell


@dataclass(frozen=True)
class Row:
    line: int
    registration: Registration


@dataclass(frozen=True)
class BadRow:
    line: int
    orgnr: str
    reason: str


def open_text(path: Path) -> IO[str]:
    """The file as text (UTF-8, BOM or not): a regular file within the size limit."""
    return bounded.open_text(path, bounded.CSV_MAX_BYTES)


def _decode(source: IO[str], name: str, line: int) -> str:
    try:
        return bounded.line(source, name, line)
    except UnicodeDecodeError:
        raise InvalidInput(Code.CSV_NOT_UTF8, name=name, line=line) from None


def _lines(source: IO[str], name: str) -> Iterator[str]:
    """Physical lines, refused at the first NUL byte or undecodable byte, naming the line."""
    for number in count(1):
        line = _decode(source, name, number)
        if not line:
            return
        if "\x00" in line:
            raise InvalidInput(Code.CSV_NUL, name=name, line=number)
        yield line.removeprefix("\ufeff") if number == 1 else line


def _reader(source: IO[str], name: str
            ) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The checked header, and (first line, cells) of each record after it."""
    lines = _lines(source, name)
    first = next(lines, "")
    if not first.strip():
        raise InvalidInput(Code.CSV_EMPTY)
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(chain([first], lines), delimiter=delimiter, strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except csv.Error as exc:
        raise InvalidInput(Code.CSV_MALFORMED, name=name, line=1, reason=str(exc)) from None
    _check_header(header)

    def records() -> Iterator[tuple[int, list[str]]]:
        ended = reader.line_num
        try:
            for read, cells in enumerate(reader, 1):
                if read > bounded.CSV_MAX_ROWS:
                    raise InvalidInput(Code.TOO_MANY_ROWS, name=name,
                                       limit=bounded.CSV_MAX_ROWS)
                start, ended = ended + 1, reader.line_num
                if any(len(c) > FIELD_MAX for c in cells):
                    raise InvalidInput(Code.CSV_CELL_TOO_LONG, name=name, line=start,
                                       limit=FIELD_MAX)
                yield start, cells
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):  # the csv module's only way of saying so
                raise InvalidInput(Code.CSV_QUOTE_OPEN, name=name, line=ended + 1) from None
            raise InvalidInput(Code.CSV_MALFORMED, name=name, line=ended + 1,
                               reason=str(exc)) from None

    return header, records()


def _check_header(header: list[str]) -> None:
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c[:40] for c in header if c and c not in COLUMNS]  # named: the first ten
    if missing or unknown:
        named = unknown[:10] + ["…"] * (len(unknown) > 10)
        if missing and unknown:
            raise InvalidInput(Code.CSV_HEADER, missing=missing, unknown=named)
        if missing:
            raise InvalidInput(Code.CSV_HEADER_MISSING, missing=missing)
        raise InvalidInput(Code.CSV_HEADER_UNKNOWN, unknown=named)


class Seen:
    """The orgnrs a file has had so far, in memory that does not grow with the file: the first
    eight digits of an orgnr fix the ninth (MOD11), so one bit per possible number (12.5 MB).
    The lines of first occurrences are kept only for numbers known to come again (`again`,
    found by a first pass), so a duplicate still names the line it repeats."""

    def __init__(self, again: Collection[int] = ()) -> None:
        self.bits = bytearray(10 ** 8 // 8)
        self.again = set(again)
        self.first: dict[int, int] = {}
        self.repeated: set[int] = set()

    def repeats(self, number: int, line: int) -> str | None:
        """None the first time; else where it was before."""
        byte, bit = divmod(number // 10, 8)
        if self.bits[byte] >> bit & 1:
            self.repeated.add(number)
            before = self.first.get(number)
            return f"line {before}" if before else "an earlier line"
        self.bits[byte] |= 1 << bit
        if number in self.again:
            self.first[number] = line
        return None


def rows(source: IO[str], *, offline: bool = False, name: str = "the CSV",
         seen: Seen | None = None) -> Iterator[Row | BadRow]:
    """Every non-blank record as a Row or a BadRow (with its line and reason), streamed."""
    header, records = _reader(source, name)
    seen = seen or Seen()
    for line, cells in records:
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            yield BadRow(line, cells[0][:20] if cells else "",
                         f"{len(cells)} cells, but the header has {len(header)}")
            continue
        values = {k: v.strip() for k, v in zip(header, cells, strict=False) if k}
        if not any(values.values()):
            continue
        try:
            reg = _registration(values, offline)
            number = int(normalise(reg.orgnr))
            if (where := seen.repeats(number, line)) is not None:
                raise InvalidInput(Code.CSV_REPEATED, orgnr=f"{number:09d}", where=where)
            yield Row(line, reg)
        except AvtaleflytError as exc:
            yield BadRow(line, values.get("orgnr", "")[:20], str(exc))


@dataclass(frozen=True)
class Scanned:
    good: int
    bad: int
    repeated: frozenset[int]  # orgnrs on more than one line


def scan(source: IO[str], *, offline: bool = False, name: str = "the CSV") -> Scanned:
    """Read the whole file once, keeping nothing but counts: refuses a file that is unusable
    as a whole (InvalidInput naming the line), or one with no rows at all."""
    good = bad = 0
    seen = Seen()
    for found in rows(source, offline=offline, name=name, seen=seen):
        good, bad = (good + 1, bad) if isinstance(found, Row) else (good, bad + 1)
    if good + bad == 0:
        raise InvalidInput(Code.CSV_NO_ROWS, name=name)
    return Scanned(good, bad, frozenset(seen.repeated))


def chunks(source: IO[str], *, offline: bool = False, name: str = "the CSV",
           size: int = CHUNK, repeated: Collection[int] = ()
           ) -> Iterator[tuple[list[Row], list[BadRow]]]:
    """The rows a few hundred at a time, so a batch of any length runs in flat memory
    (`repeated` from `scan()` lets a duplicate name the line it repeats)."""
    good: list[Row] = []
    bad: list[BadRow] = []
    for found in rows(source, offline=offline, name=name, seen=Seen(repeated)):
        (good if isinstance(found, Row) else bad).append(found)  # type: ignore[arg-type]
        if len(good) + len(bad) >= size:
            yield good, bad
            good, bad = [], []
    if good or bad:
        yield good, bad


def parse(text: str, *, offline: bool = False) -> tuple[list[Row], list[BadRow]]:
    """All rows of a CSV given as text, at once (the tests; commands and flows stream it with
    `scan` and `chunks`)."""
    try:
        repeated = scan(io.StringIO(text), offline=offline).repeated
    except InvalidInput as exc:
        if exc.code is not Code.CSV_NO_ROWS:
            raise
        repeated = frozenset()
    good: list[Row] = []
    bad: list[BadRow] = []
    for part_good, part_bad in chunks(io.StringIO(text), offline=offline, repeated=repeated):
        good += part_good
        bad += part_bad
    return good, bad


def _person(values: dict[str, str], who: str) -> str | None:
    name, email = values.get(f"{who}_name", ""), values.get(f"{who}_email", "")
    if not name and not email:
        return None
    if not (name and email):
        raise InvalidInput(Code.CSV_PERSON_HALF, who=who)
    try:  # quoted by the standard library, so a comma in the name stays in the name
        return str(Address(display_name=name, addr_spec=email))
    except (ValueError, IndexError, HeaderParseError):
        raise InvalidInput(Code.CSV_PERSON_EMAIL, who=who, value=email[:60]) from None


def _registration(values: dict[str, str], offline: bool) -> Registration:
    reg = registration(
        orgnr=values.get("orgnr", ""), role=values.get("role", ""),
        kind=values.get("kind") or None, region=values.get("region") or None,
        name=values.get("name") or None, kommunenummer=values.get("kommunenummer") or None,
        signatory=_person(values, "signatory"), coordinator=_person(values, "coordinator"),
        offline=offline,
    )
    checked = check(reg)
    if offline and checked.orgnr not in reference.kommuner() and not (reg.name and
                                                                       reg.kommunenummer):
        raise InvalidInput(Code.CSV_OFFLINE_NEEDS_DETAILS, orgnr=checked.orgnr)
    return reg
