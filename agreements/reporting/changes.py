"""What changed since last week's report: each report marks where every organisation and role
stood (`ReportMark`), and the next compares with the latest marks at least a week old.

Without such an earlier report the sheet says so in one line rather than showing nothing
changed: the report cannot know what it did not record.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from agreements.core.db import is_postgres
from agreements.core.models import ReportMark
from agreements.reporting.rollout import CHANGE_COLUMNS, PHASES_NB, Report

ORDER = {name: i for i, name in enumerate(PHASES_NB.values())}


def _key(row: dict[str, Any]) -> tuple[str, str]:
    return row["Organisasjonsnummer"], row["Rolle"] or ""


def compare(session: Session, report: Report) -> None:
    """Fill `report.changes` from the latest marks at least seven days before its day."""
    read = session.connection().execute
    before = read(sa.select(sa.func.max(col(ReportMark.day))).where(
        col(ReportMark.day) <= report.today - timedelta(days=7))).scalar()
    report.compared_with = before
    if before is None:
        report.changes = [{**dict.fromkeys(CHANGE_COLUMNS, ""), "Endring": (
            "ingen rapport fra minst én uke før å sammenligne med; neste ukes rapport viser "
            "endringene")}]
        return
    then = {(orgnr, role): (phase, waiting) for orgnr, role, phase, waiting in read(
        sa.select(col(ReportMark.orgnr), col(ReportMark.role), col(ReportMark.phase),
                  col(ReportMark.waiting)).where(col(ReportMark.day) == before))}
    found = []
    for row in report.organisations:
        old = then.get(_key(row)) or then.get((row["Organisasjonsnummer"], ""))
        change = _change(old, row)
        if change:
            found.append({"Kommunenummer": row["Kommunenummer"],
                          "Organisasjonsnummer": row["Organisasjonsnummer"],
                          "Virksomhet": row["Virksomhet"], "Rolle": row["Rolle"],
                          "Fase forrige uke": old[0] if old else "", "Fase nå": row["Fase"],
                          "Venter på nå": row["Venter på"], "Endring": change})
    report.changes = sorted(found, key=lambda r: (-ORDER.get(r["Fase nå"], 0),
                                                  r["Virksomhet"])) or [
        {**dict.fromkeys(CHANGE_COLUMNS, ""),
         "Endring": f"ingen endringer siden rapporten {before:%d.%m.%Y}"}]


def _change(old: tuple[str, str] | None, row: dict[str, Any]) -> str | None:
    if old is None:
        return "ny i rapporten"  # e.g. an avtalespesialist, which has no row before it registers
    phase, waiting = old
    if phase != row["Fase"]:
        return ("videre" if ORDER.get(row["Fase"], 0) > ORDER.get(phase, 0)
                else "tilbake") + f" fra «{phase}»"
    if waiting != (row["Venter på"] or ""):
        return f"venter nå på noe annet (før: {waiting or 'ingenting'})"
    return None


def record(session: Session, report: Report) -> None:
    """Mark where every row stood on the report's day (once a day: a second report that day
    keeps the first marks)."""
    from sqlalchemy.dialects import postgresql, sqlite

    rows = {_key(r): r for r in report.organisations}
    if not rows:
        return
    insert = postgresql.insert if is_postgres(session) else sqlite.insert
    session.execute(insert(ReportMark).values([
        {"day": report.today, "orgnr": orgnr, "role": role, "phase": r["Fase"],
         "waiting": (r["Venter på"] or "")[:300]} for (orgnr, role), r in rows.items()
    ]).on_conflict_do_nothing(index_elements=["day", "orgnr", "role"]))
