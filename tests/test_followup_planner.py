"""The follow-up planner as pure functions of the state and the day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from agreements.core.calendar import add_working_days
from agreements.followup.plan import (
    Cadence,
    InForce,
    OpenItem,
    PendingSignature,
    Recurring,
    State,
    SubmittedOrder,
    plan,
)

C = Cadence()
ASKED = date(2026, 11, 2)  # a Monday
DEADLINE = add_working_days(ASKED, 30)


def sig(asked: date = ASKED, deadline: date = DEADLINE) -> State:
    return State(signatures=(PendingSignature(7, 3, asked, deadline),))


def kinds(actions: list) -> list[tuple[str, int]]:  # type: ignore[type-arg]
    return [(a.kind, a.number) for a in actions]


def test_nothing_on_weekends_or_holidays() -> None:
    """Saturdays, 17 May and Christmas Day plan nothing, whatever is due."""
    state = sig(deadline=date(2026, 11, 3))
    for day in (date(2026, 11, 28), date(2027, 5, 17), date(2026, 12, 25)):
        assert plan(state, day, C) == []


def test_first_reminder_after_five_working_days() -> None:
    """Four working days after asking: nothing; five: reminder 1."""
    assert plan(sig(), add_working_days(ASKED, 4), C) == []
    assert kinds(plan(sig(), add_working_days(ASKED, 5), C)) == [("remind", 1)]


def walk(state: State, first: date, last: date, cadence: Cadence = C
         ) -> dict[date, list[tuple[str, int]]]:
    """Run the planner every day from `first` to `last`, feeding back what it sent (as the
    outbox and the notices table do): the days on which it did something, and what."""
    seen: dict[date, list[tuple[str, int]]] = {}
    day = first
    while day <= last:
        actions = plan(state, day, cadence)
        if actions:
            seen[day] = kinds(actions)
        for a in actions:
            if a.kind == "remind":
                state = replace(state, signatures=tuple(
                    replace(s, reminded=a.number, last_reminded=day)
                    if s.signature_id == a.signature_id else s for s in state.signatures))
            if a.kind == "notice" and a.subject_key.startswith("order:"):
                state = replace(state, orders=tuple(
                    replace(o, reminded=a.count, last_reminded=day)
                    for o in state.orders))
            elif a.kind == "notice":
                iid = int(a.subject_key.removeprefix("item:"))
                state = replace(state, items=tuple(
                    (replace(i, reminded=a.count, last_reminded=day) if a.notice == "reminder"
                     else replace(i, escalated=True)) if i.item_id == iid else i
                    for i in state.items))
        day += timedelta(days=1)
    return seen


def test_reminders_every_five_days_then_escalation() -> None:
    """Over simulated weeks: reminders 1, 2, 3 at 5, 10 and 15 working days, the escalation
    at 20, each on its own day, and nothing more."""
    seen = walk(sig(), ASKED, add_working_days(ASKED, 28))
    assert seen == {add_working_days(ASKED, 5): [("remind", 1)],
                    add_working_days(ASKED, 10): [("remind", 2)],
                    add_working_days(ASKED, 15): [("remind", 3)],
                    add_working_days(ASKED, 20): [("escalate", 0)],
                    **{add_working_days(ASKED, d): [("escalate", 0)] for d in range(21, 29)}}


def test_no_escalation_before_the_reminders_went_out() -> None:
    """A first run on the day an escalation would have been due reminds (1), and escalates
    only after reminders 2 and 3, each some working days apart: never in the same run."""
    late = add_working_days(ASKED, 20)
    seen = walk(sig(deadline=add_working_days(ASKED, 60)), late, add_working_days(late, 15))
    assert list(seen.values())[:4] == [[("remind", 1)], [("remind", 2)], [("remind", 3)],
                                       [("escalate", 0)]]
    assert list(seen)[:4] == [late, add_working_days(late, 5), add_working_days(late, 10),
                              add_working_days(late, 15)]


def test_reminder_keys_are_stable_per_number() -> None:
    """The same reminder has the same key on every run (until it is queued), the next
    number a new key."""
    a = plan(sig(), add_working_days(ASKED, 5), C)[0].key
    b = plan(sig(), add_working_days(ASKED, 6), C)[0].key
    once = State(signatures=(replace(sig().signatures[0], reminded=1,
                                     last_reminded=add_working_days(ASKED, 5)),))
    c = plan(once, add_working_days(ASKED, 10), C)[0].key
    assert a == b != c


def test_cadence_counts_working_days_over_christmas() -> None:
    """Asked on 21 Dec 2026: five working days later is 29 Dec, not 26 Dec."""
    state = sig(asked=date(2026, 12, 21), deadline=date(2027, 3, 1))
    assert plan(state, date(2026, 12, 28), C) == []
    assert kinds(plan(state, date(2026, 12, 29), C)) == [("remind", 1)]


def test_custom_cadence_and_limit() -> None:
    """Cadence and limit come from settings: every 2 days, at most 1 reminder."""
    fast = Cadence(reminder_first_after=2, reminder_every=2, reminder_max=1)
    seen = walk(sig(), ASKED, add_working_days(ASKED, 4), fast)
    assert seen == {add_working_days(ASKED, 2): [("remind", 1)],
                    add_working_days(ASKED, 4): [("escalate", 0)]}


def test_deadline_passed_lapses_instead_of_reminding() -> None:
    """The day after the deadline the agreement lapses; no reminder goes out."""
    state = sig(deadline=date(2026, 11, 20))
    assert kinds(plan(state, date(2026, 11, 23), C)) == [("lapse", 0)]
    assert kinds(plan(state, date(2026, 11, 20), C)) != [("lapse", 0)]


def test_checklist_ladder_reminds_n_times_then_escalates_on_another_day() -> None:
    """An overdue item: reminder 1 the day after its due date, 2 and 3 five working days
    apart, then one escalation five working days after the third; never two on one day."""
    due = date(2026, 11, 2)
    items = (OpenItem(11, 5, due), OpenItem(13, 6, date(2027, 1, 1)))
    seen = walk(State(items=items), due, add_working_days(due, 30))
    assert seen == {add_working_days(due, 1): [("notice", 1)],
                    add_working_days(due, 6): [("notice", 2)],
                    add_working_days(due, 11): [("notice", 3)],
                    add_working_days(due, 16): [("notice", 3)]}
    escalation = plan(State(items=(OpenItem(11, 5, due, 3, add_working_days(due, 11)),)),
                      add_working_days(due, 16), C)
    assert [(a.notice, a.count) for a in escalation] == [("escalation", 3)]


def test_konsument_without_anyone_to_escalate_to_is_only_reminded() -> None:
    """An item of a konsument (no organiser, none named in the settings) gets its reminders
    and no escalation."""
    due = date(2026, 11, 2)
    seen = walk(State(items=(OpenItem(11, 5, due, escalates=False),)), due,
                add_working_days(due, 40))
    assert list(seen.values()) == [[("notice", n)] for n in (1, 2, 3)]


def test_item_without_due_date_is_never_reminded() -> None:
    """An item whose event has not happened (or an information item) has no due date and is
    never reminded or escalated, however late it is."""
    seen = walk(State(items=(OpenItem(11, 5, None),)), ASKED, add_working_days(ASKED, 60))
    assert seen == {}


def test_unconfirmed_nhn_order_is_chased_every_n_working_days() -> None:
    """Ten working days after submission a chase; ten after that chase a second one."""
    state = State(orders=(SubmittedOrder(4, 9, ASKED),))
    seen = walk(state, ASKED, add_working_days(ASKED, 20))
    assert seen == {add_working_days(ASKED, 10): [("notice", 1)],
                    add_working_days(ASKED, 20): [("notice", 2)]}
    (chase,) = plan(state, add_working_days(ASKED, 10), C)
    assert chase.subject == "order:4" and chase.row()["kind"] == "order_chase"


def active(expires: date, successor: bool = False) -> State:
    return State(in_force=(InForce(3, 9, "active", date(2024, 1, 1), expires, successor),))


def test_expiry_warnings_at_90_and_30_days_with_renewal_draft() -> None:
    """91 days left: nothing; 90: warning and renewal draft; 30: the 30-day warning."""
    today = date(2026, 11, 25)
    assert plan(active(date(2027, 2, 24)), today, C) == []
    found = plan(active(date(2027, 2, 23)), today, C)
    assert kinds(found) == [("renewal_draft", 0), ("expiry_warning", 90)]
    assert found[0].agreement_id == 3
    assert kinds(plan(active(date(2026, 12, 25), successor=True), today, C)) == [
        ("expiry_warning", 30)]


def test_expired_and_activated() -> None:
    """Past its end an agreement expires; a signed one becomes active on its effective date."""
    today = date(2026, 11, 25)
    assert kinds(plan(active(date(2026, 11, 24)), today, C)) == [("expire", 0)]
    signed = State(in_force=(InForce(5, 9, "signed", today, date(2029, 11, 24), False),))
    assert kinds(plan(signed, today, C)) == [("activate", 0)]


def test_recurring_occurrences_opened_when_due() -> None:
    """Monthly log control after go-live on 15 Jan: 15 Feb opens on 15 Feb, not before."""
    live = Recurring(9, "loggkontroll", "FREQ=MONTHLY", date(2027, 1, 15), frozenset())
    assert plan(State(recurring=(live,)), date(2027, 2, 12), C) == []
    (opened,) = plan(State(recurring=(live,)), date(2027, 2, 15), C)
    assert (opened.kind, opened.process, opened.day) == ("open_occurrence", "loggkontroll",
                                                         date(2027, 2, 15))
    done = Recurring(9, "loggkontroll", "FREQ=MONTHLY", date(2027, 1, 15),
                     frozenset({date(2027, 2, 15)}))
    assert plan(State(recurring=(done,)), date(2027, 2, 16), C) == []


def test_no_reminders_of_our_own_for_e_signed_agreements() -> None:
    """Posten signering reminds its signers itself; the escalation to the coordinator stays."""
    e_signed = State(signatures=(PendingSignature(7, 3, ASKED, DEADLINE, e_signed=True),))
    reminders = [add_working_days(ASKED, n) for n in (5, 10, 15)]
    assert all(plan(e_signed, day, C) == [] for day in reminders)
    assert kinds(plan(e_signed, add_working_days(ASKED, 20), C)) == [("escalate", 0)]
