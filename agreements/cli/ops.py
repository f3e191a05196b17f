"""Orchestration commands: onboard, follow-up, report, serve.

`onboard` always runs its Prefect flow (on Prefect's temporary local server when no
PREFECT_API_URL is set). `follow-up` and `report` run their flows when a server is configured
and call the use cases directly otherwise, so they answer in a second on the embedded default.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from agreements import batch, followup_run, registry, report
from agreements.cli.base import cli, make_app, parse_day, prefect_configured, run_flow
from agreements.cli.org import registration, registration_options
from agreements.cli.output import emit_rows


@cli.command()
@registration_options(required=False)
@click.option("--csv", "csv_file", type=click.Path(path_type=Path),
              help="Onboard every organisation in this CSV (see README for the columns)")
@click.option("--today", help="Run as if it were this date (YYYY-MM-DD)")
def onboard(csv_file: Path | None, today: str | None, **kw: Any) -> None:
    """Onboard one organisation (ORGNR --role …) or a CSV of many, as a Prefect flow run."""
    make_app(parse_day(today))
    if csv_file is not None:
        if kw["orgnr"]:
            raise click.UsageError("give either ORGNR or --csv, not both")
        batch.parse(batch.read(csv_file), offline=kw["offline"])  # header errors: one line
        result = run_flow("flows.onboarding", "onboard_batch",
                          csv_path=str(csv_file.resolve()), offline=kw["offline"], today=today)
        emit_rows(result["rows"], "table", ["line", "orgnr", "navn", "outcome"])
        click.echo(f"{result['ok']} onboarded, {result['failed']} need attention")
        if result["failed"]:
            raise click.exceptions.Exit(1)
        return
    if not kw["orgnr"] or not kw["role"]:
        raise click.UsageError("give ORGNR and --role, or --csv FILE")
    registry.check(registration(**kw))
    outcome = run_flow("flows.onboarding", "onboard_organisation", today=today,
                       **{k: v for k, v in kw.items()})
    click.echo(f"{outcome['navn']} ({outcome['orgnr']}): {outcome['outcome']}")


@cli.command("follow-up")
@click.option("--today", help="Plan as if it were this date (YYYY-MM-DD)")
@click.option("--dry-run", is_flag=True, help="Show what would happen; change and send nothing")
def follow_up(today: str | None, dry_run: bool) -> None:
    """Remind, escalate, lapse, warn of expiry, draft renewals, open recurring items."""
    app = make_app(parse_day(today))
    if prefect_configured():
        result = run_flow("flows.followup", "follow_up", today=today, dry_run=dry_run)
        actions = result["actions"]
    else:
        outcome = followup_run.run(app, dry_run=dry_run)
        click.echo(followup_run.summary(outcome))
        actions = outcome.actions
    emit_rows([{**a, "new": "yes" if a["new"] else "already done"} for a in actions], "table",
              ["kind", "subject", "number", "day", "new", "key"])


@cli.command("report")
@click.option("--out", "out_dir", type=click.Path(path_type=Path),
              help="Folder for the CSV and markdown files (default: <data dir>/reports)")
@click.option("--today", help="Report as of this date (YYYY-MM-DD)")
def report_cmd(out_dir: Path | None, today: str | None) -> None:
    """The rollout report per area, organiser and fylke, as CSV and markdown files."""
    app = make_app(parse_day(today))
    folder = (out_dir or app.settings.data_dir / "reports").resolve()
    if prefect_configured():
        result = run_flow("flows.followup", "rollout_report", today=today, out_dir=str(folder))
        files = result["files"]
    else:
        with app.transaction() as session:
            lines = report.build(session, app.clock.today())
        click.echo(report.to_markdown(lines, app.clock.today()))
        files = [str(p) for p in report.write(lines, app.clock.today(), folder)]
    click.echo("written: " + ", ".join(files))


@cli.command()
@click.option("--port", type=int, default=4200, help="Port of the Prefect server it starts")
def serve(port: int) -> None:
    """One machine with the UI and schedules: a Prefect server (unless PREFECT_API_URL is set)
    and every deployment of prefect.yaml served with its schedule."""
    make_app()
    from flows.serve import serve_all

    serve_all(port)
