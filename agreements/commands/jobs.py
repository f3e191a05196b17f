"""The jobs that also run on a schedule: the daily follow-up, polling the signing service,
and the rollout report. A scheduled run acts as the system; an operator may start any."""

from __future__ import annotations

import base64
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, Field, PrivateAttr

from agreements.access import policy
from agreements.access.policy import Rule
from agreements.commands.base import Command, Outcome

if TYPE_CHECKING:
    from agreements.app import App
    from agreements.followup.run import Steps


class FollowUp(Command):
    """Remind, escalate, lapse, warn of expiry, draft renewals, open recurring items.
    Nothing is sent on weekends or Norwegian public holidays; running it twice, or two runs
    at once, does everything once; one failing action is reported and the rest still happen."""

    action: ClassVar[str] = "follow-up"
    rule: ClassVar[Rule] = policy.SCHEDULED

    dry_run: bool = Field(False, title="Dry run",
                          description="only show what would happen; change and send nothing")
    _runner: Steps | None = PrivateAttr(None)

    def in_steps(self, runner: Steps) -> FollowUp:
        """The same follow-up, each of its steps run by `runner` (a flow runs each as a task
        of its own); without one, each is called in turn."""
        stepped = self.model_copy()
        stepped._runner = runner
        return stepped

    @property
    def runner(self) -> Steps | None:
        return self._runner


class FollowUpAction(BaseModel):
    kind: str
    subject: str
    number: int
    concerns: str = ""  # the subject in words: the organisation and the person or thing
    day: date | None = None
    key: str | None = None
    new: bool = True  # False: done already (or moved on since the plan), or failed
    failed: bool = False  # it raised, or its message could not be queued: not done


class FollowUpFailure(BaseModel):
    kind: str
    subject: str
    number: int = 0
    concerns: str = ""
    day: date | None = None
    key: str | None = None
    error: str


class FollowUpItem(BaseModel):
    kind: str  # reminder | escalation
    concerns: str  # the organisation and what is owed, in words
    reminders_before: int
    subjects: list[str] = Field(default_factory=list)  # item:<id>


class FollowUpMessage(BaseModel):
    """One person's e-mail of the day: every checklist reminder and escalation for them."""

    recipient: str
    items: list[FollowUpItem] = Field(default_factory=list)


class FollowUpOutcome(Outcome):
    today: date
    working_day: bool
    dry_run: bool
    actions: list[FollowUpAction] = Field(default_factory=list)
    failed: list[FollowUpFailure] = Field(default_factory=list)
    waiting: int = 0  # messages left queued: their server was down (retried next run)
    trouble: list[str] = Field(default_factory=list)  # failed or stale messages in the outbox
    messages: list[FollowUpMessage] = Field(default_factory=list)


def follow_up(app: App, cmd: FollowUp) -> FollowUpOutcome:
    from agreements.followup import run

    if not (cmd.dry_run or app.clock.forced):
        run.refuse_simulated_endings(app)
    result = run.run(app, dry_run=cmd.dry_run, runner=cmd.runner)
    words = _described(app, [a["subject"] for a in (*result.actions, *result.failed)])
    return FollowUpOutcome(
        message=run.summary(result), today=result.today, working_day=result.working_day,
        dry_run=result.dry_run, delivery=result.delivery, waiting=result.waiting,
        trouble=result.trouble,
        actions=[FollowUpAction.model_validate({**a, "concerns": words[a["subject"]]})
                 for a in result.actions],
        failed=[FollowUpFailure.model_validate({**f, "concerns": words[f["subject"]]})
                for f in result.failed],
        messages=[FollowUpMessage.model_validate(m) for m in result.messages])


class PollSignatures(Command):
    """Fetch what signers did in Posten signering and record it: signatures, declines,
    expiry, the verified signed PDF and the signeringsbekreftelse; each status change is
    confirmed to Posten only once recorded. Respects the poll time Posten permits."""

    action: ClassVar[str] = "poll-signatures"
    rule: ClassVar[Rule] = policy.SCHEDULED


def _described(app: App, subjects: list[str]) -> dict[str, str]:
    """Each subject in words (`reporting.subjects`), for tables that name no ids."""
    from agreements.reporting import subjects as words

    with app.transaction() as session:
        return words.describe(session, subjects)


class PollOutcome(Outcome):
    # queue, job, reference, status, agreement, outcome of each status change recorded, and
    # what the agreement concerns in words (`concerns`)
    changes: list[dict[str, str]] = Field(default_factory=list)
    failed: list[str] = Field(default_factory=list)
    waiting: int = 0


