"""Reading the database into the follow-up planner's State (the planner itself is pure)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from agreements import reference
from agreements.core.bulk import collector_paused
from agreements.core.calendar import OSLO
from agreements.core.enums import (
    AgreementKind,
    AgreementStatus,
    ItemStatus,
    OrderStatus,
    Role,
    SignatureStatus,
    SigningJobStatus,
)
from agreements.core.lifecycle import IN_FORCE, OUT_FOR_SIGNING, values
from agreements.core.models import (
    Agreement,
    ChecklistItem,
    FollowUpNotice,
    NhnOrder,
    OutboxMessage,
    Participation,
    Signature,
    SigningJob,
)
from agreements.followup.plan import (
    Cadence,
    InForce,
    OpenItem,
    PendingSignature,
    Recurring,
    State,
    SubmittedOrder,
)

if TYPE_CHECKING:
    from agreements.config import Settings


def cadence(settings: Settings) -> Cadence:
    return Cadence(
        reminder_first_after=settings.reminder_first_after,
        reminder_every=settings.reminder_every, reminder_max=settings.reminder_max,
        checklist_escalate_after=settings.checklist_escalate_after,
        nhn_chase_after=settings.nhn_chase_after,
        expiry_warning_days=tuple(settings.expiry_warning_days),
        renewal_draft_days=settings.renewal_draft_days,
    )


def _reader(session: Session) -> Callable[[Any], Any]:
    """Core queries on the session's connection: rows as tuples, no ORM objects built."""
    return session.connection().execute


def load_state(session: Session, *, escalate_konsumenter: bool = False) -> State:
    """What the planner needs, read as plain columns (no ORM objects), in a fixed number of
    queries whatever the number of organisations. `escalate_konsumenter`: the settings name
    someone to escalate a konsument's items to (it has no organiser)."""
    with collector_paused():
        return _load_state(session, escalate_konsumenter)


def _signature_ladder(session: Session) -> dict[int, tuple[int, date]]:
    """Per signature: the reminders queued about it so far, and the day of the last."""
    prefix = "followup:remind:signature:"
    found: dict[int, tuple[int, date]] = {}
    for key, at in _reader(session)(sa.select(col(OutboxMessage.key),
                                              col(OutboxMessage.created_at))
                                    .where(col(OutboxMessage.key).startswith(prefix))):
        sid = int(key.removeprefix(prefix).split(":")[0])
        count, last = found.get(sid, (0, date.min))
        found[sid] = (count + 1, max(last, at.astimezone(OSLO).date()))
    return found


def _item_ladder(session: Session, prefix: str = "item:"
                 ) -> dict[int, tuple[int, date | None, bool]]:
    """Per checklist item (or NHN order: `prefix` order:): the reminders queued about it
    (their highest number), the day of the last, and whether it was escalated."""
    found: dict[int, tuple[int, date | None, bool]] = {}
    for subject, kind, number, day in _reader(session)(
            sa.select(col(FollowUpNotice.subject), col(FollowUpNotice.kind),
                      sa.func.max(col(FollowUpNotice.number)), sa.func.max(col(FollowUpNotice.day)))
            .where(col(FollowUpNotice.subject).startswith(prefix))
            .group_by(col(FollowUpNotice.subject), col(FollowUpNotice.kind))):
        iid = int(subject.removeprefix(prefix))
        count, last, escalated = found.get(iid, (0, None, False))
        if kind == "escalation":
            found[iid] = (count, last, True)
        else:
            found[iid] = (number, day, escalated)
    return found


