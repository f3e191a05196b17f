"""The daily follow-up: plan from the database, apply each action, deliver the outbox.

Every action runs in its own transaction under the row locks of what it changes, and every
message has its key, so two runs at once (or the same day twice) do everything once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from agreements import outbox
from agreements.app import App
from agreements.calendar import is_working_day
from agreements.followup import plan
from agreements.followup_actions import APPLY, reminder_letters
from agreements.followup_state import cadence, load_state


@dataclass
class FollowUpResult:
    today: date
    working_day: bool
    dry_run: bool
    actions: list[dict[str, Any]] = field(default_factory=list)
    delivery: str = "nothing delivered"

    @property
    def new(self) -> int:
        return sum(a["new"] for a in self.actions)


def run(app: App, *, dry_run: bool = False, deliver: bool = True) -> FollowUpResult:
    today = app.clock.today()
    with app.transaction() as session:
        actions = plan(load_state(session), today, cadence(app.settings))
        sent = outbox.keys_with_prefix(session, "followup:")
    # A message to several people is stored as <action key>:<recipient>: count its parent too.
    existing = set(sent) | {k.rsplit(":", 1)[0] for k in sent}
    result = FollowUpResult(today, is_working_day(today), dry_run)
    for action in actions:
        is_new = action.key is None or action.key not in existing
        result.actions.append({"kind": action.kind, "subject": action.subject_id,
                               "key": action.key, "number": action.number,
                               "day": action.day, "new": is_new})
    if dry_run:
        return result
    letters = reminder_letters(app, [a for a in actions if a.kind == "remind"])
    for action in actions:
        APPLY[action.kind](app, action, letters)
    if result.working_day and deliver:
        result.delivery = str(outbox.deliver(app))
    return result


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
    if not result.dry_run:
        lines.append(f"- e-mail: {result.delivery}")
    return "\n".join(lines)
