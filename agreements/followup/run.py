"""The daily follow-up: poll the signing service, plan from the database, apply each action,
send the checklist's e-mails, deliver the outbox, and name what is stuck, as one recipe of
steps (`followup.steps`), each a function of its own with plain inputs and outputs.

`run` chains the steps through a step runner: `directly` calls each in turn (the CLI), a flow
runs each as a task of its own (`flows.followup`); either way the same steps do the same work.
Every action runs in its own transaction under the row locks of what it changes, and every
message has its key, so two runs at once (or the same day twice) do everything once; each
claims a reminder's letter before rendering it, so each letter is rendered once, and each run
reports only what it did itself. What a run that died left is swept first
(`followup.leftovers`). One action that fails (a broken template, a bad address) is recorded
in the result with its reason, and every other action of the day still happens.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, Protocol, TypeVar

from agreements.errorcodes import Code
from agreements.errors import Refused
from agreements.followup import steps
from agreements.followup.actions import Expire, Lapse, Notice, Remind
from agreements.followup.plan import plan
from agreements.followup.state import cadence, load_state

if TYPE_CHECKING:
    from agreements.contracts.polling import Polls
    from agreements.core.ports import Work

P = ParamSpec("P")
R = TypeVar("R")
NOTICE_KINDS = ("item_reminder", "item_escalation", "order_chase")


class Steps(Protocol):
    """How a run's steps are run: each is called with the unit of work and its plain inputs."""

    def __call__(self, step: Callable[Concatenate[Polls, P], R], /,
                 *args: P.args, **kwargs: P.kwargs) -> R: ...


def directly(work: Polls) -> Steps:
    """Each step called in turn, in this process, on `work`."""
    def call(step: Callable[Concatenate[Polls, P], R], /,
             *args: P.args, **kwargs: P.kwargs) -> R:
        return step(work, *args, **kwargs)
    return call


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

    def failure(self, kind: str, error: str) -> None:
        """A step's own failure (not one action's): what failed, and why."""
        self.failed.append({"kind": kind, "subject": "-", "key": None, "number": 0,
                            "day": None, "error": error})


def refuse_simulated_endings(work: Work) -> None:
    """Refuse to run as a simulated day (`--today`) on which agreements would lapse or
    expire, saying how many, unless the front door was told to (`--force`): a mistyped day
    must not end agreements and tell every party."""
    if not work.clock.simulated:
        return
    with work.reading() as session:
        state = load_state(session,
                           escalate_konsumenter=bool(work.settings.konsument_escalation_to))
        actions = plan(state, work.clock.today(), cadence(work.settings))
    lapse = sum(isinstance(a, Lapse) for a in actions)
    expire = sum(isinstance(a, Expire) for a in actions)
    if lapse or expire:
        raise Refused(Code.DAY_ENDS_AGREEMENTS, day=work.clock.today(), lapse=lapse,
                      expire=expire)


def run(work: Polls, *, dry_run: bool = False, deliver: bool = True,
        runner: Steps | None = None) -> FollowUpResult:
    step = runner or directly(work)
    polled = None if dry_run else step(steps.poll_signatures)
    day = step(steps.plan_day)
    result = FollowUpResult(day.today, day.working_day, dry_run,
                            actions=[dict(row) for row in day.rows], messages=day.messages)
    if polled is not None and polled.error is not None:
        result.failure("poll_signatures", polled.error)
    elif polled is not None:
        result.signing = polled.summary
    if dry_run:
        return result
    letters = step(steps.prepare_letters, [a for a in day.actions if isinstance(a, Remind)])
    result.swept = letters.swept
    if letters.error is not None:
        result.failure("reminder_letters", letters.error)
    if todo := _of(day, steps.SIGNATURES):
        _record(result, day, todo, step(steps.remind_signers, _pick(day, todo), letters))
    if todo := _of(day, steps.TERM):
        _record(result, day, todo, step(steps.carry_term, _pick(day, todo)))
    if todo := _of(day, steps.CHECKLIST):
        _record(result, day, todo, step(steps.open_occurrences, _pick(day, todo)))
    if day.working_day:
        _record_notices(result, step(steps.send_notices,
                                     [a for a in day.actions if isinstance(a, Notice)]))
    if day.working_day and deliver:
        delivered = step(steps.deliver_outbox)
        result.delivery, result.waiting = delivered.report, delivered.waiting
    trouble = step(steps.note_trouble)
    result.trouble, result.attention = trouble.outbox, trouble.attention
    return result


def _of(day: steps.Day, kinds: tuple[type, ...]) -> list[int]:
    """Where the actions of these kinds stand in the day's plan."""
    return [i for i, a in enumerate(day.actions) if isinstance(a, kinds)]


def _pick(day: steps.Day, where: list[int]) -> list[Any]:
    return [day.actions[i] for i in where]


def _record(result: FollowUpResult, day: steps.Day, where: list[int],
            done: list[steps.Done]) -> None:
    """What a step did to each of its actions: new only when this run did it; one that
    raised is reported with its reason and never counted as done (nor as already done)."""
    for i, d in zip(where, done, strict=True):
        row = result.actions[i]
        row["new"] = row["new"] and d.new
        if d.error is not None:
            row["new"], row["failed"] = False, True
            result.failed.append({**day.actions[i].row(), "error": d.error})


def _record_notices(result: FollowUpResult, sent: steps.Sent) -> None:
    """A rung of the ladder is new when its e-mail was sent."""
    if sent.error is not None:
        result.failure("notices", sent.error)
    for row in result.actions:
        if row["kind"] in NOTICE_KINDS:
            row["new"] = row["subject"] in sent.sent
            if row["subject"] in sent.failed:
                row["failed"] = True


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
