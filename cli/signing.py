"""E-signing: polling the signing service (Posten signering) for what its signers did."""

from __future__ import annotations

import click

from cli.base import Pending, cli, make_app, prefect_configured
from cli.output import emit_rows


@cli.group()
def signing() -> None:
    """The signing service (AVTALEFLYT_SIGNING=posten)."""


@signing.command("poll")
def signing_poll() -> None:
    """Fetch and record what signers did in Posten signering (the `poll-signatures` flow runs
    this every 10 minutes); the time Posten permits for the next poll is respected."""
    from agreements.contracts import polling

    app = make_app()
    if prefect_configured():
        from cli.ops import run_flow

        result = run_flow("flows.signing", "poll_signatures")
        click.echo(result["summary"])
        rows, failed, waiting = result["changes"], result["failed"], result["waiting"]
    else:
        report = polling.poll(app)
        click.echo(report.summary())
        rows, failed, waiting = report.changes, report.failed, report.waiting
    if rows:
        emit_rows(rows, "table", ["queue", "job", "reference", "status", "agreement", "outcome"])
    if failed:
        raise click.ClickException(f"{len(failed)} part(s) of the poll failed; the rest was "
                                   "recorded (see above)")
    if waiting:
        raise Pending(f"{waiting} message(s) queued, delivery will be retried "
                      "(`avtaleflyt outbox send`)")
