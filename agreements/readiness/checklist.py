"""The readiness checklist: items opened from the process catalogue, with evidence."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import insert
from sqlmodel import Session, col, select

from agreements import links, messages, reference
from agreements.contracts.parties import contacts_of
from agreements.core import audit
from agreements.core.calendar import add_working_days, occurrence_dates
from agreements.core.enums import ContactRole, ItemStatus, ReviewStatus, Role
from agreements.core.lifecycle import CHECKLIST_ITEM
from agreements.core.models import ChecklistItem, Contact, Organisation, Participation
from agreements.documents import kinds, store
from agreements.errorcodes import Code
from agreements.errors import InvalidInput, NotFound, Refused
from agreements.outbox import queue
from agreements.readiness import ownevidence
from agreements.reference import Process, deadlines

if TYPE_CHECKING:
    from agreements.core.ports import Stores, Work


def initial_processes(role: Role, kind: str | None = None) -> list[Process]:
    """Preparation steps, and the operation routines that must exist before go-live (those
    offered to the role and, when given, the kind of organisation)."""
    return [
        p for p in reference.processes()
        if p.applies(role, kind) and (p.phase == "preparation" or p.mandatory)
    ]


def open_checklist(session: Session, participation: Participation, kind: str | None = None,
                   *, refresh: bool = True, new: bool = False,
                   seen: deadlines.Events | None = None) -> int:
    """Open the participation's items from the catalogue (one INSERT for all), each due after
    the event it follows (`reference.deadlines`; `refresh=False`: the caller refreshes the due
    dates, once for a batch; `seen`: what a new participation has seen, the dates written
    with the items); opening again adds nothing (`new`: the participation was added in this
    transaction, so it has no items to look for). Returns how many it opened."""
    existing: set[str] = set() if new else set(session.exec(
        select(ChecklistItem.process_key).where(
            ChecklistItem.participation_id == participation.id, ChecklistItem.occurrence == ""
        )
    ))
    if kind is None:
        org = session.get(Organisation, participation.organisation_id)
        kind = org.kind if org else None
    wanted = [p for p in initial_processes(Role(participation.role), kind)
              if p.key not in existing]
    if seen is not None:
        seen = replace(seen, on_checklist=frozenset(existing | {p.key for p in wanted}))
    added = [{"participation_id": participation.id or 0, "process_key": p.key,
              "occurrence": "", "status": ItemStatus.OPEN.value} | ({} if seen is None else {
                  "due_on": deadlines.due_on(p.after, p.due_working_days, seen)})
             for p in wanted]
    if added:
        session.execute(insert(ChecklistItem), added)
    if refresh:
        deadlines.refresh(session, [participation.id or 0])
    return len(added)


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
        raise NotFound(Code.ITEM_UNKNOWN, item=key, items=keys)
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


def document_types(item_key: str, title: str, evidence: Evidence,
                   given: Sequence[str]) -> str | None:
    """The chosen types as stored (JSON), for the forhåndsvurdering; refused elsewhere, and
    refused there without evidence or without a single type."""
    if item_key != reference.DOCUMENT_TYPES_ITEM:
        if given:
            raise InvalidInput(Code.TYPES_NOT_HERE, title=title,
                               types_item=reference.DOCUMENT_TYPES_ITEM)
        return None
    if not evidence.given or not given:
        raise InvalidInput(Code.TYPES_NEED_EVIDENCE, title=title)
    chosen = []
    for value in given:
        navn, _, beskrivelse = value.partition(":")
        if not navn.strip():
            raise InvalidInput(Code.TYPE_WITHOUT_NAME, value=value)
        chosen.append({"navn": navn.strip(), "beskrivelse": beskrivelse.strip()})
    return json.dumps(chosen, ensure_ascii=False)


def complete(work: Stores, session: Session, participation: Participation, key: str,
             evidence: Evidence, by: str | None, types: Sequence[str] = (),
             shared_reason: str | None = None) -> ChecklistItem:
    """Tick off an item with its evidence; a file that is already another mandatory item's
    is refused unless the organiser's coordinator gives `shared_reason` (`ownevidence`)."""
    item = find_item(session, participation, key)
    process = reference.process(item.process_key)
    if not (evidence.given or by):
        raise InvalidInput(Code.EVIDENCE_OR_BY, title=process.title)
    chosen = document_types(item.process_key, process.title, evidence, types)
    if process.evidence in ("document", "link") and not evidence.given:
        raise InvalidInput(Code.EVIDENCE_NEEDED, title=process.title, evidence=process.evidence)
    CHECKLIST_ITEM.advance(item, ItemStatus.DONE, item=key)
    item.document_types = chosen
    doc = None
    if evidence.data is not None:  # stored under its hash and its kind: the name is text only
        suffix = kinds.evidence_suffix(evidence.data, evidence.file_name or "evidence")
        item.shared_evidence = ownevidence.require_own(session, item, evidence.data,
                                                       shared_reason)
        name = f"{key}-{store.sha256(evidence.data)[:16]}{suffix}"
        doc = work.documents.put(session, kind="evidence", folder=f"evidence/{participation.id}",
                                 name=name, data=evidence.data)
        item.evidence_id = doc.id
    item.evidence_url = evidence.url
    item.done_by = by or work.actor
    item.done_at = work.clock.now()
    item.review_status = item.review_reason = None  # a new hand-in awaits review
    item.reviewed_by = item.reviewed_at = None
    audit.record(session, actor=work.actor, action="checklist.done",
                 subject=f"participation:{participation.id}",
                 data={"item": key, "occurrence": item.occurrence, "by": item.done_by,
                       "url": evidence.url, "file": evidence.file_name,
                       "sha256": doc.sha256 if doc else None,
                       "shared_evidence": item.shared_evidence,
                       **({"document_types": json.loads(chosen)} if chosen else {})})
    deadlines.refresh(session, [participation.id or 0])  # the items that follow this one
    return item


def reopen(work: Work, session: Session, participation: Participation, key: str,
           reason: str | None) -> ChecklistItem:
    rows = [i for i in items(session, participation.id or 0)
            if i.process_key == key and i.status != ItemStatus.OPEN]
    if not rows:
        raise Refused(Code.ITEM_NOT_CLOSED, item=key)
    item = rows[-1]
    CHECKLIST_ITEM.advance(item, ItemStatus.OPEN, item=key)
    item.done_by = item.done_at = item.evidence_url = item.evidence_id = None
    item.review_status = item.review_reason = item.reviewed_by = item.reviewed_at = None
    item.document_types = item.shared_evidence = None
    item.reason = reason
    audit.record(session, actor=work.actor, action="checklist.reopened",
                 subject=f"participation:{participation.id}",
                 data={"item": key, "reason": reason})
    deadlines.refresh(session, [participation.id or 0])
    return item


def review(work: Work, session: Session, participation: Participation, key: str, *,
           accept: bool, reason: str | None) -> tuple[ChecklistItem, list[str]]:
    """The organiser's review of a done item: accept it, or send it back with a reason (the
    item opens again and the organisation is told). Returns the item and the mail keys."""
    done = [i for i in items(session, participation.id or 0)
            if i.process_key == key and i.status == ItemStatus.DONE]
    if not done:
        find_item(session, participation, key)  # unknown key: NotFound naming the items
        raise Refused(Code.NOTHING_TO_REVIEW, item=key)
    item, title = done[-1], reference.process(key).title
    if not accept and not (reason and reason.strip()):
        raise InvalidInput(Code.SEND_BACK_NEEDS_REASON)
    handed_in = (item.done_at or work.clock.now()).isoformat()  # keys the e-mail per hand-in
    item.review_status = ReviewStatus.ACCEPTED if accept else ReviewStatus.SENT_BACK
    item.review_reason = None if accept else (reason or "").strip()
    item.reviewed_by, item.reviewed_at = work.actor, work.clock.now()
    audit.record(session, actor=work.actor, action="checklist.reviewed",
                 subject=f"participation:{participation.id}",
                 data={"item": key, "occurrence": item.occurrence,
                       "decision": item.review_status, "reason": item.review_reason})
    if accept:
        return item, []
    CHECKLIST_ITEM.advance(item, ItemStatus.OPEN, item=key)
    item.done_by = item.done_at = item.evidence_url = item.evidence_id = None
    deadlines.refresh(session, [participation.id or 0])
    org = session.get(Organisation, participation.organisation_id)
    assert org is not None
    who = work.actor.removeprefix("portal:")
    reviewer = session.exec(select(Contact.name).where(Contact.email == who)).first() or who
    keys = []
    for to in (contacts_of(session, org, ContactRole.COORDINATOR)
               or contacts_of(session, org, ContactRole.SIGNATORY)):
        mail_key = f"checklist:{item.id}:sent-back:{handed_in}:{to.email}"
        subject, body = messages.evidence_sent_back(
            navn=to.name, virksomhet=org.navn, punkt=title, grunn=item.review_reason or "",
            av=reviewer, lenke=links.checklist(work.settings, org.orgnr))
        queue.mail_to(work, session, mail_key, to, (subject, body))
        keys.append(mail_key)
    return item, keys
