"""The daily follow-up: plan from the database, apply each action, deliver the outbox.

Every action runs in its own transaction under the row locks of what it changes, and every
message has its key, so two runs at once (or the same day twice) do everything once; each
claims a reminder's letter before rendering it, so each letter is rendered once, and each run
reports only what it did itself. What a run that died left is swept first
(`followup.leftovers`). One action that fails (a broken template, a bad address) is recorded
in the result with its reason, and every other action of the day still happens.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from agreements.core.calendar import is_working_day
from agreements.errorcodes import Code
from agreements.errors import AvtaleflytError, Refused
from agreements.followup import digest, notices
from agreements.followup.actions import Expire, Lapse, Notice, Remind
from agreements.followup.plan import State, plan
from agreements.followup.state import cadence, load_state
from agreements.outbox import queue

if TYPE_CHECKING:
    from sqlmodel import Session

    from agreements.contracts import polling
    from agreements.contracts.polling import Polls
    from agreements.core.ports import Stores, Work


@dataclass
class FollowUpResult:
    today: date
    working_day: bool
    dry_run: bool
    actions: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)
    delivery: str = "nothing delivered"
    signing: str | None = None  # what polling the signing service did first
    waiting: int = 0  # messages left queued: their server was down (retried next run)
    trouble: list[str] = field(default_factory=list)  # failed or stale messages in the outbox
    attention: list[str] = field(default_factory=list)  # signing jobs for the coordinator
    swept: str | None = None  # what a run that died had left, removed by this one
    messages: list[dict[str, Any]] = field(default_factory=list)  # the day's notice e-mails

    @property
    def new(self) -> int:
        return sum(a["new"] for a in self.actions)


def refuse_simulated_endings(work: Work) -> None:
    """Refuse to run as a simulated day (`--today`) on which agreements would lapse or
    expire, saying how many, unless the front door was told to (`--force`): a mistyped day
    must not end agreements and tell every party."""
    if not work.clock.simulated:
        return
    with work.transaction() as session:
        actions = plan(_state(work, session), work.clock.today(), cadence(work.settings))
    lapse = sum(isinstance(a, Lapse) for a in actions)
    expire = sum(isinstance(a, Expire) for a in actions)
    if lapse or expire:
        raise Refused(Code.DAY_ENDS_AGREEMENTS, day=work.clock.today(), lapse=lapse,
                      expire=expire)


def run(work: Polls, *, dry_run: bool = False, deliver: bool = True) -> FollowUpResult:
    today = work.clock.today()
    polled = None if dry_run else _poll_signatures(work)
    with work.transaction() as session:
        actions = plan(_state(work, session), today, cadence(work.settings))
        sent = queue.keys_with_prefix(session, "followup:")
        ladder = [a for a in actions if isinstance(a, Notice)]
        composed = notices.compose(
            session, work.settings, ladder,
            digest.recipients(session, today)) if is_working_day(today) else []
    # A message to several people is stored as <action key>:<recipient>: count its parent too.
    existing = set(sent) | {k.rsplit(":", 1)[0] for k in sent}
    result = FollowUpResult(today, is_working_day(today), dry_run)
    if isinstance(polled, str):
        result.failed.append({"kind": "poll_signatures", "subject": "-", "key": None,
                              "number": 0, "day": None, "error": polled})
    elif polled is not None:
        result.signing = polled.summary() if work.signing_provider().remote else None
    for action in actions:
        is_new = action.key is None or action.key not in existing
        result.actions.append({**action.row(), "new": is_new})
    result.messages = [m.json() for m in composed]
    if dry_run:
        return result
    # what applying needs (contracts, documents, messages) is loaded only when applying
    from agreements.followup import leftovers
    from agreements.followup.apply import apply
    from agreements.followup.letters import Letters, reminder_letters
    from agreements.outbox import delivery

    reminders = [a for a in actions if isinstance(a, Remind)]
    letters, mine = Letters(), None
    try:
        swept = leftovers.sweep(work, {a.key for a in reminders if a.key})
        result.swept = str(swept) if swept.total else None
        letters = reminder_letters(work, reminders, uuid.uuid4().hex)
        mine = letters.mine
    except Exception as exc:  # the reminders then go without their letter
        letters.error = exc
    if letters.error is not None:
        result.failed.append({"kind": "reminder_letters", "subject": "-", "key": None,
                              "number": 0, "day": None, "error": _reason(letters.error)})
    for action, row in zip(actions, result.actions, strict=True):
        if isinstance(action, Notice):
            continue  # below: one message per person
        if isinstance(action, Remind) and mine is not None and action.key not in mine:
            row["new"] = False  # sent already, or another run at once claimed it
            continue
        try:
            if not apply(work, action, letters.documents):
                row["new"] = False  # done by someone, or moved on, since the plan
        except Exception as exc:  # one bad action must not stop the rest of the day
            _failed(result, row, action.row(), exc)
    _send_notices(work, ladder, result)
    if result.working_day and deliver:
        report = delivery.deliver(work)
        result.delivery, result.waiting = str(report), report.queued
    note_trouble(work, result)
    return result


def _state(work: Work, session: Session) -> State:
    return load_state(session, escalate_konsumenter=bool(work.settings.konsument_escalation_to))


def _send_notices(work: Work, ladder: list[Notice], result: FollowUpResult) -> None:
    """The checklist ladder's rungs and the coordinators' digests, one e-mail per person; a
    row is new when it was sent."""
    if not result.working_day:
        return
    failed: dict[str, str] = {}
    try:
        sent, failed = notices.send(work, ladder)
    except Exception as exc:  # the rest of the day still happens
        result.failed.append({"kind": "notices", "subject": "-", "key": None, "number": 0,
                              "day": None, "error": _reason(exc)})
        sent = set()
        failed = {n.subject: _reason(exc) for n in ladder}
    for row in result.actions:
        if row["kind"] in ("item_reminder", "item_escalation", "order_chase"):
            row["new"] = row["subject"] in sent
            if row["subject"] in failed:
                row["failed"] = True


def _failed(result: FollowUpResult, row: dict[str, Any], about: dict[str, Any],
            exc: Exception) -> None:
    """An action that raised: reported with its reason, and never counted as done (neither
    new nor already done)."""
    row["new"], row["failed"] = False, True
    result.failed.append({**about, "error": _reason(exc)})


def _poll_signatures(work: Polls) -> polling.PollReport | str:
    """First, what the signing service has to report (a step of the daily follow-up; loaded
    only then: the signing and PDF-verifying code costs half a second to import)."""
    from agreements.contracts import polling

    try:
        return polling.poll(work)
    except Exception as exc:  # the service being down must not stop the day
        return _reason(exc)


def _reason(exc: Exception) -> str:
    return str(exc) if isinstance(exc, AvtaleflytError) else f"{type(exc).__name__}: {exc}"


def note_trouble(work: Stores, result: FollowUpResult) -> None:
    """Name what is stuck in the outbox, whoever left it there, and the agreements whose
    signing stopped (the organiser's coordinator must withdraw them); sweep old uploads."""
    from agreements.documents import uploads
    from agreements.outbox import trouble
    from agreements.reporting import health

    with work.transaction() as session:
        found = trouble.troubles(session)
        stopped = health.attention(session)
    result.trouble = [f"#{t.id} to {t.recipient}: {t.note}" for t in found]
    result.attention = [a.line() for a in stopped]
    uploads.sweep(work)


def summary(result: FollowUpResult) -> str:
    day = result.today.isoformat()
    stopped = [f"- NEEDS ATTENTION {a}: signing stopped; the organiser's coordinator "
               "withdraws it and sends a new one" for a in result.attention]
    if not result.working_day:
        return "\n".join([f"Follow-up {day}: not a working day in Norway; nothing is sent.",
                          *stopped])
    counts: dict[str, int] = {}
    for a in result.actions:
        if a["new"]:
            counts[a["kind"]] = counts.get(a["kind"], 0) + 1
    verb = "would do" if result.dry_run else "did"
    done_before = sum(not a["new"] and not a.get("failed") for a in result.actions)
    lines = [f"Follow-up {day}: {verb} {sum(counts.values())} new action(s)"
             + (f", {done_before} already done" if done_before else "")]
    lines += [f"- {kind.replace('_', ' ')}: {n}" for kind, n in sorted(counts.items())]
    lines += [f"- FAILED {f['kind']} {f['subject']}: {f['error']}" for f in result.failed]
    if result.swept:
        lines.append(f"- {result.swept}")
    if not result.dry_run:
        lines.append(f"- e-mail: {result.delivery}")
    if result.signing:
        lines.append(result.signing)
    lines += stopped
    lines += [f"- OUTBOX {t}" for t in result.trouble[:10]]
    if len(result.trouble) > 10:
        lines.append(f"- OUTBOX … and {len(result.trouble) - 10} more (`avtaleflyt outbox list`)")
    return "\n".join(lines)
