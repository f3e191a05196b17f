"""The root command group, the app each command opens, and running an action.

Only click and the calendar (standard library only, for dates) are imported at module level,
so `avtaleflyt --help` and `avtaleflyt CMD --help` load no database, HTTP or Prefect code; each
command imports what it needs when it runs.
"""

from __future__ import annotations

import os
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from agreements.core.bounded import ID_MAX
from agreements.core.calendar import parse_day

if TYPE_CHECKING:
    from pydantic import BaseModel

    from agreements.access.actors import Actor
    from agreements.app import App
    from agreements.commands import Command, Outcome
    from agreements.config import Settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """avtaleflyt: agreements, readiness and NHN ordering for Pasientens journaldokumenter."""


class AsciiInt(click.ParamType[int, Any]):
    """A whole number written with the digits 0-9 (click's INT also takes '١' or '９')."""

    name = "integer"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip()
        if not (text.isascii() and text.lstrip("-").isdigit()):
            self.fail(f"{value!r} is not a whole number written with the digits 0-9", param, ctx)
        if len(text) > 12 or abs(int(text)) > ID_MAX:
            self.fail(f"{text[:24]} is out of range: no id is over {ID_MAX}", param, ctx)
        return int(text)


ID = AsciiInt()


class Pending(click.ClickException):
    """The work is saved, but some messages have not left yet: exit code 3, not an error."""

    exit_code = 3


TODAY = click.option("--today", help="Run as if it were this date (YYYY-MM-DD; within a year "
                                     "of today unless --force); recorded in the audit log as "
                                     "the time of what it does")
FORCE = click.option("--force", is_flag=True, help="Allow a --today more than a year away (or, "
                     "for follow-up, one on which agreements would lapse or expire)")


def make_app(today: str | date | None = None, *, force: bool = False,
             need_schema: bool = True, settings: Settings | None = None,
             actor: Actor | None = None) -> App:
    """The app for one command: settings from AVTALEFLYT_*, acting as an operator (the local
    user, or AVTALEFLYT_ACTOR) unless `actor` says otherwise, on the real day or on `--today`
    (within a year of the real day unless `force`); its transports are closed when the
    command ends."""
    from agreements.app import Clock, open_app

    day = parse_day(today) if isinstance(today, str) else today
    app = open_app(settings, clock=Clock.simulating(day, force=force), need_schema=need_schema,
                   actor=actor)
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.call_on_close(app.close)
    return app


def prefect_configured() -> bool:
    """A Prefect server is configured: actions then show up there as flow runs."""
    return bool(os.environ.get("PREFECT_API_URL"))


def command(model: type[BaseModel], **values: Any) -> Any:
    """Build an action's input model from options; a bad value is one line naming it."""
    from agreements.commands import build

    return build(model, **values)


UNDELIVERED: list[Outcome] = []  # this command's actions whose own e-mail did not all leave


def act(app: App, cmd: Command) -> Outcome:
    """Run a command in this process; a person's action, with a Prefect server configured, as
    a run of its flow there. An action whose own e-mail did not all leave is noted: the
    command ends saying so (the operations say it in their own outcome)."""
    from agreements.commands import ACTIONS, execute

    name = cmd.action
    if prefect_configured() and name in ACTIONS:
        from agreements.commands.naming import run_name
        from cli.server import as_flow_run

        label = run_name(app, name, cmd.model_dump())
        outcome = as_flow_run(name, cmd, lambda: execute(app, cmd), label=label)
    else:
        outcome = execute(app, cmd)
    if name in ACTIONS and (outcome.undelivered or outcome.waiting):
        UNDELIVERED.append(outcome)
    return outcome


def undelivered() -> click.ClickException | None:
    """After the command printed what it did: its own e-mail that failed for good (exit 1)
    or is left queued (exit 3), one line; None when it all left."""
    found, UNDELIVERED[:] = list(UNDELIVERED), []
    failed = [k for o in found for k in o.undelivered]
    if failed:
        done = "; ".join(o.message for o in found)
        return click.ClickException(
            f"{done}, but {len(failed)} of its e-mail(s) failed for good and will not be sent "
            f"({found[0].delivery}): fix the cause, then `avtaleflyt outbox retry --all-failed`")
    if found:
        return Pending(f"{sum(o.waiting for o in found)} e-mail(s) queued, delivery will be "
                       "retried (`avtaleflyt outbox send`)")
    return None


def echo_outcome(outcome: Outcome) -> None:
    click.echo(outcome.message)
    if outcome.delivery:
        click.echo(f"e-mail: {outcome.delivery}")
