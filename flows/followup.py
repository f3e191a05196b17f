"""The daily follow-up and the rollout report: each runs its command of
`agreements.commands` and shows the outcome as artifacts. The scheduled follow-up acts as
the system, each of its steps a task of its own (`flows.followup_steps`); the report as the
operator who started it (or the schedule's)."""

from __future__ import annotations

from prefect import flow
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from agreements.access.actors import System
from agreements.commands import (
    FollowUp,
    FollowUpOutcome,
    ReportOutcome,
    RolloutReport,
    execute,
)
from agreements.errorcodes import Code
from agreements.errors import AvtaleflytError
from flows import names
from flows.common import anchor_artifact, deliver, flow_app, run_command
from flows.errortexts import worded
from flows.followup_steps import KINDS, in_tasks
from flows.forms import Day, DryRun, Force, MailOrganisers, ReportDay


class FollowUpIncomplete(AvtaleflytError):
    """Some follow-up actions failed; the others were done."""


@flow(name=FollowUp.action, log_prints=True, flow_run_name=names.daily(FollowUp.action))
@worded
def follow_up(today: Day = None, dry_run: DryRun = False,
              force: Force = False) -> FollowUpOutcome:
    """Remind, escalate, lapse, warn of expiry, draft renewals, open recurring tasks.

    Nothing is sent on weekends or Norwegian public holidays. Running it twice, or two runs at
    once, sends every message once. One failing action is reported and the rest still happen.
    Each kind of work is a task of its own (polling signatures, the day's plan, reminders to
    sign, expiry and renewals, the checklist's e-mails, delivering the outbox …).
    """
    with flow_app(today, force, actor=System(FollowUp.action)) as app:
        outcome = execute(app, FollowUp(dry_run=dry_run).in_steps(in_tasks))
        anchor_artifact(app)
    assert isinstance(outcome, FollowUpOutcome)
    table = [{"Hva": KINDS.get(a.kind, a.kind.replace("_", " ")), "Gjelder": a.concerns,
              "Nr.": a.number, "Dag": f"{a.day:%d.%m.%Y}" if a.day else "",
              "Ny": "ja" if a.new else "gjort før"} for a in outcome.actions]
    if table:
        create_table_artifact(table=table, key="follow-up-actions",
                              description=f"Follow-up {outcome.today}"
                              + (" (dry run)" if dry_run else ""))
    create_markdown_artifact(markdown=summary(outcome), key="follow-up-summary")
    print(outcome.message)
    if outcome.failed:
        raise FollowUpIncomplete(Code.FOLLOWUP_INCOMPLETE, count=len(outcome.failed),
                                 failures=[f"{KINDS.get(f.kind, f.kind)} ({f.concerns}): "
                                           f"{f.error}" for f in outcome.failed[:5]])
    return outcome


def summary(outcome: FollowUpOutcome) -> str:
    """The run's summary in bokmål: what it did by kind, what failed and what concerned,
    what waits; organisations and people by name, never by id."""
    day = f"{outcome.today:%d.%m.%Y}"
    if not outcome.working_day:
        return f"Oppfølging {day}: ikke en virkedag i Norge; ingenting er sendt."
    counts: dict[str, int] = {}
    for a in outcome.actions:
        if a.new:
            counts[a.kind] = counts.get(a.kind, 0) + 1
    verb = "ville gjort" if outcome.dry_run else "gjorde"
    lines = [f"**Oppfølging {day}**: {verb} {sum(counts.values())} nye handlinger", ""]
    lines += [f"- {KINDS.get(k, k.replace('_', ' '))}: {n}" for k, n in sorted(counts.items())]
    lines += [f"- FEILET: {KINDS.get(f.kind, f.kind)} ({f.concerns}): {f.error}"
              for f in outcome.failed]
    if outcome.delivery:
        lines.append(f"- e-post: {outcome.delivery}")
    if outcome.waiting:
        lines.append(f"- {outcome.waiting} melding(er) venter på e-posttjeneren (sendes av "
                     f"deliver-outbox)")
    lines += [f"- utboksen: {t}" for t in outcome.trouble]
    return "\n".join(lines)


@flow(name=RolloutReport.action, log_prints=True,
      flow_run_name=names.daily(RolloutReport.action))
@worded
def rollout_report(today: ReportDay = None, mail: MailOrganisers = False,
                   force: Force = False) -> ReportOutcome:
    """Per organiser, area and fylke, and per organisation what it waits for and on whom:
    an Excel workbook, a CSV for Excel, the chart (PNG, SVG) and markdown, kept in the
    document store and downloadable in the portal (the run's artifact links to each file);
    the same tables and the chart in the run's artifacts. With `mail` (the weekly schedule),
    each organiser's coordinators get their counts and the link, once a week.
    """
    with flow_app(today, force) as app:
        outcome = run_command(RolloutReport(store=True, mail=mail))
        if outcome.queued:
            outcome.delivery = deliver(outcome.queued)
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
