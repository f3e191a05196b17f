"""The root command group, the app each command opens, and running an action.

Only click is imported at module level, so `avtaleflyt --help` and `avtaleflyt CMD --help`
load no database, HTTP or Prefect code; each command imports what it needs when it runs.
"""

from __future__ import annotations

import os
from datetime import date
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from pydantic import BaseModel

    from agreements.app import App
    from agreements.commands import Outcome
    from agreements.config import Settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """avtaleflyt: agreements, readiness and NHN ordering for Pasientens journaldokumenter."""


def make_app(today: date | None = None, *, need_schema: bool = True,
             settings: Settings | None = None) -> App:
    """The app for one command: settings from AVTALEFLYT_*, acting as the local user; its
    transports are closed when the command ends."""
    from agreements.app import Clock, open_app

    app = open_app(settings, clock=Clock(today), need_schema=need_schema)
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.call_on_close(app.close)
    return app


def parse_day(value: str | None, option: str = "--today") -> date | None:
    if value is None:
        return None
    from agreements.errors import InvalidInput

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{option} must be a date like 2026-11-25, got {value!r}") from None


def prefect_configured() -> bool:
    """A Prefect server is configured: actions then show up there as flow runs."""
    return bool(os.environ.get("PREFECT_API_URL"))


def command(model: type[BaseModel], **values: Any) -> Any:
    """Build an action's input model from options; a bad value is one line naming it."""
    from agreements.commands import build

    return build(model, **values)


def act(app: App, name: str, cmd: BaseModel) -> Outcome:
    """Run an action in this process; with a Prefect server configured, as a flow run there."""
    from agreements.commands import execute

    if prefect_configured():
        from cli.server import as_flow_run

        return as_flow_run(name, cmd, lambda: execute(app, name, cmd))
    return execute(app, name, cmd)


def echo_outcome(outcome: Outcome) -> None:
    click.echo(outcome.message)
    if outcome.delivery:
        click.echo(f"e-mail: {outcome.delivery}")
