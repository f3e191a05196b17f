"""Orchestration and operator commands: onboard, follow-up, report, serve.

On the embedded default (no PREFECT_API_URL) every command runs avtaleflyt directly in this
process: no temporary Prefect server is started, so nothing is left running when the command
is killed, nothing is sent to the internet, and `onboard` answers in seconds. With a Prefect
server configured, `follow-up` and `report` run as flow runs on it (Prefect's own log lines
then go to the server, not into this command's output); `onboard` runs here and is recorded
there as a run of its flow, as the flow itself would show it (`cli.onboarding`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from cli.base import FORCE, TODAY, Pending, act, cli, command, make_app, prefect_configured
from cli.org import REGISTRATION, registration_options
from cli.output import emit_rows

if TYPE_CHECKING:
    from agreements.commands import OnboardingOutcome as Onboarded

QUIET_PREFECT = {"DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                 "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "CRITICAL"}


def run_flow(module: str, flow_name: str, /, **params: Any) -> Any:
    """Run a flow in this process against the configured Prefect server (Prefect is imported
    only here): no telemetry, and Prefect's console logging silenced for the run."""
    import importlib
    import logging

    for name, value in QUIET_PREFECT.items():
        os.environ.setdefault(name, value)
    from flows.common import fast_local_runs
    from flows.errortexts import Refusal

    flow_fn = getattr(importlib.import_module(module), flow_name)
    console = [h for h in logging.getLogger().handlers
               if type(h).__name__ == "PrefectConsoleHandler"]
    levels = [h.level for h in console]
    for handler in console:
        handler.setLevel(logging.CRITICAL)
    try:
        with fast_local_runs():
            return flow_fn(**params)
    except Refusal as exc:  # worded for the Prefect UI; here the CLI words it
        if exc.error is None:
            raise
        raise exc.error from None
    finally:
        for handler, level in zip(console, levels, strict=True):
            handler.setLevel(level)


COLUMNS = ["line", "orgnr", "navn", "outcome"]


def _staged_csv(app: Any, path: Path) -> str:
    """The CSV staged for the flow run as a run file (its code): the run may be on another
    machine, which reads it from the document store, not from this one's disk."""
    from agreements.commands import RunFileOutcome, StageRunFile
    from agreements.core import bounded
    from agreements.documents.runfiles import Purpose

    data = bounded.read_bytes(path, app.settings.max_signed_file_bytes)
    staged = act(app, command(StageRunFile, purpose=Purpose.ORGANISATIONS, filename=path.name,
                              data=data))
    assert isinstance(staged, RunFileOutcome)
    return staged.code


def _finish_batch(outcome: Onboarded) -> None:
    click.echo(outcome.message)
    if outcome.attention:
        raise click.exceptions.Exit(1)
    if outcome.waiting:
        raise Pending(f"{outcome.waiting} row(s) onboarded; their e-mail is queued, delivery "
                      "will be retried (`avtaleflyt outbox send`)")


@cli.command()
@registration_options(required=False)
@click.option("--csv", "csv_file", type=click.Path(path_type=Path),
              help="Onboard every organisation in this CSV (see README for the columns)")
@TODAY
@FORCE
def onboard(csv_file: Path | None, today: str | None, force: bool, **kw: Any) -> None:
    """Onboard one organisation (ORGNR --role …) or a CSV of many."""
    from agreements.commands import OnboardBatch, OnboardingOutcome, OnboardOrganisation
    from cli.onboarding import batch, organisation

    app = make_app(today, force=force)
    if csv_file is not None:
        if kw["orgnr"]:
            raise click.UsageError("give either ORGNR or --csv, not both")
        outcome = (batch(app, _staged_csv(app, csv_file), offline=kw["offline"],
                         today=today, force=force)
                   if prefect_configured() else
                   act(app, command(OnboardBatch, csv_path=str(csv_file), offline=kw["offline"])))
        assert isinstance(outcome, OnboardingOutcome)
        emit_rows([r.model_dump() for r in outcome.rows], "table", COLUMNS)
        _finish_batch(outcome)
        return
    if not kw["orgnr"] or not kw["role"]:
        raise click.UsageError("give ORGNR and --role, or --csv FILE")
    one = command(OnboardOrganisation, **{k: kw[k] for k in REGISTRATION})
    outcome = (organisation(app, one, today=today, force=force)
               if prefect_configured() else act(app, one))
    assert isinstance(outcome, OnboardingOutcome)
    click.echo(outcome.message)
    if outcome.waiting:
        raise Pending("the e-mail is queued, delivery will be retried (`avtaleflyt outbox send`)")
    if outcome.attention:
        raise click.exceptions.Exit(1)


