"""The follow-up planner: what is due on a given day. Pure: a State and a day in, Actions out.

Each action that sends something carries the outbox key it will be sent under, so running the
plan twice (or twice at once) sends each message once, and a dry run can tell what is new.
Nothing is planned on weekends and Norwegian public holidays; the next working day catches up.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from agreements.core.calendar import is_working_day, occurrence_dates, working_days_between
from agreements.followup.actions import (
    Action,
    Activate,
    ChecklistEscalation,
    ChecklistReminder,
    Escalate,
    Expire,
    ExpiryWarning,
    Lapse,
    NhnChase,
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
    expiry_warning_days: tuple[int, ...] = (90, 30)
    renewal_draft_days: int = 90


@dataclass(frozen=True)
class PendingSignature:
    signature_id: int
    agreement_id: int
    asked_on: date
    deadline: date
    e_signed: bool = False  # the signing service reminds the signer itself


@dataclass(frozen=True)
class OpenItem:
    item_id: int
    participation_id: int
    due_on: date


@dataclass(frozen=True)
class SubmittedOrder:
    order_id: int
    participation_id: int
    submitted_on: date


@dataclass(frozen=True)
class InForce:
    agreement_id: int
    participation_id: int
    status: str  # signed (waiting for its effective date) or active
    effective_on: date
    expires_on: date
    has_successor: bool


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
    reminded_items: frozenset[int] = frozenset()
    escalated_items: frozenset[int] = frozenset()


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
    actions: list[Action] = []
    lapsed: set[int] = set()
    for s in state.signatures:
        if s.deadline < today:
            if s.agreement_id not in lapsed:
                lapsed.add(s.agreement_id)
                actions.append(Lapse(agreement_id=s.agreement_id))
            continue
        elapsed = working_days_between(s.asked_on, today)
        if elapsed < c.reminder_first_after:
            continue
        n = 1 + (elapsed - c.reminder_first_after) // c.reminder_every
        if n <= c.reminder_max:
            if not s.e_signed:
                actions.append(Remind(signature_id=s.signature_id, reminder=n,
                                      key=f"followup:remind:signature:{s.signature_id}:{n}"))
        else:
            actions.append(Escalate(signature_id=s.signature_id,
                                    key=f"followup:escalate:signature:{s.signature_id}"))
    return actions


def _checklist(state: State, today: date, c: Cadence) -> list[Action]:
    new: dict[int, list[int]] = defaultdict(list)
    long: dict[int, list[int]] = defaultdict(list)
    for item in state.items:
        if item.due_on >= today:
            continue
        if item.item_id not in state.reminded_items:
            new[item.participation_id].append(item.item_id)
        late = working_days_between(item.due_on, today)
        if late >= c.checklist_escalate_after and item.item_id not in state.escalated_items:
            long[item.participation_id].append(item.item_id)
    return [
        *(ChecklistReminder(participation_id=pid, item_ids=tuple(sorted(ids)),
                            key=checklist_key("reminder", pid, ids))
          for pid, ids in sorted(new.items())),
        *(ChecklistEscalation(participation_id=pid, item_ids=tuple(sorted(ids)),
                              key=checklist_key("escalation", pid, ids))
          for pid, ids in sorted(long.items())),
    ]


def checklist_key(kind: str, participation_id: int, item_ids: list[int]) -> str:
    return f"followup:checklist-{kind}:{participation_id}:" + ",".join(map(str, sorted(item_ids)))


def items_in_keys(keys: list[str], kind: str) -> frozenset[int]:
    """The item ids already covered by checklist messages of `kind` (read back from keys)."""
    prefix = f"followup:checklist-{kind}:"
    # <prefix><participation>:<ids>[:<recipient>]: the ids are the second field.
    return frozenset(int(i) for k in keys if k.startswith(prefix)
                     for i in k.removeprefix(prefix).split(":")[1].split(",") if i)


def _orders(state: State, today: date, c: Cadence) -> list[Action]:
    actions: list[Action] = []
    for o in state.orders:
        n = working_days_between(o.submitted_on, today) // c.nhn_chase_after
        if n >= 1:
            actions.append(NhnChase(order_id=o.order_id, chase=n,
                                    key=f"followup:nhn-chase:{o.order_id}:{n}"))
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
