"""Readiness commands: checklist, NHN ordering and bruksvilkår, go-live, organisation details."""

from __future__ import annotations

from typing import Any

import click

from agreements import audit, checklist, golive, nhn, outbox, reference, registry
from agreements.app import parse_moment
from agreements.cli.base import cli, make_app, parse_day, prefect_configured, run_flow
from agreements.cli.org import org, print_status
from agreements.cli.output import FORMATS, emit_rows
from agreements.enums import TermsStatus
from agreements.models import Participation

ROLE = click.option("--role", type=click.Choice(["kilde", "konsument"]),
                    help="Which participation, when the organisation is both")


def participation_of(app: Any, orgnr: str, role: str | None) -> tuple[int, str]:
    with app.transaction() as session:
        org_row = registry.get_organisation(session, orgnr)
        p = registry.get_participation(session, org_row, role)
        return p.id or 0, org_row.orgnr


@org.command("update")
@click.argument("orgnr")
@click.option("--her-id", help="The organisation's HER-id in the address register")
@click.option("--epj-system", help="The clinical system (EPJ) in use")
@click.option("--epj-vendor", help="The EPJ vendor")
def org_update(orgnr: str, her_id: str | None, epj_system: str | None,
               epj_vendor: str | None) -> None:
    """Record HER-id and EPJ details, which go into the NHN order."""
    app = make_app()
    changes = {k: v for k, v in {"her_id": her_id, "epj_system": epj_system,
                                 "epj_vendor": epj_vendor}.items() if v}
    with app.transaction() as session:
        found = registry.get_organisation(session, orgnr)
        for k, v in changes.items():
            setattr(found, k, v.strip())
        if changes:
            audit.record(session, actor=app.actor, action="organisation.updated",
                         subject=f"org:{found.orgnr}", data=changes)
    print_status(app, orgnr, "table")


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
    app = make_app(parse_day(today))
    pid, _ = participation_of(app, orgnr, role)
    day = app.clock.today()
    with app.transaction() as session:
        rows = []
        for i in checklist.items(session, pid):
            p = reference.process(i.process_key)
            rows.append({"item": i.process_key, "occurrence": i.occurrence or None,
                         "title": p.title, "mandatory": "yes" if p.mandatory else "no",
                         "due": i.due_on.isoformat(), "status": i.status,
                         "overdue": "OVERDUE" if i.status == "open" and i.due_on < day
                         else None, "evidence": i.evidence_url or (
                             f"document #{i.evidence_id}" if i.evidence_id else None),
                         "by": i.done_by, "reason": i.reason})
    emit_rows(rows, fmt, ["item", "title", "mandatory", "due", "status", "overdue",
                          "evidence", "by"])


@checklist_group.command("done")
@click.argument("orgnr")
@click.argument("item")
@click.option("--evidence", help="A file (stored with its SHA-256) or an http(s) link")
@click.option("--by", help="Who did it or confirms it")
@ROLE
def checklist_done(orgnr: str, item: str, evidence: str | None, by: str | None,
                   role: str | None) -> None:
    """Tick off an item with its evidence."""
    app = make_app()
    pid, _ = participation_of(app, orgnr, role)
    proof = checklist.Evidence.parse(evidence)
    if prefect_configured():
        path = str(proof.file.resolve()) if proof.file else evidence
        click.echo(run_flow("flows.actions", "complete_checklist_item", orgnr=orgnr, item=item,
                            evidence=path, by=by, role=role))
        return
    with app.transaction() as session:
        found = checklist.complete(app, session, _p(session, pid), item, proof, by)
        click.echo(f"{found.process_key}: done by {found.done_by}")


@checklist_group.command("waive")
@click.argument("orgnr")
@click.argument("item")
@click.option("--reason", required=True)
@click.option("--force", is_flag=True, help="Needed to waive a mandatory item")
@ROLE
def checklist_waive(orgnr: str, item: str, reason: str, force: bool, role: str | None) -> None:
    """Waive an item, with the reason (audited)."""
    app = make_app()
    pid, _ = participation_of(app, orgnr, role)
    with app.transaction() as session:
        found = checklist.waive(app, session, _p(session, pid), item, reason, force)
        click.echo(f"{found.process_key}: waived ({found.reason})")


