"""The daily follow-up and the rollout report: each runs its command of
`agreements.commands` and shows the outcome as artifacts. The scheduled follow-up acts as
the system; the report as the operator who started it (or the schedule's)."""

from __future__ import annotations

from prefect import flow
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from agreements.access.actors import System
from agreements.commands import FollowUp, FollowUpOutcome, ReportOutcome, RolloutReport
from agreements.errorcodes import Code
from agreements.errors import AvtaleflytError
from flows import names
from flows.common import anchor_artifact, flow_app, run_command
from flows.errortexts import worded
from flows.forms import Day, DryRun, Force, ReportDay


class FollowUpIncomplete(AvtaleflytError):
    """Some follow-up actions failed; the others were done."""


@flow(name=FollowUp.action, log_prints=True, flow_run_name=names.daily(FollowUp.action))
@worded
def follow_up(today: Day = None, dry_run: DryRun = False,
              force: Force = False) -> FollowUpOutcome:
    """Remind, escalate, lapse, warn of expiry, draft renewals, open recurring tasks.

    Nothing is sent on weekends or Norwegian public holidays. Running it twice, or two runs at
    once, sends every message once. One failing action is reported and the rest still happen.
    """
    with flow_app(today, force, actor=System(FollowUp.action)) as app:
        outcome = run_command(FollowUp(dry_run=dry_run))
        anchor_artifact(app)
    assert isinstance(outcome, FollowUpOutcome)
    table = [{**a.model_dump(), "day": str(a.day or "")} for a in outcome.actions]
    if table:
        create_table_artifact(table=table, key="follow-up-actions",
                              description=f"Follow-up {outcome.today}"
                              + (" (dry run)" if dry_run else ""))
    create_markdown_artifact(markdown=outcome.message, key="follow-up-summary")
    print(outcome.message)
    if outcome.failed:
        raise FollowUpIncomplete(Code.FOLLOWUP_INCOMPLETE, count=len(outcome.failed),
                                 failures=[f"{f.kind} {f.subject}: {f.error}"
                                           for f in outcome.failed[:5]])
    return outcome


@flow(name=RolloutReport.action, log_prints=True,
      flow_run_name=names.daily(RolloutReport.action))
@worded
def rollout_report(today: ReportDay = None, force: Force = False) -> ReportOutcome:
    """Per organiser, area and fylke, and per organisation what it waits for and on whom:
    an Excel workbook, a CSV for Excel, the chart (PNG, SVG) and markdown, kept in the
    document store and downloadable in the portal (the run's artifact links to each file);
    the same tables and the chart in the run's artifacts.
    """
    with flow_app(today, force) as app:
        outcome = run_command(RolloutReport(store=True))
        anchor_artifact(app)
    assert isinstance(outcome, ReportOutcome)
    png = next(f.name for f in outcome.stored if f.name.endswith(".png"))
    markdown = outcome.markdown.replace(f"]({png})", f"]({outcome.chart_data})", 1)
    links = "\n".join(f"- [{f.name}]({f.link})" for f in outcome.stored)
    day = f"{outcome.today:%d.%m.%Y}"
    create_markdown_artifact(
        markdown=f"{markdown}\n\n## Filer\n\nLast ned i portalen (logg inn som "
                 f"organisatorens koordinator):\n\n{links}\n",
        key="rollout-report-markdown", description=f"Innføring {day}")
    create_table_artifact(table=outcome.organisations, key=RolloutReport.action,
                          description=f"Virksomheter {day}")
    create_table_artifact(table=outcome.summary, key="rollout-report-summary",
                          description=f"Sammendrag {day}")
    print(outcome.message)
    return outcome
