"""NHN commands: the organisation's order, NHN's answer, an order placed outside avtaleflyt,
and the bruksvilkår."""

from __future__ import annotations

import click

from agreements.core.calendar import parse_day
from cli.base import FORCE, TODAY, act, cli, command, echo_outcome, make_app
from cli.org import print_status
from cli.readiness import ROLE


@cli.group("nhn")
def nhn_group() -> None:
    """Ordering the service from NHN, and NHN's bruksvilkår."""


@nhn_group.command("order")
@click.argument("orgnr")
@click.option("--by", "by", metavar="EMAIL",
              help="The organisation's signatory or PJD lead who places the order: it goes "
                   "out in their name (From avtaleflyt, Reply-To and signed by them)")
@click.option("--without-her-id", is_flag=True,
              help="Order although no HER-id is registered (see `org update --her-id`)")
@ROLE
@TODAY
@FORCE
def nhn_order(orgnr: str, by: str | None, without_her_id: bool, role: str | None,
              today: str | None, force: bool) -> None:
    """Place the organisation's order with NHN in its contact's name; delivered at once.
    Needs the HER-id unless --without-her-id. A kommune that is kilde and konsument places
    one order naming both (no --role needed)."""
    from agreements.commands import PlaceOrder

    app = make_app(today, force=force)
    outcome = act(app, command(PlaceOrder, orgnr=orgnr, role=role, by=by,
                               without_her_id=without_her_id))
    click.echo(outcome.message + (f": {outcome.delivery}" if outcome.delivery else ""))
    print_status(app, orgnr, "table")


@nhn_group.command("confirm")
@click.argument("orgnr")
@click.option("--reference", required=True, help="NHN's reference for the order")
@ROLE
@TODAY
@FORCE
def nhn_confirm(orgnr: str, reference: str, role: str | None, today: str | None,
                force: bool) -> None:
    """Record NHN's confirmation of the order."""
    from agreements.commands import ConfirmOrder

    app = make_app(today, force=force)
    act(app, command(ConfirmOrder, orgnr=orgnr, reference=reference, role=role))
    print_status(app, orgnr, "table")


@nhn_group.command("outside")
@click.argument("orgnr")
@click.option("--reference", required=True, help="NHN's reference for the confirmed order")
@click.option("--by", "by", metavar="EMAIL", help="Who at the organisation placed it")
@click.option("--on", "placed_on", help="The day it was placed (YYYY-MM-DD; default today)")
@ROLE
@TODAY
@FORCE
def nhn_outside(orgnr: str, reference: str, by: str | None, placed_on: str | None,
                role: str | None, today: str | None, force: bool) -> None:
    """Record an order placed outside avtaleflyt that NHN confirmed, with NHN's reference."""
    from agreements.commands import RecordOutsideOrder

    app = make_app(today, force=force)
    cmd = command(RecordOutsideOrder, orgnr=orgnr, reference=reference, by=by, role=role,
                  placed_on=parse_day(placed_on, "--on"))
    echo_outcome(act(app, cmd))
    print_status(app, orgnr, "table")


@nhn_group.command("reject")
@click.argument("orgnr")
@click.option("--reason", required=True)
@ROLE
@TODAY
@FORCE
def nhn_reject(orgnr: str, reason: str, role: str | None, today: str | None, force: bool) -> None:
    """Record that NHN rejected the order (order again once the reason is fixed)."""
    from agreements.commands import RejectOrder

    app = make_app(today, force=force)
    act(app, command(RejectOrder, orgnr=orgnr, reason=reason, role=role))
    print_status(app, orgnr, "table")


@nhn_group.command("terms")
@click.argument("orgnr")
@click.option("--link-received", "state", flag_value="link_received",
              help="NHN's personal signing link has arrived")
@click.option("--signed", "state", flag_value="signed", help="The bruksvilkår are signed")
@click.option("--at", help="When (ISO time; default now)")
@ROLE
@TODAY
@FORCE
def nhn_terms(orgnr: str, state: str | None, at: str | None, role: str | None, today: str | None,
              force: bool) -> None:
    """Record the bruksvilkår: link received, or signed."""
    from agreements.commands import RecordTerms

    if state is None:
        raise click.UsageError("give --link-received or --signed")
    app = make_app(today, force=force)
    act(app, command(RecordTerms, orgnr=orgnr, state=state, at=at, role=role))
    print_status(app, orgnr, "table")
