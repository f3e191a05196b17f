"""Readiness commands: the checklist and go-live (NHN ordering is in `cli.nhn`)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import click

from agreements.core.calendar import parse_day
from cli.base import FORCE, TODAY, act, cli, command, echo_outcome, make_app
from cli.org import print_status
from cli.output import FORMATS, emit_rows

ROLE = click.option("--role", type=click.Choice(["kilde", "konsument"]),
                    help="Which participation, when the organisation is both")


@cli.group("checklist")
def checklist_group() -> None:
    """The readiness checklist, with evidence."""


@checklist_group.command("show")
@click.argument("orgnr")
@ROLE
@click.option("--today", help="Mark overdue items as of this date (YYYY-MM-DD)")
@click.option("--format", "fmt", type=FORMATS, default="table")
def checklist_show(orgnr: str, role: str | None, today: str | None, fmt: str) -> None:
    """Show every item with its due date, state and evidence."""
    from agreements.registry.lookup import participation_id
    from agreements.reporting import details

    app = make_app(parse_day(today))
    with app.transaction() as session:
        rows = details.checklist(session, participation_id(session, orgnr, role),
                                 app.clock.today())
    emit_rows(rows, fmt, ["item", "title", "mandatory", "due", "status", "overdue",
                          "evidence", "by"])


@checklist_group.command("done")
@click.argument("orgnr")
@click.argument("item")
@click.option("--evidence", help="A file (stored with its SHA-256) or an http(s) link")
@click.option("--by", help="Who did it or confirms it")
@click.option("--document-type", "document_types", multiple=True,
              help="forhandsvurdering_dokumenttyper only: a type it chose, as 'Name' or "
                   "'Name: description' (repeat once per type); it goes into Vedlegg 1")
@click.option("--same-evidence-reason",
              help="The organiser's coordinator: why a file that is already another mandatory "
                   "item's evidence is accepted for this one too")
@ROLE
@TODAY
@FORCE
def checklist_done(orgnr: str, item: str, evidence: str | None, by: str | None,
                   document_types: tuple[str, ...], same_evidence_reason: str | None,
                   role: str | None, today: str | None, force: bool) -> None:
    """Tick off an item with its evidence (and, for the forhåndsvurdering, the chosen types)."""
    from agreements.commands import CompleteItem
    from agreements.documents import uploads
    from agreements.errorcodes import Code
    from agreements.errors import InvalidInput

    app = make_app(today, force=force)
    link = evidence if evidence and evidence.startswith(("http://", "https://")) else None
    with contextlib.ExitStack() as stack:  # a staged file is removed once the command is done
        staged = None
        if evidence and not link:
            if not os.path.lexists(evidence):  # what is there, a file or not, is the reader's
                raise InvalidInput(Code.EVIDENCE_NEITHER, value=evidence)
            staged = stack.enter_context(uploads.staged_file(app, Path(evidence),
                                                             what="evidence"))
        cmd = command(CompleteItem, orgnr=orgnr, item=item, evidence_url=link,
                      evidence_file=staged, by=by, document_types=list(document_types),
                      same_evidence_reason=same_evidence_reason, role=role)
        echo_outcome(act(app, cmd))


@checklist_group.command("waive")
@click.argument("orgnr")
@click.argument("item")
@click.option("--reason", required=True)
@click.option("--by", "by", help="A mandatory item: the e-mail of the organiser's coordinator "
                                 "whose decision it is")
@ROLE
@TODAY
@FORCE
def checklist_waive(orgnr: str, item: str, reason: str, by: str | None, role: str | None,
                    today: str | None, force: bool) -> None:
    """Waive an item, with the reason (audited); a mandatory one is the organiser's
    coordinator's decision."""
    from agreements.commands import WaiveItem

    cmd = command(WaiveItem, orgnr=orgnr, item=item, reason=reason, by=by, role=role)
    echo_outcome(act(make_app(today, force=force), cmd))


@checklist_group.command("reopen")
@click.argument("orgnr")
@click.argument("item")
@click.option("--reason")
@ROLE
@TODAY
@FORCE
def checklist_reopen(orgnr: str, item: str, reason: str | None, role: str | None,
                     today: str | None, force: bool) -> None:
    """Open a done or waived item again."""
    from agreements.commands import ReopenItem

    cmd = command(ReopenItem, orgnr=orgnr, item=item, reason=reason, role=role)
    echo_outcome(act(make_app(today, force=force), cmd))


@checklist_group.command("review")
@click.argument("orgnr")
@click.argument("item")
@click.option("--accept", "decision", flag_value="accept", help="The evidence is good")
@click.option("--send-back", "decision", flag_value="send_back",
              help="Send it back (give --reason): the item opens and the organisation is told")
@click.option("--reason", help="Why it is sent back")
@ROLE
@TODAY
@FORCE
def checklist_review(orgnr: str, item: str, decision: str | None, reason: str | None,
                     role: str | None, today: str | None, force: bool) -> None:
    """Review a done item's evidence: accept it, or send it back with a reason."""
    from agreements.commands import ReviewItem

    if decision is None:
        raise click.UsageError("give --accept or --send-back --reason …")
    cmd = command(ReviewItem, orgnr=orgnr, item=item, decision=decision, reason=reason,
                  role=role)
    echo_outcome(act(make_app(today, force=force), cmd))


@cli.command("golive")
@click.argument("orgnr")
@ROLE
@click.option("--date", "day", help="The go-live date (default today)")
@TODAY
@FORCE
def golive_cmd(orgnr: str, role: str | None, day: str | None, today: str | None,
               force: bool) -> None:
    """Mark the organisation live; refused, naming every open gate, until all are closed."""
    from agreements.commands import GoLive

    app = make_app(today, force=force)
    act(app, command(GoLive, orgnr=orgnr, role=role, live_on=parse_day(day, "--date")))
    print_status(app, orgnr, "table")
