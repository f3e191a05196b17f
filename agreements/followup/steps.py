"""The daily follow-up's steps: each a function of its own, taking the unit of work and plain
values (actions, keys, ids) and returning a plain record of what it did. `followup.run`
chains them in one order, through a step runner: the CLI calls each in turn
(`run.directly`), a Prefect flow runs each as a task of its own, so its graph shows them.

Every step keeps the rules of the whole run: each action in its own transaction under the
row locks of what it changes (`followup.apply`, `followup.term`), a reminder sent only by the
run that claimed its letter (`followup.letters`), and a step's failure recorded in what it
returns rather than raised, so the rest of the day still happens (delivery and the outbox's
trouble excepted: they fail the run, as before).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from agreements.core.calendar import is_working_day
from agreements.errors import AvtaleflytError
from agreements.followup import digest, notices
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
from agreements.followup.plan import plan
from agreements.followup.state import cadence, load_state
from agreements.outbox import queue

if TYPE_CHECKING:
    from agreements.contracts.polling import Polls
    from agreements.core.ports import Stores, Work
    from agreements.documents.pdf import Converts
    from agreements.outbox.delivery import Delivers
    from agreements.signing.provider import Signs

# The kinds each step applying actions carries out, in the planner's order.
SIGNATURES = (Remind, Escalate, Lapse)
TERM = (ExpiryWarning, RenewalDraft, Activate, Expire)
CHECKLIST = (OpenOccurrence,)


@dataclass(frozen=True)
class Polled:
    """What polling the signing service recorded first (`summary` when it is a remote one)."""

    changes: int = 0
    summary: str | None = None
    error: str | None = None  # the service could not be polled: the day goes on


@dataclass(frozen=True)
class Day:
    """The day's plan, from one read: the actions, each as the run's table shows it (`rows`,
    `new` when its message is not in the outbox yet), and the e-mails the checklist's ladder
    and the coordinators' digests make (none on a day that is not a working day)."""

    today: date
    working_day: bool
    actions: list[Action]
    rows: list[dict[str, Any]]
    messages: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Letters:
    """The reminders' letters (document by signature id) and the reminders this run claimed
    (`mine`; None when claiming failed, and the reminders go without); what a run that died
    left, swept first (`swept`)."""

    documents: dict[int, int] = field(default_factory=dict)
    mine: frozenset[str] | None = None
    swept: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class Done:
    """One action, as a step carried it out: `new` when this run did it; `error` when it
    raised (then it was not done)."""

    kind: str
    subject: str
    new: bool
    error: str | None = None


@dataclass(frozen=True)
class Sent:
    """The checklist ladder's e-mails: the subjects sent about, those whose message failed."""

    sent: frozenset[str] = frozenset()
    failed: dict[str, str] = field(default_factory=dict)
    error: str | None = None  # composing or sending raised: nothing of it counts as sent


@dataclass(frozen=True)
class Delivered:
    report: str
    sent: int = 0
    waiting: int = 0  # left queued: their server was down (retried next run)


@dataclass(frozen=True)
class Trouble:
    outbox: list[str] = field(default_factory=list)  # failed or stale messages
    attention: list[str] = field(default_factory=list)  # signing stopped: for the coordinator


def reason(exc: Exception) -> str:
    return str(exc) if isinstance(exc, AvtaleflytError) else f"{type(exc).__name__}: {exc}"


def poll_signatures(work: Polls) -> Polled:
    """First, what the signing service has to report (loaded only then: the signing and
    PDF-verifying code costs half a second to import)."""
    from agreements.contracts import polling

    try:
        report = polling.poll(work)
    except Exception as exc:  # the service being down must not stop the day
        return Polled(error=reason(exc))
    return Polled(len(report.changes),
                  report.summary() if work.signing_provider().remote else None)


