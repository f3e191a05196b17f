"""E-signing: polling the signing service (Posten signering) for what its signers did."""

from __future__ import annotations

import click

from cli.base import Pending, act, cli, make_app, prefect_configured
from cli.output import emit_rows


@cli.group()
def signing() -> None:
    """The signing service (AVTALEFLYT_SIGNING=posten)."""


@signing.command("poll")
def signing_poll() -> None:
    """Fetch and record what signers did in Posten signering (the `poll-signatures` flow runs
    this every 10 minutes); the time Posten permits for the next poll is respected."""
    from agreements.access.actors import System
    from agreements.commands import PollOutcome, PollSignatures

    app = make_app(actor=System(PollSignatures.action))
    if prefect_configured():
        from cli.ops import run_flow

        outcome = run_flow("flows.signing", "poll_signatures")
    else:
        outcome = act(app, PollSignatures())
    assert isinstance(outcome, PollOutcome)
    click.echo(outcome.message)
    if outcome.changes:
        emit_rows(outcome.changes, "table", ["queue", "job", "reference", "status", "agreement",
                                             "outcome"])
    if outcome.failed:
        raise click.ClickException(f"{len(outcome.failed)} part(s) of the poll failed; the "
                                   "rest was recorded (see above)")
    if outcome.waiting:
        raise Pending(f"{outcome.waiting} message(s) queued, delivery will be retried "
                      "(`avtaleflyt outbox send`)")
