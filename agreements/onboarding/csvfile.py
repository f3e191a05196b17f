"""The onboarding CSV: parsed and validated row by row, so bad rows never stop good ones.

Columns (header row required; only orgnr and role must be present):
orgnr,role,kind,region,name,kommunenummer,signatory_name,signatory_email,
coordinator_name,coordinator_email. Comma or semicolon separated, UTF-8 with or without BOM.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from agreements import reference
from agreements.errors import AvtaleflytError, InvalidInput
from agreements.registry.orgnr import normalise
from agreements.registry.register import Registration, check

COLUMNS = ("orgnr", "role", "kind", "region", "name", "kommunenummer", "signatory_name",
           "signatory_email", "coordinator_name", "coordinator_email")
REQUIRED = ("orgnr", "role")


@dataclass(frozen=True)
class Row:
    line: int
    registration: Registration


@dataclass(frozen=True)
class BadRow:
    line: int
    orgnr: str
    reason: str


def read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InvalidInput(f"CSV file {str(path)!r} does not exist") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"{path.name} is not UTF-8: save it as 'CSV UTF-8' in Excel") from None


def parse(text: str, *, offline: bool = False) -> tuple[list[Row], list[BadRow]]:
    text = text.removeprefix("\ufeff")
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise InvalidInput("the CSV is empty: it needs a header row with orgnr and role")
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.DictReader(lines, delimiter=delimiter)
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c and c not in COLUMNS]
    if missing or unknown:
        raise InvalidInput("CSV header: " + "; ".join(
            ([f"missing column(s) {', '.join(missing)}"] if missing else [])
            + ([f"unknown column(s) {', '.join(unknown)}"] if unknown else [])))
    reader.fieldnames = header
    good: list[Row] = []
    bad: list[BadRow] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(reader, start=2):
        values = {k: (v or "").strip() for k, v in raw.items() if k}
        if not any(values.values()):
            continue
        try:
            reg = _registration(values, offline)
            orgnr = normalise(reg.orgnr)
            if orgnr in seen:
                raise InvalidInput(f"{orgnr} is already on line {seen[orgnr]}")
            seen[orgnr] = number
            good.append(Row(number, reg))
        except AvtaleflytError as exc:
            bad.append(BadRow(number, values.get("orgnr", ""), str(exc)))
    return good, bad


def _person(values: dict[str, str], who: str) -> str | None:
    name, email = values.get(f"{who}_name", ""), values.get(f"{who}_email", "")
    if not name and not email:
        return None
    if not (name and email):
        raise InvalidInput(f"{who}_name and {who}_email must be given together")
    return f"{name} <{email}>"


def _registration(values: dict[str, str], offline: bool) -> Registration:
    reg = Registration(
        orgnr=values.get("orgnr", ""), role=values.get("role", ""),
        kind=values.get("kind") or None, region=values.get("region") or None,
        name=values.get("name") or None, kommunenummer=values.get("kommunenummer") or None,
        signatory=_person(values, "signatory"), coordinator=_person(values, "coordinator"),
        offline=offline,
    )
    checked = check(reg)
    if offline and checked.orgnr not in reference.kommuner() and not (reg.name and
                                                                       reg.kommunenummer):
        raise InvalidInput(f"{checked.orgnr} is not a kommune: offline it needs name and "
                           "kommunenummer")
    return reg
