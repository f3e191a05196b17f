"""Orchestration and operator commands: onboard, follow-up, report, serve, the outbox.

`onboard` always runs its Prefect flow (on Prefect's temporary local server when no
PREFECT_API_URL is set). `follow-up` and `report` run their flows when a server is configured
and call avtaleflyt directly otherwise, so they answer in a second on the embedded default.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from cli.base import act, cli, command, echo_outcome, make_app, parse_day, prefect_configured
from cli.org import registration, registration_options
from cli.output import LIST_FORMATS, emit_rows


def run_flow(module: str, flow_name: str, /, **params: Any) -> Any:
    """Run a flow in this process (Prefect is imported only here, on demand)."""
    import importlib

    from flows.common import fast_local_runs

    flow_fn = getattr(importlib.import_module(module), flow_name)
    with fast_local_runs():
        return flow_fn(**params)


@cli.command()
@registration_options(required=False)
@click.option("--csv", "csv_file", type=click.Path(path_type=Path),
              help="Onboard every organisation in this CSV (see README for the columns)")
@click.option("--today", help="Run as if it were this date (YYYY-MM-DD)")
def onboard(csv_file: Path | None, today: str | None, **kw: Any) -> None:
    """Onboard one organisation (ORGNR --role …) or a CSV of many, as a Prefect flow run."""
    from agreements.onboarding import csvfile
    from agreements.registry.register import check

    make_app(parse_day(today))
    if csv_file is not None:
        if kw["orgnr"]:
            raise click.UsageError("give either ORGNR or --csv, not both")
        csvfile.parse(csvfile.read(csv_file), offline=kw["offline"])  # header errors: one line
        result = run_flow("flows.onboarding", "onboard_batch",
                          csv_path=str(csv_file.resolve()), offline=kw["offline"], today=today)
        emit_rows(result["rows"], "table", ["line", "orgnr", "navn", "outcome"])
        click.echo(f"{result['ok']} onboarded, {result['failed']} need attention")
        if result["failed"]:
            raise click.exceptions.Exit(1)
        return
    if not kw["orgnr"] or not kw["role"]:
        raise click.UsageError("give ORGNR and --role, or --csv FILE")
    reg = registration(**kw)
    check(reg)
    outcome = run_flow("flows.onboarding", "onboard_organisation", registration=reg,
                       today=today)
    click.echo(f"{outcome['navn']} ({outcome['orgnr']}): {outcome['outcome']}")


@cli.command("follow-up")
@click.option("--today", help="Plan as if it were this date (YYYY-MM-DD)")
@click.option("--dry-run", is_flag=True, help="Show what would happen; change and send nothing")
def follow_up(today: str | None, dry_run: bool) -> None:
    """Remind, escalate, lapse, warn of expiry, draft renewals, open recurring items."""
    from agreements.followup import run

    app = make_app(parse_day(today))
    if prefect_configured():
        result = run_flow("flows.followup", "follow_up", today=today, dry_run=dry_run)
        actions, failed = result["actions"], result["failed"]
    else:
        outcome = run.run(app, dry_run=dry_run)
        click.echo(run.summary(outcome))
        actions, failed = outcome.actions, outcome.failed
    emit_rows([{**a, "new": "yes" if a["new"] else "already done"} for a in actions], "table",
              ["kind", "subject", "number", "day", "new", "key"])
    if failed:
        raise click.ClickException(f"{len(failed)} follow-up action(s) failed; the others "
                                   "were done (see the list above)")


@cli.command("report")
@click.option("--out", "out_dir", type=click.Path(path_type=Path),
              help="Folder for the files (default: <data dir>/reports)")
@click.option("--today", help="Report as of this date (YYYY-MM-DD)")
def report_cmd(out_dir: Path | None, today: str | None) -> None:
    """The rollout report: an Excel workbook, a CSV for Excel, the chart (PNG and SVG) and
    markdown, per organiser and area, per organisation (what it waits for, on whom) and
    per fylke."""
    from agreements.reporting import rollout

    app = make_app(parse_day(today))
    folder = (out_dir or app.settings.data_dir / "reports").resolve()
    if prefect_configured():
        result = run_flow("flows.followup", "rollout_report", today=today, out_dir=str(folder))
        files = result["files"]
    else:
        with app.transaction() as session:
            report = rollout.build(session, app.clock.today())
        files = [str(p) for p in rollout.write(report, folder)]
        click.echo(rollout.to_markdown(report).split("\n## Virksomheter")[0].rstrip())
    click.echo("written: " + ", ".join(files))


@cli.command()
@click.option("--port", type=int, default=4200, help="Port of the Prefect server it starts")
@click.option("--portal-port", type=int, default=8000, show_default=True,
              help="Port of the portal it starts on 127.0.0.1 (0: no portal)")
def serve(port: int, portal_port: int) -> None:
    """One machine with the UI and schedules: a Prefect server (unless PREFECT_API_URL is set),
    the portal, and every deployment of prefect.yaml served with its schedule."""
    make_app()
    from flows.serve import serve_all

    serve_all(port, portal_port or None)


@cli.group("outbox")
def outbox_group() -> None:
    """Messages and orders waiting to leave, and what has left."""


@outbox_group.command("list")
@click.option("--status", type=click.Choice(["pending", "sending", "sent", "failed"]))
@click.option("--format", "fmt", type=LIST_FORMATS, default="table")
def outbox_list(status: str | None, fmt: str) -> None:
    """List outbox messages."""
    from agreements.outbox import queue

    app = make_app()
    with app.transaction() as session:
        rows = [{"id": m.id, "key": m.key, "channel": m.channel, "to": m.recipient,
                 "subject": m.subject, "status": m.status, "attempts": m.attempts,
                 "error": m.last_error} for m in queue.listing(session, status)]
    emit_rows(rows, fmt, ["id", "status", "channel", "to", "subject", "attempts", "error"])


@outbox_group.command("send")
def outbox_send() -> None:
    """Deliver everything queued (SMTP when configured, else .eml files)."""
    from agreements.outbox import delivery

    report = delivery.deliver(make_app())
    click.echo(str(report))
    if report.failed:
        raise click.ClickException(f"{len(report.failed)} message(s) could not be delivered")


@outbox_group.command("retry")
@click.argument("ids", type=int, nargs=-1)
@click.option("--all-failed", is_flag=True, help="Every failed message")
def outbox_retry(ids: tuple[int, ...], all_failed: bool) -> None:
    """Queue failed messages again (after fixing the cause) and deliver them."""
    from agreements.commands import RetryOutbox

    if not ids and not all_failed:
        raise click.UsageError("give message ids (see `avtaleflyt outbox list`) or --all-failed")
    cmd = command(RetryOutbox, ids=list(ids), all_failed=all_failed)
    echo_outcome(act(make_app(), "retry-outbox", cmd))
