"""The follow-up planner as pure functions of the state and the day."""

from __future__ import annotations

from datetime import date

from agreements.core.calendar import add_working_days
from agreements.followup.plan import (
    Cadence,
    InForce,
    OpenItem,
    PendingSignature,
    Recurring,
    State,
    SubmittedOrder,
    checklist_key,
    items_in_keys,
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


def test_reminders_every_five_days_then_escalation() -> None:
    """Reminders 2 and 3 at 10 and 15 working days; at 20 an escalation instead of a fourth."""
    assert kinds(plan(sig(), add_working_days(ASKED, 10), C)) == [("remind", 2)]
    assert kinds(plan(sig(), add_working_days(ASKED, 14), C)) == [("remind", 2)]
    assert kinds(plan(sig(), add_working_days(ASKED, 15), C)) == [("remind", 3)]
    assert kinds(plan(sig(), add_working_days(ASKED, 20), C)) == [("escalate", 0)]


def test_reminder_keys_are_stable_per_number() -> None:
    """The same reminder has the same key on every run, a new number a new key."""
    a = plan(sig(), add_working_days(ASKED, 5), C)[0].key
    b = plan(sig(), add_working_days(ASKED, 6), C)[0].key
    c = plan(sig(), add_working_days(ASKED, 10), C)[0].key
    assert a == b != c


def test_cadence_counts_working_days_over_christmas() -> None:
    """Asked on 21 Dec 2026: five working days later is 29 Dec, not 26 Dec."""
    state = sig(asked=date(2026, 12, 21), deadline=date(2027, 3, 1))
    assert plan(state, date(2026, 12, 28), C) == []
    assert kinds(plan(state, date(2026, 12, 29), C)) == [("remind", 1)]


def test_custom_cadence_and_limit() -> None:
    """Cadence and limit come from settings: every 2 days, at most 1 reminder."""
    fast = Cadence(reminder_first_after=2, reminder_every=2, reminder_max=1)
    assert kinds(plan(sig(), add_working_days(ASKED, 2), fast)) == [("remind", 1)]
    assert kinds(plan(sig(), add_working_days(ASKED, 4), fast)) == [("escalate", 0)]


def test_deadline_passed_lapses_instead_of_reminding() -> None:
    """The day after the deadline the agreement lapses; no reminder goes out."""
    state = sig(deadline=date(2026, 11, 20))
    assert kinds(plan(state, date(2026, 11, 23), C)) == [("lapse", 0)]
    assert kinds(plan(state, date(2026, 11, 20), C)) != [("lapse", 0)]


def test_overdue_items_reminded_once_then_escalated_once() -> None:
    """An overdue item is reminded; when long overdue it is escalated; each only once."""
    due = date(2026, 11, 2)
    items = (OpenItem(11, 5, due), OpenItem(12, 5, due), OpenItem(13, 6, date(2027, 1, 1)))
    day = add_working_days(due, 1)
    actions = plan(State(items=items), day, C)
    assert [(a.kind, a.participation_id, a.item_ids) for a in actions] == [
        ("checklist_reminder", 5, (11, 12))]
    assert actions[0].key == checklist_key("reminder", 5, [11, 12])
    reminded = State(items=items, reminded_items=frozenset({11, 12}))
    assert plan(reminded, day, C) == []
    late = add_working_days(due, 10)
    assert [a.kind for a in plan(reminded, late, C)] == ["checklist_escalation"]
    done = State(items=items, reminded_items=frozenset({11, 12}),
                 escalated_items=frozenset({11, 12}))
    assert plan(done, late, C) == []


def test_item_ids_read_back_from_keys() -> None:
    """Which items were reminded is derived from the outbox keys, not stored twice."""
    keys = [checklist_key("reminder", 5, [12, 11]) + ":kari@x.no",
            checklist_key("escalation", 5, [11])]
    assert items_in_keys(keys, "reminder") == {11, 12}
    assert items_in_keys(keys, "escalation") == {11}


def test_unconfirmed_nhn_order_is_chased_every_n_working_days() -> None:
    """Ten working days after submission a chase; at twenty a second one."""
    state = State(orders=(SubmittedOrder(4, 9, ASKED),))
    assert plan(state, add_working_days(ASKED, 9), C) == []
    assert kinds(plan(state, add_working_days(ASKED, 10), C)) == [("nhn_chase", 1)]
    assert kinds(plan(state, add_working_days(ASKED, 20), C)) == [("nhn_chase", 2)]


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
