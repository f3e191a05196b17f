"""What every flow shares: one app per flow run, delivery of the outbox, fast local runs,
and the audit log's head as an artifact of every run (an anchor outside the database).

Every task has side effects or reads live state, so none is cached by its inputs (NO_CACHE):
idempotency comes from the use cases and the outbox keys, not from Prefect's result cache.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

from agreements.access.actors import Actor, Operator
from agreements.app import App, Clock, open_app
from agreements.commands import Command, DeliverOutbox, DeliveryOutcome, Outcome, execute
from agreements.config import Settings
from agreements.core.calendar import parse_day
from agreements.errors import AvtaleflytError
from agreements.outbox.delivery import failed_among


class DeliveryFailed(Exception):
    """A message failed for good (a mail server refused its address): retrying cannot help."""


_RUN_APP: ContextVar[App | None] = ContextVar("avtaleflyt_run_app", default=None)


@contextmanager
def flow_app(today: date | str | None = None, force: bool = False, *,
             actor: Actor | None = None) -> Iterator[App]:
    """The one app of a flow run, opened by the flow itself and closed when the block ends:
    settings from AVTALEFLYT_* in the worker's environment, acting as an operator
    (`prefect:<user>`) unless `actor` says otherwise, on `today` (within a year of the real
    date unless `force`). The flow's tasks take plain values and find it with `run_app()`."""
    settings = Settings.from_env()
    day = parse_day(today, "Dag") if isinstance(today, str) else today
    clock = Clock.simulating(day, force=force, option="Dag")  # the run form's title
    who = actor or Operator(settings.actor, via="prefect")
    with open_app(settings, clock=clock, actor=who, need_schema=True) as app, run_on(app):
        yield app


@contextmanager
def run_on(app: App) -> Iterator[App]:
    """Make `app` the app of the tasks called in this block (`flow_app` does it for a flow)."""
    token = _RUN_APP.set(app)
    try:
        yield app
    finally:
        _RUN_APP.reset(token)


def run_app() -> App:
    """The app the running flow opened (tasks run in its context)."""
    app = _RUN_APP.get()
    if app is None:
        raise RuntimeError("a task of avtaleflyt runs inside a flow that opened its app")
    return app


@task(name="run-command", task_run_name="{command.action}", cache_policy=NO_CACHE)
def command_task(command: Command) -> Outcome:
    """Run a command of `agreements.commands` for the flow's actor (checked like any). A
    refusal ends the task Failed with its bokmål line and no traceback: it is an answer,
    not a fault."""
    from prefect.states import Failed

    from flows.errortexts import bokmal

    try:
        return execute(run_app(), command)
    except AvtaleflytError as exc:
        return Failed(message=" ".join(bokmal(exc).split()), data=exc)  # type: ignore[return-value]


def run_command(command: Command) -> Outcome:
    """The command's outcome, run as a task of the flow; its refusal raised again here, for
    the flow to end its run with it (`flows.errortexts.worded`)."""
    state = command_task(command, return_state=True)
    outcome = state.result()
    assert isinstance(outcome, Outcome)
    return outcome


def anchor_artifact(app: App) -> None:
    """Publish the audit log's head with the run: a copy of the anchor outside the database
    (compare with `avtaleflyt audit verify --head SEQ:MAC`)."""
    from prefect.artifacts import create_markdown_artifact

    from agreements.core import audit

    with app.transaction() as session:
        head = audit.head(session)
    if head is not None:
        create_markdown_artifact(key="audit-head", description="Head of the audit log",
                                 markdown=f"Audit log head: `{head[0]}:{head[1]}`")


@task(name=DeliverOutbox.action, cache_policy=NO_CACHE)
def deliver(mine: Collection[str] | None = None) -> str:
    """Deliver everything queued, once. A message that failed for good fails the run — when
    `mine` is given (what the action queued; it tried them at once), only one of those,
    whether it failed then or now: another's bad address is a warning here, not this run's
    failure. What a server that is down leaves queued is not waited for here: the
    `deliver-outbox` deployment delivers it within minutes of the server's return."""
    app = run_app()
    report = execute(app, DeliverOutbox())
    assert isinstance(report, DeliveryOutcome)
    failed = report.failed
    if mine is not None:
        for key, why in failed.items():
            if key not in mine:
                _logger().warning("outbox: %s failed for good (not queued by this run): %s",
                                  key, why)
        failed = {k: v for k, v in failed.items() if k in mine} | failed_among(app, mine)
    if failed:
        raise DeliveryFailed(f"outbox: {report.message}; failed: " + "; ".join(
            f"{k}: {v}" for k, v in list(failed.items())[:3]))
    if report.left:
        return f"{report.message}; {LEFT_QUEUED}"
    return report.message


LEFT_QUEUED = "the rest is queued for deliver-outbox (every 10 minutes)"


def _logger() -> logging.Logger | logging.LoggerAdapter[logging.Logger]:
    """The run's logger (shown with the run in the UI), or a plain one outside a run."""
    from prefect.exceptions import MissingContextError
    from prefect.logging import get_run_logger

    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger("avtaleflyt.flows")


@contextmanager
def fast_local_runs() -> Iterator[None]:
    """Skip joining the heartbeat thread at the end of each synchronous flow run (about 1 s)."""
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield
