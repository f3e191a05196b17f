"""The follow-up planner: what is due on a given day. Pure: a State and a day in, Actions out.

Each action that sends something carries the outbox key it will be sent under, so running the
plan twice (or twice at once) sends each message once, and a dry run can tell what is new.
Nothing is planned on weekends and Norwegian public holidays; the next working day catches up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from agreements.core.calendar import is_working_day, occurrence_dates, working_days_between
from agreements.followup.actions import (
    Action,
    Activate,
    Escalate,
    Expire,
    ExpiryWarning,
    Lapse,
    Notice,
    OpenOccurrence,
    Remind,
    RenewalDraft,
)


@dataclass(frozen=True)
class Cadence:
    reminder_first_after: int = 5
    reminder_every: int = 5
    reminder_max: int = 3
    checklist_escalate_after: int = 10
    nhn_chase_after: int = 10
    expiry_warning_days: tuple[int, ...] = (90, 30, 7)
    renewal_draft_days: int = 90


@dataclass(frozen=True)
class PendingSignature:
    signature_id: int
    agreement_id: int
    asked_on: date
    deadline: date
    e_signed: bool = False  # the signing service reminds the signer itself
    reminded: int = 0  # reminders queued about it so far
    last_reminded: date | None = None


@dataclass(frozen=True)
class OpenItem:
    """An open checklist item and its ladder: the reminders queued about it so far (the last
    on `last_reminded`) and whether it was escalated; `escalates`: someone to escalate to."""

    item_id: int
    participation_id: int
    due_on: date | None  # None: its event has not happened, or information only
    reminded: int = 0
    last_reminded: date | None = None
    escalated: bool = False
    escalates: bool = True


@dataclass(frozen=True)
class SubmittedOrder:
    order_id: int
    participation_id: int
    submitted_on: date
    reminded: int = 0  # chases queued about it so far (in the person's message of the day)
    last_reminded: date | None = None


@dataclass(frozen=True)
class InForce:
    agreement_id: int
    participation_id: int
    status: str  # signed (waiting for its effective date) or active
    effective_on: date
    expires_on: date
    has_successor: bool
    successor_signed: bool = False  # its renewal is signed: it takes over, nothing expires


@dataclass(frozen=True)
class Recurring:
    participation_id: int
    process_key: str
    rule: str
    live_on: date
    opened: frozenset[date]


@dataclass(frozen=True)
class State:
    signatures: tuple[PendingSignature, ...] = ()
    items: tuple[OpenItem, ...] = ()
    orders: tuple[SubmittedOrder, ...] = ()
    in_force: tuple[InForce, ...] = ()
    recurring: tuple[Recurring, ...] = ()


def plan(state: State, today: date, cadence: Cadence) -> list[Action]:
    if not is_working_day(today):
        return []
    return [
        *_signatures(state, today, cadence),
        *_checklist(state, today, cadence),
        *_orders(state, today, cadence),
        *_in_force(state, today, cadence),
        *_recurring(state, today),
    ]


def _signatures(state: State, today: date, c: Cadence) -> list[Action]:
    """Reminder 1 some working days after asking, then one every few working days; the
    escalation only after the last reminder went unanswered as long (never the same day). An
    e-signed signature is reminded by the signing service, so it is escalated on the same
    schedule without reminders of ours."""
    actions: list[Action] = []
    lapsed: set[int] = set()
    for s in state.signatures:
        if s.deadline < today:
            if s.agreement_id not in lapsed:
                lapsed.add(s.agreement_id)
                actions.append(Lapse(agreement_id=s.agreement_id))
            continue
        if working_days_between(s.asked_on, today) < c.reminder_first_after:
            continue
        if s.e_signed:
            elapsed = working_days_between(s.asked_on, today) - c.reminder_first_after
            if elapsed >= c.reminder_every * c.reminder_max:
                actions.append(Escalate(signature_id=s.signature_id,
                                        key=f"followup:escalate:signature:{s.signature_id}"))
            continue
        if s.last_reminded and working_days_between(s.last_reminded, today) < c.reminder_every:
            continue
        if s.reminded < c.reminder_max:
            n = s.reminded + 1
            actions.append(Remind(signature_id=s.signature_id, reminder=n,
                                  key=f"followup:remind:signature:{s.signature_id}:{n}"))
        else:
            actions.append(Escalate(signature_id=s.signature_id,
                                    key=f"followup:escalate:signature:{s.signature_id}"))
    return actions


def _checklist(state: State, today: date, c: Cadence) -> list[Action]:
    """Each overdue item's ladder: reminder 1 the first working day after its due date, the
    next every few working days, up to the configured number; then, once the last went
    unanswered as long (never in the same run) and the item is long overdue, one escalation
    (where there is someone to escalate to). An item without a due date is never reminded."""
    actions: list[Action] = []
    for item in state.items:
        if item.due_on is None or item.due_on >= today or item.escalated:
            continue
        if item.last_reminded and working_days_between(item.last_reminded, today) \
                < c.reminder_every:
            continue
        if item.reminded < c.reminder_max:
            actions.append(Notice(subject_key=f"item:{item.item_id}",
                                  participation_id=item.participation_id,
                                  notice="reminder", count=item.reminded + 1,
                                  last=item.last_reminded))
        elif item.escalates and working_days_between(item.due_on, today) \
                >= c.checklist_escalate_after:
            actions.append(Notice(subject_key=f"item:{item.item_id}",
                                  participation_id=item.participation_id,
                                  notice="escalation", count=item.reminded,
                                  last=item.last_reminded))
    return actions


def _orders(state: State, today: date, c: Cadence) -> list[Action]:
    """An order NHN has not confirmed: a chase to the organisation's own people some working
    days after it was sent, and again as long after the last; NHN is not escalated to."""
    actions: list[Action] = []
    for o in state.orders:
        since = o.last_reminded or o.submitted_on
        if working_days_between(since, today) >= c.nhn_chase_after:
            actions.append(Notice(subject_key=f"order:{o.order_id}",
                                  participation_id=o.participation_id, notice="reminder",
                                  count=o.reminded + 1, last=o.last_reminded))
    return actions


def _in_force(state: State, today: date, c: Cadence) -> list[Action]:
    actions: list[Action] = []
    for a in state.in_force:
        if a.status == "signed":
            if a.effective_on <= today:
                actions.append(Activate(agreement_id=a.agreement_id))
            continue
        days_left = (a.expires_on - today).days
        if days_left < 0:
            if not a.successor_signed:  # else the renewal's activation supersedes it
                actions.append(Expire(agreement_id=a.agreement_id))
            continue
        if days_left <= c.renewal_draft_days and not a.has_successor:
            # drafted before the warning, so the warning can name the draft
            actions.append(RenewalDraft(participation_id=a.participation_id,
                                        agreement_id=a.agreement_id))
        windows = [w for w in c.expiry_warning_days if days_left <= w]
        if windows:
            w = min(windows)
            actions.append(ExpiryWarning(agreement_id=a.agreement_id, window=w,
                                         key=f"followup:expiry:{a.agreement_id}:{w}"))
    return actions


def _recurring(state: State, today: date) -> list[Action]:
    actions: list[Action] = []
    for r in state.recurring:
        for day in occurrence_dates(r.rule, r.live_on, today):
            if day > r.live_on and day not in r.opened:
                actions.append(OpenOccurrence(participation_id=r.participation_id,
                                              process=r.process_key, day=day))
    return actions