@checklist_group.command("reopen")
@click.argument("orgnr")
@click.argument("item")
@click.option("--reason")
@ROLE
def checklist_reopen(orgnr: str, item: str, reason: str | None, role: str | None) -> None:
    """Open a done or waived item again."""
    app = make_app()
    pid, _ = participation_of(app, orgnr, role)
    with app.transaction() as session:
        found = checklist.reopen(app, session, _p(session, pid), item, reason)
        click.echo(f"{found.process_key}: open again, due {found.due_on.isoformat()}")


def _p(session: Any, pid: int) -> Participation:
    found = session.get(Participation, pid)
    assert found is not None
    return found


@cli.group("nhn")
def nhn_group() -> None:
    """Ordering the service from NHN, and NHN's bruksvilkår."""


@nhn_group.command("order")
@click.argument("orgnr")
@ROLE
def nhn_order(orgnr: str, role: str | None) -> None:
    """Order from NHN (a kilde only once its agreement is signed); delivered at once."""
    app = make_app()
    pid, number = participation_of(app, orgnr, role)
    order, key = nhn.place_order(app, pid)
    if key:
        report = outbox.deliver(app, keys=[key])
        click.echo(f"order {order.idempotency_key} via {order.channel}: {report}")
    print_status(app, number, "table")


@nhn_group.command("confirm")
@click.argument("orgnr")
@click.option("--reference", required=True, help="NHN's reference for the order")
@ROLE
def nhn_confirm(orgnr: str, reference: str, role: str | None) -> None:
    """Record NHN's confirmation of the order."""
    app = make_app()
    pid, number = participation_of(app, orgnr, role)
    if prefect_configured():
        run_flow("flows.actions", "record_nhn_confirmation", orgnr=orgnr, reference=reference,
                 role=role)
    else:
        nhn.decide(app, pid, confirmed=True, text=reference)
    print_status(app, number, "table")


@nhn_group.command("reject")
@click.argument("orgnr")
@click.option("--reason", required=True)
@ROLE
def nhn_reject(orgnr: str, reason: str, role: str | None) -> None:
    """Record that NHN rejected the order (order again once the reason is fixed)."""
    app = make_app()
    pid, number = participation_of(app, orgnr, role)
    nhn.decide(app, pid, confirmed=False, text=reason)
    print_status(app, number, "table")


@nhn_group.command("terms")
@click.argument("orgnr")
@click.option("--link-received", "state", flag_value="link_received",
              help="NHN's personal signing link has arrived")
@click.option("--signed", "state", flag_value="signed", help="The bruksvilkår are signed")
@click.option("--at", help="When (ISO time; default now)")
@ROLE
def nhn_terms(orgnr: str, state: str | None, at: str | None, role: str | None) -> None:
    """Record the bruksvilkår: link received, or signed."""
    if state is None:
        raise click.UsageError("give --link-received or --signed")
    app = make_app()
    pid, number = participation_of(app, orgnr, role)
    if prefect_configured() and state == TermsStatus.SIGNED:
        run_flow("flows.actions", "record_terms_signed", orgnr=orgnr, signed_at=at, role=role)
    else:
        nhn.terms(app, pid, TermsStatus(state), parse_moment(at))
    print_status(app, number, "table")


@cli.command("golive")
@click.argument("orgnr")
@ROLE
@click.option("--date", "day", help="The go-live date (default today)")
def golive_cmd(orgnr: str, role: str | None, day: str | None) -> None:
    """Mark the organisation live; refused, naming every open gate, until all are closed."""
    app = make_app()
    pid, number = participation_of(app, orgnr, role)
    live_on = parse_day(day, "--date")
    if prefect_configured():
        run_flow("flows.actions", "go_live", orgnr=orgnr, role=role,
                 live_on=live_on.isoformat() if live_on else None)
    else:
        golive.go_live(app, pid, live_on)
    print_status(app, number, "table")