@cli.command("follow-up")
@TODAY
@FORCE
@click.option("--dry-run", is_flag=True, help="Show what would happen; change and send nothing")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="json: the day's e-mails, each with its recipient and "
              "items, and the actions")
def follow_up(today: str | None, force: bool, dry_run: bool, fmt: str) -> None:
    """Remind, escalate, lapse, warn of expiry, draft renewals, open recurring items (as the
    system: the same run as the scheduled one)."""
    from agreements.access.actors import System
    from agreements.commands import FollowUp, FollowUpOutcome

    app = make_app(today, force=force, actor=System(FollowUp.action))
    outcome = (run_flow("flows.followup", "follow_up", today=today, dry_run=dry_run,
                        force=force) if prefect_configured()
               else act(app, FollowUp(dry_run=dry_run)))
    assert isinstance(outcome, FollowUpOutcome)
    if fmt == "json":
        click.echo(outcome.model_dump_json(include={"messages", "actions", "failed"},
                                           indent=2))
    else:
        click.echo(outcome.message)
        emit_rows([{**a.model_dump(), "new": "FAILED" if a.failed
                    else "yes" if a.new else "already done"}
                   for a in outcome.actions], "table",
                  ["kind", "subject", "number", "day", "new", "key"])
    if outcome.failed:
        raise click.ClickException(f"{len(outcome.failed)} follow-up action(s) failed; the "
                                   "others were done (see the list above)")
    if outcome.waiting:
        raise Pending(f"{outcome.waiting} message(s) queued, delivery will be retried "
                      "(`avtaleflyt outbox send`)")


@cli.command("report")
@click.option("--out", "out_dir", type=click.Path(path_type=Path),
              help="Folder for the files (default: <data dir>/reports; with a Prefect server "
                   "configured and no --out, the flow run keeps them in the document store "
                   "and the portal offers them)")
@click.option("--today", help="Report as of this date (YYYY-MM-DD; within a year of today "
                              "unless --force)")
@FORCE
@click.option("--mail", is_flag=True, help="E-mail each organiser's coordinators their counts "
              "and the link to the report in the portal (once per ISO week; the weekly "
              "schedule does it)")
def report_cmd(out_dir: Path | None, today: str | None, force: bool, mail: bool) -> None:
    """The rollout report: an Excel workbook, a CSV for Excel, the chart (PNG and SVG) and
    markdown, per organiser and area, per organisation (what it waits for, on whom) and
    per fylke; the markdown ends with the outbox's trouble and the audit log's head."""
    from agreements.commands import ReportOutcome, RolloutReport

    app = make_app(today, force=force)
    folder = str((out_dir or app.settings.data_dir / "reports").resolve())
    outcome = (run_flow("flows.followup", "rollout_report", today=today, mail=mail,
                        force=force)
               if prefect_configured() and out_dir is None
               else act(app, RolloutReport(out_dir=folder, mail=mail)))
    assert isinstance(outcome, ReportOutcome)
    click.echo(outcome.message)
    if outcome.stored:
        click.echo("stored: " + ", ".join(f"{f.name} ({f.link})" for f in outcome.stored))
    else:
        click.echo("written: " + ", ".join(outcome.files))


@cli.command()
@click.option("--port", type=click.IntRange(1, 65535), default=4200,
              help="Port of the Prefect server it starts")
@click.option("--portal-port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port of the portal it starts on 127.0.0.1 (0: no portal)")
def serve(port: int, portal_port: int) -> None:
    """One machine with the UI and schedules: a Prefect server (unless PREFECT_API_URL is set),
    the portal, and every deployment (flows/deployments.py, as in prefect.yaml) served with
    its schedule; the UI talks to the server at --port."""
    make_app()
    from flows.serve import serve_all

    serve_all(port, portal_port or None)