def plan_day(work: Work) -> Day:
    """What is due today, from one read; a row is new when its message was not sent yet."""
    today = work.clock.today()
    with work.reading() as session:
        state = load_state(session,
                           escalate_konsumenter=bool(work.settings.konsument_escalation_to))
        actions = plan(state, today, cadence(work.settings))
        sent = queue.keys_with_prefix(session, "followup:")
        composed = notices.compose(
            session, work.settings, [a for a in actions if isinstance(a, Notice)],
            digest.recipients(session, today)) if is_working_day(today) else []
    # A message to several people is stored as <action key>:<recipient>: count its parent too.
    existing = set(sent) | {k.rsplit(":", 1)[0] for k in sent}
    rows = [{**a.row(), "new": a.key is None or a.key not in existing} for a in actions]
    return Day(today, is_working_day(today), actions, rows, [m.json() for m in composed])


def prepare_letters(work: Converts, reminders: Sequence[Remind]) -> Letters:
    """Sweep what a run that died left, then claim the reminders not sent yet and make the
    letters of those claimed (each rendered once, whatever runs at once)."""
    from agreements.followup import leftovers
    from agreements.followup.letters import reminder_letters

    swept = None
    try:
        found = leftovers.sweep(work, {a.key for a in reminders if a.key})
        swept = str(found) if found.total else None
        made = reminder_letters(work, reminders, uuid.uuid4().hex)
    except Exception as exc:  # the reminders then go without their letter, unclaimed
        return Letters(swept=swept, error=reason(exc))
    return Letters(made.documents, frozenset(made.mine), swept,
                   reason(made.error) if made.error is not None else None)


def remind_signers(work: Signs, actions: Sequence[Action], letters: Letters) -> list[Done]:
    """Reminders, escalations and lapses of agreements out for signing; a reminder only when
    this run claimed its letter (another run at once sends the others)."""
    done = []
    for action in actions:
        if isinstance(action, Remind) and letters.mine is not None \
                and action.key not in letters.mine:
            done.append(Done(action.kind, action.subject, False))  # sent, or another's
        else:
            done.append(_apply(work, action, letters.documents))
    return done


def carry_term(work: Signs, actions: Sequence[Action]) -> list[Done]:
    """Expiry warnings, renewal drafts, agreements that come into force or expire."""
    return [_apply(work, a, {}) for a in actions]


def open_occurrences(work: Signs, actions: Sequence[Action]) -> list[Done]:
    """The recurring checklist items whose next occurrence opens today."""
    return [_apply(work, a, {}) for a in actions]


def _apply(work: Signs, action: Action, letters: dict[int, int]) -> Done:
    """One action in its own transaction; one that raises is recorded, never counted done."""
    from agreements.followup.apply import apply

    try:
        return Done(action.kind, action.subject, apply(work, action, letters))
    except Exception as exc:  # one bad action must not stop the rest of the day
        return Done(action.kind, action.subject, False, reason(exc))


def send_notices(work: Work, ladder: Sequence[Notice]) -> Sent:
    """The checklist ladder's rungs and the coordinators' digests, one e-mail per person."""
    try:
        sent, failed = notices.send(work, list(ladder))
    except Exception as exc:  # the rest of the day still happens
        return Sent(failed={n.subject: reason(exc) for n in ladder}, error=reason(exc))
    return Sent(frozenset(sent), failed)


def deliver_outbox(work: Delivers) -> Delivered:
    from agreements.outbox import delivery

    report = delivery.deliver(work)
    return Delivered(str(report), len(report.sent), report.queued)


def note_trouble(work: Stores) -> Trouble:
    """Name what is stuck in the outbox, whoever left it there, and the agreements whose
    signing stopped (the organiser's coordinator must withdraw them); sweep old uploads."""
    from agreements.documents import uploads
    from agreements.outbox import trouble
    from agreements.reporting import health

    with work.reading() as session:
        found = trouble.troubles(session)
        stopped = health.attention(session)
    uploads.sweep(work)
    return Trouble([f"#{t.id} to {t.recipient}: {t.note}" for t in found],
                   [a.line() for a in stopped])
