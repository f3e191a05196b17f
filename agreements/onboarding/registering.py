"""Registering a chunk of onboarding rows in one transaction: all at once in one savepoint,
or, when a row is refused, each in a savepoint of its own (the refused row reported, the
others written as if alone)."""

from __future__ import annotations

from contextlib import nullcontext
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from agreements.core import audit
from agreements.core.db import lock_name
from agreements.core.enums import Role
from agreements.core.models import Organisation
from agreements.errors import AvtaleflytError
from agreements.reference import deadlines
from agreements.registry.lookup import Registers
from agreements.registry.writing import UNREAD, Checked, Registered, write_new
from agreements.registry.writing import write as write_one

if TYPE_CHECKING:
    from agreements.onboarding.csvfile import Row
    from agreements.onboarding.outcome import Outcome

    Part = list[tuple[int, Row, Checked, Organisation | None, Outcome]]  # rows written together


def write(work: Registers, session: Session, part: Part) -> None:
    """Write a chunk's rows in the caller's transaction, under their names' locks."""
    orgnrs = sorted({c.orgnr for _, _, c, _, _ in part})
    for orgnr in orgnrs:  # two registrations at once
        lock_name(session, f"organisation:{orgnr}")
    stored = {o.orgnr: o for o in session.exec(select(Organisation).where(
        col(Organisation.orgnr).in_(orgnrs)))}  # read once under the locks
    new = [i.model_dump(exclude={"id"}) if i else None for _, _, _, i, _ in part]
    try:  # the part at once, in one savepoint; only when a row is refused, row by row
        with audit.savepoint(session):
            done = _write_rows(work, session, part, stored, alone=False)
    except AvtaleflytError:  # the refused row's new organisation was flushed: made again
        done = _write_rows(work, session, [(i, r, c, Organisation(**n) if n else None, o) for (
            i, r, c, _, o), n in zip(part, new, strict=True)], stored, alone=True)
    for out, result in done:
        out.orgnr, out.navn = result.orgnr, result.navn
        out.kilde_participation = result.roles.get(Role.KILDE)
        out.konsument_participation = result.roles.get(Role.KONSUMENT)
        out.steps.append("registered" if result.created else "already registered")
    if opened := [p for _, result in done for p in result.opened]:  # write_new's have dates
        deadlines.refresh(session, opened)


def _write_rows(work: Registers, session: Session, part: Part, stored: dict[str, Organisation],
                *, alone: bool) -> list[tuple[Outcome, Registered]]:
    """Each row's writes (organisations all new: `write_new`, at once); `alone`: each in a
    savepoint of its own, a refused row reported and the rest going on (else it is raised)."""
    new = [(c, i) for _, _, c, i, _ in part if i is not None and c.orgnr not in stored]
    if not alone and len(new) == len(part) == len({c.orgnr for c, _ in new}):
        return list(zip([o for *_, o in part], write_new(work, session, new), strict=True))
    done: list[tuple[Outcome, Registered]] = []
    written: set[str] = set()  # an orgnr twice in the part: the second reads the first
    for _, row, checked, identified, out in part:
        known = UNREAD if checked.orgnr in written else stored.get(checked.orgnr)
        written.add(checked.orgnr)
        try:
            with audit.savepoint(session) if alone else nullcontext():
                done.append((out, write_one(work, session, checked, identified,
                                            row.registration.name, stored=known)))
        except AvtaleflytError as exc:
            if not alone:
                raise
            out.error, out.failure = str(exc), exc
    return done
