"""The daily follow-up and the rollout report."""

from __future__ import annotations

from datetime import date
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
        force: Allow a `today` more than a year from the real date.
    """
    with flow_app(today, force) as app:
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
def build(app: App) -> tuple[date, list[rollout.Line]]:
    with app.transaction() as session:
        return app.clock.today(), rollout.build(session, app.clock.today())


@flow(name="rollout-report", log_prints=True)
def rollout_report(today: str | None = None, out_dir: str | None = None) -> dict[str, Any]:
    """Counts by phase per collaboration area, organiser and fylke, with what is waiting.

    Args:
        today: Report as of this date (YYYY-MM-DD); empty means today.
        out_dir: Also write CSV and markdown files here (on the machine running the flow).
    """
    with flow_app(today) as app:
        day, lines = build(app)
        with app.transaction() as session:
            footer = health.markdown(session)
        anchor_artifact(app)
    rows = [x.as_dict() for x in lines]
    markdown = rollout.to_markdown(lines, day, footer)
    create_table_artifact(table=rows, key="rollout-report", description=f"Rollout {day}")
    create_markdown_artifact(markdown=markdown, key="rollout-report-markdown")
    files = [str(p) for p in rollout.write(lines, day, Path(out_dir), footer)] if out_dir else []
    print(markdown)
    return {"today": day.isoformat(), "rows": rows, "files": files}
