"""The readiness checklist: items opened from the process catalogue, with evidence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from agreements import reference
from agreements.core import audit
from agreements.core.calendar import add_working_days, occurrence_dates
from agreements.core.enums import ItemStatus, Role
from agreements.core.lifecycle import CHECKLIST_ITEM
from agreements.core.models import ChecklistItem, Participation
from agreements.documents import store
from agreements.errors import InvalidInput, NotFound, Refused
from agreements.reference import Process

if TYPE_CHECKING:
    from agreements.app import App


def initial_processes(role: Role) -> list[Process]:
    """Preparation steps, and the operation routines that must exist before go-live."""
    return [
        p for p in reference.processes()
        if p.applies(role) and (p.phase == "preparation" or p.mandatory)
    ]


def open_checklist(session: Session, participation: Participation) -> list[ChecklistItem]:
    """Open the participation's items from the catalogue; opening again adds nothing."""
    existing = set(session.exec(
        select(ChecklistItem.process_key).where(
            ChecklistItem.participation_id == participation.id, ChecklistItem.occurrence == ""
        )
    ))
    added = []
    for p in initial_processes(Role(participation.role)):
        if p.key in existing:
            continue
        item = ChecklistItem(
            participation_id=participation.id or 0, process_key=p.key, occurrence="",
            status=ItemStatus.OPEN, due_on=add_working_days(participation.registered_on,
                                                            p.due_working_days),
        )
        session.add(item)
        added.append(item)
    session.flush()
    return added


def due_occurrences(process: Process, live_on: date, until: date) -> list[date]:
    """Occurrences of a recurring process from go-live up to and including `until`.

    The go-live date itself is not an occurrence: the routine was set up then.
    """
    if not process.recurrence:
        return []
    return [d for d in occurrence_dates(process.recurrence, live_on, until) if d > live_on]


def open_occurrence(session: Session, participation: Participation, process: Process,
                    day: date) -> ChecklistItem | None:
    """Open the occurrence of `process` on `day` unless it exists already."""
    exists = session.exec(select(ChecklistItem.id).where(
        ChecklistItem.participation_id == participation.id,
        ChecklistItem.process_key == process.key,
        ChecklistItem.occurrence == day.isoformat(),
    )).first()
    if exists:
        return None
    item = ChecklistItem(
        participation_id=participation.id or 0, process_key=process.key,
        occurrence=day.isoformat(), status=ItemStatus.OPEN,
        due_on=add_working_days(day, process.occurrence_due_working_days),
    )
    session.add(item)
    session.flush()
    return item


def items(session: Session, participation_id: int) -> list[ChecklistItem]:
    return list(session.exec(
        select(ChecklistItem).where(ChecklistItem.participation_id == participation_id)
        .order_by(col(ChecklistItem.occurrence), col(ChecklistItem.due_on),
                  col(ChecklistItem.id))
    ))


def find_item(session: Session, participation: Participation, key: str) -> ChecklistItem:
    """The open (or else the latest) item for a process key, e.g. 'dpia' or 'loggkontroll'."""
    rows = [i for i in items(session, participation.id or 0) if i.process_key == key]
    if not rows:
        keys = sorted({i.process_key for i in items(session, participation.id or 0)})
        raise NotFound(f"no checklist item {key!r}; items are: {', '.join(keys)}")
    open_rows = [i for i in rows if i.status == ItemStatus.OPEN]
    return open_rows[0] if open_rows else rows[-1]


@dataclass(frozen=True)
class Evidence:
    """A link, or a file's name and content (read and checked by the front door)."""

    url: str | None = None
    file_name: str | None = None
    data: bytes | None = None

    @property
    def given(self) -> bool:
        return bool(self.url or self.data is not None)


def complete(app: App, session: Session, participation: Participation, key: str,
             evidence: Evidence, by: str | None) -> ChecklistItem:
    item = find_item(session, participation, key)
    process = reference.process(item.process_key)
    if not (evidence.given or by):
        raise InvalidInput(
            f"{process.title}: give --evidence (a file or a link) or --by (who confirms it)"
        )
    if process.evidence in ("document", "link") and not evidence.given:
        raise InvalidInput(f"{process.title} needs its {process.evidence} as evidence: give "
                           "--evidence FILE or --evidence https://…; --by alone is not enough")
    CHECKLIST_ITEM.advance(item, ItemStatus.DONE, what=f"checklist item {key}")
    doc = None
    if evidence.data is not None:
        doc = store.store(app, session, kind="evidence", folder=f"evidence/{participation.id}",
                          name=f"{key}-{evidence.file_name or 'fil'}", data=evidence.data)
        item.evidence_id = doc.id
    item.evidence_url = evidence.url
    item.done_by = by or app.actor
    item.done_at = app.clock.now()
    audit.record(session, actor=app.actor, action="checklist.done",
                 subject=f"participation:{participation.id}",
                 data={"item": key, "occurrence": item.occurrence, "by": item.done_by,
                       "url": evidence.url, "sha256": doc.sha256 if doc else None})
    return item


def waive(app: App, session: Session, participation: Participation, key: str, reason: str,
          force: bool) -> ChecklistItem:
    if not reason or not reason.strip():
        raise InvalidInput("waiving needs a reason: give --reason")
    item = find_item(session, participation, key)
    process = reference.process(item.process_key)
    if process.mandatory and not force:
        raise Refused(f"{process.title} is mandatory for go-live; waive it only with --force")
    CHECKLIST_ITEM.advance(item, ItemStatus.WAIVED, what=f"checklist item {key}")
    item.reason = reason.strip()
    item.done_by, item.done_at = app.actor, app.clock.now()
    audit.record(session, actor=app.actor, action="checklist.waived",
                 subject=f"participation:{participation.id}",
                 data={"item": key, "reason": item.reason, "forced": force,
                       "mandatory": process.mandatory})
    return item


def reopen(app: App, session: Session, participation: Participation, key: str,
           reason: str | None) -> ChecklistItem:
    rows = [i for i in items(session, participation.id or 0)
            if i.process_key == key and i.status != ItemStatus.OPEN]
    if not rows:
        raise Refused(f"checklist item {key!r} is not done or waived")
    item = rows[-1]
    CHECKLIST_ITEM.advance(item, ItemStatus.OPEN, what=f"checklist item {key}")
    item.done_by = item.done_at = item.evidence_url = item.evidence_id = None
    item.reason = reason
    audit.record(session, actor=app.actor, action="checklist.reopened",
                 subject=f"participation:{participation.id}",
                 data={"item": key, "reason": reason})
    return item
