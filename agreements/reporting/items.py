"""One participation's checklist as people read it: each item with its title and what it
asks for, due date, state, evidence and the organiser's review; `current` marks the item an
action on its key applies to (the open one, or else the latest), `reviewable` the item a
review applies to (the latest done one)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from agreements import reference
from agreements.core.enums import ItemStatus
from agreements.core.models import ChecklistItem, Document
from agreements.reference import deadlines
from agreements.reporting.tables import types_of


@dataclass(frozen=True)
class Item:
    id: int
    key: str
    title: str
    description: str
    evidence_kind: str  # document | link | confirmation
    mandatory: bool
    occurrence: str | None
    due_on: date | None  # None: its event has not happened yet, or information only
    due_when: str | None  # then: when it will be due, in bokmål (reference.deadlines.when)
    overdue: bool
    status: str
    evidence_url: str | None
    document: Document | None
    done_by: str | None
    done_at: datetime | None
    reason: str | None
    review_status: str | None
    review_reason: str | None
    reviewed_by: str | None
    current: bool
    reviewable: bool  # the latest done item of its key: what a review applies to
    document_types: tuple[tuple[str, str], ...] = ()  # the forhåndsvurdering's (name, about)
    review_required: bool = False  # a gate until the organiser accepts it (processes.toml)
    shared_evidence: str | None = None  # why the organiser took another item's file for it

    @property
    def awaiting_review(self) -> bool:
        return self.reviewable and self.review_status is None


def checklist(session: Session, participation_id: int, today: date) -> list[Item]:
    rows = list(session.exec(
        select(ChecklistItem).where(ChecklistItem.participation_id == participation_id)
        .order_by(col(ChecklistItem.occurrence), col(ChecklistItem.due_on),
                  col(ChecklistItem.id))))
    docs = {d.id: d for d in session.exec(select(Document).where(
        col(Document.id).in_([i.evidence_id for i in rows if i.evidence_id])))}
    current: dict[str, int] = {}
    for i in rows:  # as `readiness.checklist.find_item` chooses: first open, else the latest
        if i.status == ItemStatus.OPEN:
            current.setdefault(i.process_key, i.id or 0)
    last_done: dict[str, int] = {}
    for i in rows:
        if not any(r.process_key == i.process_key and r.status == ItemStatus.OPEN for r in rows):
            current[i.process_key] = i.id or 0
        if i.status == ItemStatus.DONE:
            last_done[i.process_key] = i.id or 0
    found = []
    for i in rows:
        p = reference.process(i.process_key)
        found.append(Item(
            id=i.id or 0, key=i.process_key, title=p.title, description=p.description,
            evidence_kind=p.evidence, mandatory=p.mandatory, occurrence=i.occurrence or None,
            due_on=i.due_on, due_when=None if i.due_on else deadlines.when(i.process_key),
            overdue=i.status == ItemStatus.OPEN and deadlines.overdue(i.due_on, today),
            status=i.status, evidence_url=i.evidence_url,
            document=docs.get(i.evidence_id) if i.evidence_id else None, done_by=i.done_by,
            done_at=i.done_at, reason=i.reason, review_status=i.review_status,
            review_reason=i.review_reason, reviewed_by=i.reviewed_by,
            current=current.get(i.process_key) == i.id,
            reviewable=last_done.get(i.process_key) == i.id,
            document_types=types_of(i.document_types), review_required=p.review,
            shared_evidence=i.shared_evidence))
    return found
