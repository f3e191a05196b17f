"""The daily follow-up and the rollout report."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from agreements.app import App
from agreements.errors import AvtaleflytError
from agreements.followup import run
from agreements.outbox import queue
from agreements.reporting import health, rollout
from flows.common import anchor_artifact, deliver, flow_app


class FollowUpIncomplete(AvtaleflytError):
    """Some follow-up actions failed; the others were done."""


@task(name="plan-and-apply", cache_policy=NO_CACHE)
def plan_and_apply(app: App, dry_run: bool) -> run.FollowUpResult:
    return run.run(app, dry_run=dry_run, deliver=False)


@flow(name="follow-up", log_prints=True)
def follow_up(today: str | None = None, dry_run: bool = False,
              force: bool = False) -> dict[str, Any]:
    """Remind, escalate, lapse, warn of expiry, draft renewals, open recurring tasks.

    Nothing is sent on weekends or Norwegian public holidays. Running it twice, or two runs at
    once, sends every message once. One failing action is reported and the rest still happen.

    Args:
        today: Plan as if it were this date (YYYY-MM-DD); empty means today.
        dry_run: Only show what would happen; change and send nothing.
        force: Allow a `today` more than a year from the real date, or one on which
            agreements would lapse or expire.
    """
    with flow_app(today, force) as app:
        if not (force or dry_run):
            run.refuse_simulated_endings(app)
        result = plan_and_apply(app, dry_run)
        if result.working_day and not dry_run:
            result.delivery = deliver(app)
            run.note_trouble(app, result)
            with app.transaction() as session:
                result.waiting = queue.unsent(session)
        anchor_artifact(app)
    table = [{**a, "day": str(a["day"] or "")} for a in result.actions]
    if table:
        create_table_artifact(table=table, key="follow-up-actions",
                              description=f"Follow-up {result.today}"
                              + (" (dry run)" if dry_run else ""))
    summary = run.summary(result)
    create_markdown_artifact(markdown=summary, key="follow-up-summary")
    print(summary)
    if result.failed:
        raise FollowUpIncomplete(f"{len(result.failed)} follow-up action(s) failed: "
                                 + "; ".join(f"{f['kind']} {f['subject']}: {f['error']}"
                                             for f in result.failed[:5]))
    return {"today": str(result.today), "working_day": result.working_day,
            "actions": table, "failed": result.failed, "delivery": result.delivery,
            "waiting": result.waiting, "summary": summary}


@task(name="build-report", cache_policy=NO_CACHE)
def build(app: App) -> rollout.Report:
    with app.transaction() as session:
        return rollout.build(session, app.clock.today())


@task(name="write-report", cache_policy=NO_CACHE)
def write(report: rollout.Report, folder: Path, footer: str) -> list[Path]:
    return rollout.write(report, folder, footer)


@flow(name="rollout-report", log_prints=True)
def rollout_report(today: str | None = None, out_dir: str | None = None,
                   force: bool = False) -> dict[str, Any]:
    """Per organiser, area and fylke, and per organisation what it waits for and on whom:
    an Excel workbook, a CSV for Excel, the chart (PNG, SVG) and markdown, written to the
    reports folder; the same tables and the chart in the run's artifacts.

    Args:
        today: Report as of this date (YYYY-MM-DD); empty means today.
        out_dir: Where to write the files (on the machine running the flow); empty means
            the reports folder in the data folder.
        force: Allow a `today` more than a year from the real date.
    """
    with flow_app(today, force) as app:
        report = build(app)
        folder = Path(out_dir) if out_dir else app.settings.data_dir / "reports"
        with app.transaction() as session:
            footer = health.markdown(session)
        anchor_artifact(app)
    files = write(report, folder, footer)
    png = next(p for p in files if p.suffix == ".png")
    image = "data:image/png;base64," + base64.b64encode(png.read_bytes()).decode()
    markdown = rollout.to_markdown(report, image, footer)
    links = "\n".join(f"- `{p}`" for p in files)
    create_markdown_artifact(markdown=f"{markdown}\n\n## Filer\n\n{links}\n",
                             key="rollout-report-markdown",
                             description=f"Innføring {report.today:%d.%m.%Y}")
    rows = [{c: rollout.cell_text(o[c]) for c in rollout.ORGANISATION_COLUMNS}
            for o in report.organisations]
    create_table_artifact(table=rows, key="rollout-report",
                          description=f"Virksomheter {report.today:%d.%m.%Y}")
    summary = [{c: rollout.cell_text(v) for c, v in x.as_dict().items()} for x in report.summary]
    create_table_artifact(table=summary, key="rollout-report-summary",
                          description=f"Sammendrag {report.today:%d.%m.%Y}")
    print(rollout.to_markdown(report).split("\n## Virksomheter")[0] + "\n" + footer)
    return {"today": report.today.isoformat(), "rows": rows, "files": [str(p) for p in files]}