def poll_signatures(app: App, cmd: PollSignatures) -> PollOutcome:
    from agreements.contracts import polling  # the signing and PDF code: only when polling

    report = polling.poll(app)
    words = _described(app, [f"agreement:{row.get('agreement')}" for row in report.changes])
    return PollOutcome(message=report.summary(), delivery=report.delivery, queued=report.keys,
                       changes=[{**{k: str(v) for k, v in row.items()},
                                 "concerns": words[f"agreement:{row.get('agreement')}"]}
                                for row in report.changes],
                       failed=report.failed, waiting=report.waiting)


class RolloutReport(Command):
    """Per organiser, area and fylke, and per organisation what it waits for and on whom: an
    Excel workbook, a CSV for Excel, the chart (PNG, SVG) and markdown, written to a folder."""

    action: ClassVar[str] = "rollout-report"
    rule: ClassVar[Rule] = policy.SCHEDULED

    out_dir: str | None = Field(None, title="Folder", max_length=4096,
                                description="where to write the files, on the machine that "
                                            "runs it; empty: the reports folder of the data "
                                            "folder")
    store: bool = Field(False, title="Store",
                        description="keep the files in the document store, where the portal "
                                    "offers them for download, instead of writing a folder")
    mail: bool = Field(False, title="E-mail the organisers",
                       description="e-mail each organiser's coordinators their counts and the "
                                   "link to the report in the portal, once a week")


class ReportFile(BaseModel):
    """One file of a report kept in the document store, and where the portal offers it."""

    name: str
    document_id: int
    link: str


class ReportOutcome(Outcome):
    """`message` is the overview (every table but the organisations, and the footer);
    `markdown` the whole report as written, the chart linked by its file name."""

    today: date
    files: list[str]
    chart: str  # the PNG
    markdown: str
    organisations: list[dict[str, str]] = Field(default_factory=list)
    summary: list[dict[str, str]] = Field(default_factory=list)
    stored: list[ReportFile] = Field(default_factory=list)  # with `store`: files and chart
    chart_data: str = Field("", repr=False)  # are in the store; the chart as a data: URL


def rollout_report(app: App, cmd: RolloutReport) -> ReportOutcome:
    from agreements.reporting import changes, health, rollout, writers

    with app.transaction() as session:
        report = rollout.build(session, app.clock.today())
        changes.compare(session, report)
        changes.record(session, report)
        footer = health.markdown(session)
    with tempfile.TemporaryDirectory(prefix="avtaleflyt-report-") as scratch:
        folder = (Path(scratch) if cmd.store else Path(cmd.out_dir) if cmd.out_dir
                  else app.settings.data_dir / "reports").resolve()
        files = writers.write(report, folder, footer)
        chart = next(p for p in files if p.suffix == ".png")
        stored = _store(app, files) if cmd.store else []
        chart_data = ("data:image/png;base64," + base64.b64encode(chart.read_bytes()).decode()
                      if cmd.store else "")
    overview = writers.to_markdown(report, organisations=False).rstrip()
    queued = _mail(app, report, stored) if cmd.mail else []
    return ReportOutcome(queued=queued,
        message=f"{overview}\n\n{footer.rstrip()}", today=report.today,
        stored=stored, chart_data=chart_data,
        files=[] if cmd.store else [str(p) for p in files],
        chart="" if cmd.store else str(chart),
        markdown=writers.to_markdown(report, chart.name, footer),
        organisations=[{c: writers.cell_text(o[c]) for c in rollout.ORGANISATION_COLUMNS}
                       for o in report.organisations],
        summary=[{c: writers.cell_text(v) for c, v in x.as_dict().items()}
                 for x in report.summary])


def _mail(app: App, report: Any, stored: list[ReportFile]) -> list[str]:
    """The week's e-mail to the organisers' coordinators, linking the workbook (or the
    portal's list of reports when the files were written to a folder)."""
    from agreements import links
    from agreements.reporting import weekly

    link = next((f.link for f in stored if f.name.endswith(".xlsx")),
                links.reports(app.settings))
    return weekly.mail_organisers(app, report, link)


def _store(app: App, files: list[Path]) -> list[ReportFile]:
    """The report's files as documents (kind `report`), each with its link in the portal."""
    from agreements import links
    from agreements.documents.runfiles import REPORT

    with app.transaction() as session:
        docs = [app.documents.put(session, kind=REPORT, folder="reports", name=p.name,
                                  data=p.read_bytes()) for p in files]
        return [ReportFile(name=Path(d.path).name, document_id=d.id or 0,
                           link=links.report_file(app.settings, d.id or 0)) for d in docs]