def _load_state(session: Session, escalate_konsumenter: bool) -> State:
    rows = _reader(session)
    ladder = _signature_ladder(session)
    # Out for e-signing (or stopped there, waiting for the coordinator): the signer cannot
    # hand in a copy by hand, so no reminder asks them to.
    e_signed = set(rows(sa.select(col(SigningJob.agreement_id)).where(
        col(SigningJob.status).in_([SigningJobStatus.ACTIVE, SigningJobStatus.FAILED])))
        .scalars())
    signatures = tuple(
        PendingSignature(sid, aid, asked.astimezone(OSLO).date(), deadline, aid in e_signed,
                         *ladder.get(sid, (0, None)))
        for sid, aid, asked, deadline in rows(
            sa.select(col(Signature.id), col(Signature.agreement_id), col(Signature.asked_at),
                      col(Agreement.signing_deadline)).join(Agreement)
            .where(col(Signature.status) == SignatureStatus.PENDING,
                   col(Signature.asked_at).is_not(None),
                   col(Agreement.status).in_(values(OUT_FOR_SIGNING)))
            .order_by(col(Signature.id)))
        if asked and deadline
    )
    notices = _item_ladder(session)
    items = tuple(
        OpenItem(iid, pid, due, *notices.get(iid, (0, None, False)),
                 escalates=(role == Role.KILDE and area is not None) or escalate_konsumenter)
        for iid, pid, due, role, area in rows(
            sa.select(col(ChecklistItem.id), col(ChecklistItem.participation_id),
                      col(ChecklistItem.due_on), col(Participation.role),
                      col(Participation.area_id)).join(Participation)
            .where(col(ChecklistItem.status) == ItemStatus.OPEN)
            .order_by(col(ChecklistItem.id))))
    chased = _item_ladder(session, "order:")
    orders = tuple(
        SubmittedOrder(oid, pid, submitted.astimezone(OSLO).date(),
                       *chased.get(oid, (0, None, False))[:2])
        for oid, pid, submitted in rows(
            sa.select(col(NhnOrder.id), col(NhnOrder.participation_id), col(NhnOrder.submitted_at))
            .where(col(NhnOrder.status) == OrderStatus.SUBMITTED).order_by(col(NhnOrder.id)))
        if submitted)
    # A renewal made once counts, in play or not: one withdrawn, declined or lapsed is not
    # made again unless a coordinator asks (`agreement renew`); a regenerated draft's
    # replacement stands for it.
    successors: dict[int, set[str]] = defaultdict(set)
    for old, status in rows(sa.select(col(Agreement.supersedes_id), col(Agreement.status)).where(
            col(Agreement.supersedes_id).is_not(None),
            col(Agreement.status) != AgreementStatus.SUPERSEDED.value)):
        successors[old].add(status)
    in_force = tuple(
        InForce(aid, pid, status, effective, expires, aid in successors,
                bool(successors.get(aid, set()) & set(values(IN_FORCE))))
        for aid, pid, status, effective, expires in rows(
            sa.select(col(Agreement.id), col(Agreement.participation_id), col(Agreement.status),
                      col(Agreement.effective_on), col(Agreement.expires_on))
            .where(col(Agreement.status).in_(values(IN_FORCE)),  # an annex has no term
                   col(Agreement.kind) == AgreementKind.AGREEMENT).order_by(col(Agreement.id)))
        if effective and expires)
    return State(signatures, items, orders, in_force, _recurring(session))


def _recurring(session: Session) -> tuple[Recurring, ...]:
    """Each live participation's recurring processes, with the occurrences already opened
    (one join, not a list of ids: the live participations may be thousands)."""
    rows = _reader(session)
    live = list(rows(
        sa.select(col(Participation.id), col(Participation.role), col(Participation.live_on))
        .where(col(Participation.live_on).is_not(None)).order_by(col(Participation.id))))
    opened: dict[tuple[int, str], set[date]] = defaultdict(set)
    for pid, key, occ in rows(
            sa.select(col(ChecklistItem.participation_id), col(ChecklistItem.process_key),
                      col(ChecklistItem.occurrence)).join(Participation)
            .where(col(Participation.live_on).is_not(None), col(ChecklistItem.occurrence) != "")):
        opened[(pid, key)].add(date.fromisoformat(occ))
    processes = [p for p in reference.processes() if p.recurrence]
    return tuple(
        Recurring(pid, proc.key, proc.recurrence, live_on, frozenset(opened[(pid, proc.key)]))
        for pid, role, live_on in live
        for proc in processes
        if proc.recurrence and proc.applies(Role(role))
    )


def still_open(session: Session, subjects: list[str]) -> set[str]:
    """The subjects still owed: items open, orders still unconfirmed by NHN."""
    items = [int(x.removeprefix("item:")) for x in subjects if x.startswith("item:")]
    orders = [int(x.removeprefix("order:")) for x in subjects if x.startswith("order:")]
    still = {f"item:{i}" for i in session.exec(select(ChecklistItem.id).where(
        col(ChecklistItem.id).in_(items), col(ChecklistItem.status) == ItemStatus.OPEN))}
    return still | {f"order:{o}" for o in session.exec(select(NhnOrder.id).where(
        col(NhnOrder.id).in_(orders), col(NhnOrder.status) == OrderStatus.SUBMITTED))}
