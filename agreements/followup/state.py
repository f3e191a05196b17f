"""Reading the database into the follow-up planner's State (the planner itself is pure)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from agreements import reference
from agreements.core.calendar import OSLO
from agreements.core.enums import ItemStatus, OrderStatus, Role, SignatureStatus, SigningJobStatus
from agreements.core.lifecycle import IN_FORCE, IN_PLAY, OUT_FOR_SIGNING, values
from agreements.core.models import (
    Agreement,
    ChecklistItem,
    NhnOrder,
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
    items_in_keys,
)
from agreements.outbox.queue import keys_with_prefix

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


def load_state(session: Session) -> State:
    e_signed = set(session.exec(select(SigningJob.agreement_id).where(
        SigningJob.status == SigningJobStatus.ACTIVE)))
    signatures = tuple(
        PendingSignature(s.id or 0, a.id or 0, s.asked_at.astimezone(OSLO).date(),
                         a.signing_deadline, a.id in e_signed)
        for s, a in session.exec(
            select(Signature, Agreement).join(Agreement)
            .where(Signature.status == SignatureStatus.PENDING,
                   col(Signature.asked_at).is_not(None),
                   col(Agreement.status).in_(values(OUT_FOR_SIGNING)))
            .order_by(col(Signature.id)))
        if s.asked_at and a.signing_deadline
    )
    items = tuple(OpenItem(i.id or 0, i.participation_id, i.due_on) for i in session.exec(
        select(ChecklistItem).where(ChecklistItem.status == ItemStatus.OPEN)
        .order_by(col(ChecklistItem.id))))
    orders = tuple(
        SubmittedOrder(o.id or 0, o.participation_id, o.submitted_at.astimezone(OSLO).date())
        for o in session.exec(select(NhnOrder).where(NhnOrder.status == OrderStatus.SUBMITTED))
        if o.submitted_at)
    successors = set(session.exec(select(Agreement.supersedes_id).where(
        col(Agreement.supersedes_id).is_not(None),
        col(Agreement.status).in_(values(IN_PLAY)))))
    in_force = tuple(
        InForce(a.id or 0, a.participation_id, a.status, a.effective_on, a.expires_on,
                a.id in successors)
        for a in session.exec(select(Agreement).where(
            col(Agreement.status).in_(values(IN_FORCE))).order_by(col(Agreement.id)))
        if a.effective_on and a.expires_on)
    keys = keys_with_prefix(session, "followup:checklist-")
    return State(signatures, items, orders, in_force, _recurring(session),
                 items_in_keys(keys, "reminder"), items_in_keys(keys, "escalation"))


def _recurring(session: Session) -> tuple[Recurring, ...]:
    live = list(session.exec(select(Participation).where(
        col(Participation.live_on).is_not(None))))
    opened: dict[tuple[int, str], set[date]] = defaultdict(set)
    for pid, key, occ in session.exec(
            select(ChecklistItem.participation_id, ChecklistItem.process_key,
                   ChecklistItem.occurrence).where(
                col(ChecklistItem.participation_id).in_([p.id for p in live]),
                ChecklistItem.occurrence != "")):
        opened[(pid, key)].add(date.fromisoformat(occ))
    return tuple(
        Recurring(p.id or 0, proc.key, proc.recurrence, p.live_on,
                  frozenset(opened[(p.id or 0, proc.key)]))
        for p in live if p.live_on
        for proc in reference.processes()
        if proc.recurrence and proc.applies(Role(p.role))
    )
