"""The follow-up's steps as tasks of its flow: each step of `agreements.followup.steps` runs as
a task run of its own, named in bokmål after the kind of work it does, so the run graph shows
what the day's follow-up did, step by step, and each task run says what it did.

A task takes the step's name and its plain inputs (actions, keys, ids) and finds the flow's app
with `run_app()`; it runs the very function the CLI calls (`agreements.followup.run` chains
them the same way for both). A step that recorded a failure (an action that raised, a signing
service that did not answer) ends its task run Failed with what failed, and the run goes on:
the rest of the day still happens, and the flow then fails with the one-line message.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar, cast

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.states import Completed, Failed
from prefect.utilities.annotations import quote

from agreements.followup import steps
from flows.common import run_app

if TYPE_CHECKING:
    from agreements.contracts.polling import Polls

P = ParamSpec("P")
R = TypeVar("R")

# each kind of follow-up action, as the run's table and its tasks name it
KINDS = {
    "remind": "påminnelse om signering", "escalate": "signering eskalert til koordinator",
    "lapse": "avtale falt bort", "item_reminder": "påminnelse om sjekklistepunkt",
    "item_escalation": "sjekklistepunkt eskalert til koordinator",
    "order_chase": "purring på bestilling hos Norsk helsenett",
    "expiry_warning": "varsel om at avtalen utløper", "renewal_draft": "utkast til fornyelse",
    "activate": "avtale trer i kraft", "expire": "avtale utløpt",
    "open_occurrence": "nytt gjentakende sjekklistepunkt", "poll_signatures": "henting av "
    "signaturer", "reminder_letters": "påminnelsesbrev", "notices": "e-post om sjekklisten",
}

# each step, and the name of its task runs in the run graph
STEPS: dict[str, tuple[Callable[..., Any], str]] = {
    "poll_signatures": (steps.poll_signatures, "henting av signaturer"),
    "plan_day": (steps.plan_day, "dagens plan"),
    "prepare_letters": (steps.prepare_letters, "påminnelsesbrev og opprydding"),
    "remind_signers": (steps.remind_signers, "påminnelser om signering"),
    "carry_term": (steps.carry_term, "utløp og fornyelser"),
    "open_occurrences": (steps.open_occurrences, "gjentakende sjekklistepunkter"),
    "send_notices": (steps.send_notices, "e-post om sjekklisten"),
    "deliver_outbox": (steps.deliver_outbox, "levering av utboksen"),
    "note_trouble": (steps.note_trouble, "det som står fast"),
}


@task(name="follow-up-step", cache_policy=NO_CACHE)
def step_task(step: str, inputs: tuple[Any, ...], options: dict[str, Any]) -> Any:
    """Run one step of the follow-up on the flow's app; its state says what it did (and holds
    what the step returned)."""
    done = STEPS[step][0](run_app(), *inputs, **options)
    message, failed = said(done)
    return (Failed if failed else Completed)(message=message, data=done)


def in_tasks(step: Callable[Concatenate[Polls, P], R], /,
             *args: P.args, **kwargs: P.kwargs) -> R:
    """The follow-up's step runner in a flow: `step` as a task run named after its work
    (a step that raised fails its task and the flow with it, as it would the CLI's run)."""
    name = step.__name__
    runs = step_task.with_options(name=f"follow-up-{name.replace('_', '-')}",
                                  task_run_name=STEPS[name][1])
    # quoted: Prefect does not walk a day's thousands of actions looking for futures
    state = runs(name, quote(args), quote(kwargs), return_state=True)
    done = state.result(raise_on_failure=False)
    if isinstance(done, BaseException):
        raise done
    return cast(R, done)


def said(done: Any) -> tuple[str, bool]:
    """What a step did, in bokmål, and whether part of it failed."""
    match done:
        case steps.Polled(error=str(error)):
            return f"signeringstjenesten svarte ikke: {error}", True
        case steps.Polled():
            return f"{done.changes} endring(er) hentet fra signeringstjenesten", False
        case steps.Day(working_day=False):
            return "ikke en virkedag i Norge: ingenting å gjøre", False
        case steps.Day():
            return (f"{len(done.actions)} handling(er) planlagt, {len(done.messages)} "
                    "e-post(er) om sjekklisten", False)
        case steps.Letters():
            text = f"{len(done.documents)} påminnelsesbrev klare"
            text += "; ryddet etter en kjøring som stoppet" if done.swept else ""
            if done.error:
                return f"{text}; brevene kunne ikke lages: {done.error}", True
            return text, False
        case steps.Sent():
            text = f"e-post om {len(done.sent)} punkt(er)"
            if done.error or done.failed:
                return f"{text}; feilet: {done.error or next(iter(done.failed.values()))}", True
            return text, False
        case steps.Delivered():
            return (f"{done.sent} e-post(er) sendt" + (
                f", {done.waiting} venter på e-posttjeneren" if done.waiting else ""), False)
        case steps.Trouble():
            return (f"{len(done.outbox)} melding(er) står fast i utboksen, "
                    f"{len(done.attention)} avtale(r) trenger koordinatoren", False)
        case list():
            return _actions(done)
    raise TypeError(f"no words for what the follow-up step returned: {done!r}")


def _actions(done: list[steps.Done]) -> tuple[str, bool]:
    """What a step applying actions did: how many of each kind it did; which failed."""
    counts = Counter(d.kind for d in done if d.new)
    parts = [f"{KINDS.get(k, k)}: {n}" for k, n in sorted(counts.items())]
    before = sum(not d.new and d.error is None for d in done)
    parts += [f"{before} gjort før"] if before else []
    failed = [d for d in done if d.error is not None]
    parts += [f"FEILET {KINDS.get(d.kind, d.kind)}: {d.error}" for d in failed[:3]]
    return "; ".join(parts) or "ingenting å gjøre", bool(failed)
