"""The daily follow-up: plan from the database, apply each action, deliver the outbox.

Every action runs in its own transaction under the row locks of what it changes, and every
message has its key, so two runs at once (or the same day twice) do everything once. One
action that fails (a broken template, a bad address) is recorded in the result with its
reason, and every other action of the day still happens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from agreements.core.calendar import is_working_day
from agreements.errors import AvtaleflytError
from agreements.followup.actions import Remind
from agreements.followup.apply import apply
from agreements.followup.letters import reminder_letters
from agreements.followup.plan import plan
from agreements.followup.state import cadence, load_state
from agreements.outbox import delivery, queue

if TYPE_CHECKING:
    from agreements.app import App


@dataclass
class FollowUpResult:
    today: date
    working_day: bool
    dry_run: bool
    actions: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)
    delivery: str = "nothing delivered"
    waiting: int = 0  # messages left queued: their server was down (retried next run)
    trouble: list[str] = field(default_factory=list)  # failed or stale messages in the outbox

    @property
    def new(self) -> int:
        return sum(a["new"] for a in self.actions)


def run(app: App, *, dry_run: bool = False, deliver: bool = True) -> FollowUpResult:
    today = app.clock.today()
    with app.transaction() as session:
        actions = plan(load_state(session), today, cadence(app.settings))
        sent = queue.keys_with_prefix(session, "followup:")
    # A message to several people is stored as <action key>:<recipient>: count its parent too.
    existing = set(sent) | {k.rsplit(":", 1)[0] for k in sent}
    result = FollowUpResult(today, is_working_day(today), dry_run)
    for action in actions:
        is_new = action.key is None or action.key not in existing
        result.actions.append({**action.row(), "new": is_new})
    if dry_run:
        return result
    try:
        letters = reminder_letters(app, [a for a in actions if isinstance(a, Remind)])
    except AvtaleflytError as exc:  # the reminders then go without their letter
        letters = {}
        result.failed.append({"kind": "reminder_letters", "subject": "-", "error": str(exc)})
    for action in actions:
        try:
            apply(app, action, letters)
        except Exception as exc:  # one bad action must not stop the day
            result.failed.append({**action.row(), "error": f"{type(exc).__name__}: {exc}"
                                  if not isinstance(exc, AvtaleflytError) else str(exc)})
    if result.working_day and deliver:
        report = delivery.deliver(app)
        result.delivery, result.waiting = str(report), len(report.retryable) + len(report.waiting)
    note_trouble(app, result)
    return result


def note_trouble(app: App, result: FollowUpResult) -> None:
    """Name what is stuck in the outbox, whoever left it there."""
    with app.transaction() as session:
        found = queue.troubles(session)
    result.trouble = [f"#{t.id} to {t.recipient}: {t.note}" for t in found]


def summary(result: FollowUpResult) -> str:
    day = result.today.isoformat()
    if not result.working_day:
        return f"Follow-up {day}: not a working day in Norway; nothing is sent."
    counts: dict[str, int] = {}
    for a in result.actions:
        if a["new"]:
            counts[a["kind"]] = counts.get(a["kind"], 0) + 1
    verb = "would do" if result.dry_run else "did"
    lines = [f"Follow-up {day}: {verb} {sum(counts.values())} new action(s)"
             + (f", {len(result.actions) - result.new} already done" if result.actions
                and result.new < len(result.actions) else "")]
    lines += [f"- {kind.replace('_', ' ')}: {n}" for kind, n in sorted(counts.items())]
    lines += [f"- FAILED {f['kind']} {f['subject']}: {f['error']}" for f in result.failed]
    if not result.dry_run:
        lines.append(f"- e-mail: {result.delivery}")
    lines += [f"- OUTBOX {t}" for t in result.trouble[:10]]
    if len(result.trouble) > 10:
        lines.append(f"- OUTBOX … and {len(result.trouble) - 10} more (`avtaleflyt outbox list`)")
    return "\n".join(lines)
