"""The outbox: what is queued, being sent, sent or failed; delivering it; retrying failures."""

from __future__ import annotations

import click

from cli.base import ID, Pending, act, cli, command, echo_outcome, make_app
from cli.output import LIST_FORMATS, emit_rows


@cli.group("outbox")
def outbox_group() -> None:
    """Messages and orders waiting to leave, and what has left."""


@outbox_group.command("list")
@click.option("--status", type=click.Choice(["pending", "sending", "sent", "failed"]))
@click.option("--format", "fmt", type=LIST_FORMATS, default="table")
def outbox_list(status: str | None, fmt: str) -> None:
    """List outbox messages; NOTE says what is stuck (failed, stale claims, retries)."""
    from agreements.outbox import delivery, queue, trouble

    app = make_app()
    now = delivery.real_now()
    with app.transaction() as session:
        rows = [{"id": m.id, "key": m.key, "channel": m.channel, "to": m.recipient,
                 "subject": m.subject, "status": m.status, "attempts": m.attempts,
                 "error": m.last_error, "note": trouble.note(m, now)}
                for m in queue.listing(session, status)]
        stuck = trouble.describe(trouble.troubles(session, now))
    emit_rows(rows, fmt, ["id", "status", "channel", "to", "subject", "attempts", "note"])
    if stuck and fmt == "table":
        click.echo(f"needs attention: {stuck}")


@outbox_group.command("send")
def outbox_send() -> None:
    """Deliver everything queued (SMTP when configured, else .eml files)."""
    from agreements.commands import DeliverOutbox, DeliveryOutcome

    outcome = act(make_app(), DeliverOutbox())
    assert isinstance(outcome, DeliveryOutcome)
    click.echo(outcome.message)
    for line in outcome.stale:
        click.echo(line)
    if outcome.failed:
        raise click.ClickException(f"{len(outcome.failed)} message(s) failed; fix the cause "
                                   "and `avtaleflyt outbox retry`")
    if outcome.left:
        raise Pending(f"{outcome.left} message(s) queued, delivery will be retried")


@outbox_group.command("retry")
@click.argument("ids", type=ID, nargs=-1)
@click.option("--all-failed", is_flag=True, help="Every failed message")
def outbox_retry(ids: tuple[int, ...], all_failed: bool) -> None:
    """Queue failed messages again (after fixing the cause) and deliver them."""
    from agreements.commands import RetryOutbox

    if not ids and not all_failed:
        raise click.UsageError("give message ids (see `avtaleflyt outbox list`) or --all-failed")
    cmd = command(RetryOutbox, ids=list(ids), all_failed=all_failed)
    echo_outcome(act(make_app(), cmd))
