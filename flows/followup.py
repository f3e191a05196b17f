"""The daily follow-up and the rollout report."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from agreements import followup_run, report
from flows.common import app_for, deliver


@task(name="plan-and-apply", cache_policy=NO_CACHE)
def plan_and_apply(today: str | None, dry_run: bool) -> followup_run.FollowUpResult:
    return followup_run.run(app_for(today), dry_run=dry_run, deliver=False)


@flow(name="follow-up", log_prints=True)
def follow_up(today: str | None = None, dry_run: bool = False) -> dict[str, Any]:
    """Remind, escalate, lapse, warn of expiry, draft renewals, open recurring tasks.

    Nothing is sent on weekends or Norwegian public holidays. Running it twice, or two runs at
    once, sends every message once.

    Args:
        today: Plan as if it were this date (YYYY-MM-DD); empty means today.
        dry_run: Only show what would happen; change and send nothing.
    """
    result = plan_and_apply(today, dry_run)
    if result.working_day and not dry_run:
        result.delivery = deliver(today)
    table = [{**a, "day": str(a["day"] or "")} for a in result.actions]
    if table:
        create_table_artifact(table=table, key="follow-up-actions",
                              description=f"Follow-up {result.today}"
                              + (" (dry run)" if dry_run else ""))
    summary = followup_run.summary(result)
    create_markdown_artifact(markdown=summary, key="follow-up-summary")
    print(summary)
    return {"today": str(result.today), "working_day": result.working_day,
            "actions": table, "delivery": result.delivery}


@task(name="build-report", cache_policy=NO_CACHE)
def build(today: str | None) -> tuple[date, list[report.Line]]:
    app = app_for(today)
    with app.transaction() as session:
        return app.clock.today(), report.build(session, app.clock.today())


@flow(name="rollout-report", log_prints=True)
def rollout_report(today: str | None = None, out_dir: str | None = None) -> dict[str, Any]:
    """Counts by phase per collaboration area, organiser and fylke, with what is waiting.

    Args:
        today: Report as of this date (YYYY-MM-DD); empty means today.
        out_dir: Also write CSV and markdown files here (on the machine running the flow).
    """
    day, lines = build(today)
    rows = [x.as_dict() for x in lines]
    markdown = report.to_markdown(lines, day)
    create_table_artifact(table=rows, key="rollout-report", description=f"Rollout {day}")
    create_markdown_artifact(markdown=markdown, key="rollout-report-markdown")
    files = [str(p) for p in report.write(lines, day, Path(out_dir))] if out_dir else []
    print(markdown)
    return {"today": day.isoformat(), "rows": rows, "files": files}
