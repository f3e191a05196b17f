"""Foundation commands: init, org add/contact/update/list, status."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, overload

import click

from cli.base import act, cli, command, echo_outcome, make_app
from cli.output import FORMATS, LIST_FORMATS, as_json, emit_rows

ROLE = click.Choice(["kilde", "konsument", "begge"], case_sensitive=False)
KIND = click.Choice(["kommune", "avtalespesialist", "helseforetak", "privat"])
REGISTRATION = ("orgnr", "role", "kind", "region", "name", "kommunenummer", "signatory",
                "coordinator", "offline")


@cli.command()
def init() -> None:
    """Create or upgrade the database schema and load the reference data (idempotent)."""
    from agreements.commands import InitDatabase, InitOutcome

    result = act(make_app(need_schema=False), InitDatabase())
    assert isinstance(result, InitOutcome)
    click.echo(f"database: {result.database}")
    click.echo(f"schema: {result.revision_before or 'none'} -> {result.revision_after}")
    click.echo("reference data: " + (", ".join(result.changes) if result.changes
                                     else "up to date"))
    if result.anchor:
        click.echo(f"audit anchor: {result.anchor}")


F = TypeVar("F", bound=Callable[..., Any])


@overload
def registration_options(fn: F, *, required: bool = True) -> F: ...


@overload
def registration_options(fn: None = None, *, required: bool = True) -> Callable[[F], F]: ...


def registration_options(fn: F | None = None, *,
                         required: bool = True) -> F | Callable[[F], F]:
    if fn is None:
        return lambda f: registration_options(f, required=required)
    for option in reversed([
        click.argument("orgnr", required=required),
        click.option("--role", required=required, type=ROLE, help="kilde, konsument or begge"),
        click.option("--kind", type=KIND, help="Needed for organisations that are not kommuner"),
        click.option("--region", help="RHF area for an avtalespesialist, e.g. helse-nord"),
        click.option("--name", help="Name, when registering by hand (offline)"),
        click.option("--kommunenummer", help="4-digit kommunenummer, when registering by hand"),
        click.option("--signatory", help='"Name <email>" of who signs for the organisation'),
        click.option("--coordinator", help='"Name <email>" of the organisation\'s PJD lead'),
        click.option("--offline", is_flag=True, help="Never call Enhetsregisteret"),
    ]):
        fn = option(fn)
    return fn


def registration(**kw: Any) -> Any:
    from agreements.commands import RegisterOrganisation

    return command(RegisterOrganisation, **{k: kw[k] for k in REGISTRATION})


@cli.group()
def org() -> None:
    """Register organisations and their contacts."""


@org.command("add")
@registration_options
@click.option("--format", "fmt", type=FORMATS, default="table")
def org_add(fmt: str, **kw: Any) -> None:
    """Register an organisation as kilde, konsument or both, routed to its area and organiser."""
    app = make_app()
    outcome = act(app, registration(**kw))
    print_status(app, outcome.orgnr or kw["orgnr"], fmt)


@org.group("contact")
def contact() -> None:
    """Contact persons (signatory, coordinator, privacy, IT)."""


@contact.command("add")
@click.argument("orgnr")
@click.option("--name", required=True)
@click.option("--email", required=True)
@click.option("--role", required=True, type=click.Choice(["signatory", "coordinator",
                                                          "privacy", "it"]))
@click.option("--title", help="e.g. kommunedirektør; shown in the agreement")
def contact_add(orgnr: str, name: str, email: str, role: str, title: str | None) -> None:
    """Add or update a contact of any organisation, the organisers included."""
    from agreements.commands import SaveContact

    cmd = command(SaveContact, orgnr=orgnr, name=name, email=email, role=role, title=title)
    echo_outcome(act(make_app(), cmd))


@contact.command("remove")
@click.argument("orgnr")
@click.option("--email", required=True)
@click.option("--role", required=True, type=click.Choice(["signatory", "coordinator",
                                                          "privacy", "it"]))
def contact_remove(orgnr: str, email: str, role: str) -> None:
    """Remove a contact (someone who left); a signer of an agreement stays on record."""
    from agreements.commands import RemoveContact

    cmd = command(RemoveContact, orgnr=orgnr, email=email, role=role)
    echo_outcome(act(make_app(), cmd))


@org.command("update")
@click.argument("orgnr")
@click.option("--her-id", help="The organisation's HER-id in the address register")
@click.option("--epj-system", help="The clinical system (EPJ) in use")
@click.option("--epj-vendor", help="The EPJ vendor")
@click.option("--epj-ready", "epj_ready", help="The day the EPJ vendor expects the "
              "integration ready to test (YYYY-MM-DD); the integration item is due after it")
def org_update(orgnr: str, her_id: str | None, epj_system: str | None,
               epj_vendor: str | None, epj_ready: str | None) -> None:
    """Record HER-id and EPJ details, which go into the NHN order, and the EPJ vendor's
    expected day."""
    from agreements.commands import UpdateOrganisation

    app = make_app()
    cmd = command(UpdateOrganisation, orgnr=orgnr, her_id=her_id, epj_system=epj_system,
                  epj_vendor=epj_vendor, epj_vendor_ready_on=epj_ready or None)
    act(app, cmd)
    print_status(app, orgnr, "table")


@org.command("route")
@click.argument("orgnr")
@click.option("--region",
              type=click.Choice(["helse-sor-ost", "helse-vest", "helse-midt-norge", "helse-nord"]),
              help="Correct it: the RHF that holds the rammeavtale for the avtalespesialist's "
                   "practice (a proposal again until that RHF confirms)")
@click.option("--confirm", is_flag=True,
              help="The RHF (its coordinator) confirms it is the organiser; the agreement can "
                   "then be sent")
@click.option("--force", is_flag=True,
              help="Move it although an agreement is out for signing or signed")
@click.option("--reason", help="Why (needed with --force; recorded in the audit log)")
def org_route(orgnr: str, region: str | None, confirm: bool, force: bool,
              reason: str | None) -> None:
    """Confirm an avtalespesialist's proposed organiser (--confirm), or correct it
    (--region; audited, unsent drafts are made again)."""
    from agreements.commands import ConfirmOrganiser, RouteOrganisation

    if confirm == bool(region):
        raise click.UsageError("give --confirm, or --region to correct the organiser")
    app = make_app()
    if confirm:
        echo_outcome(act(app, command(ConfirmOrganiser, orgnr=orgnr)))
    else:
        echo_outcome(act(app, command(RouteOrganisation, orgnr=orgnr, region=region,
                                      force=force, reason=reason)))
    print_status(app, orgnr, "table")


@org.command("list")
@click.option("--area", help="Only this collaboration area (e.g. kommuner, helse-nord)")
@click.option("--format", "fmt", type=LIST_FORMATS, default="table")
def org_list(area: str | None, fmt: str) -> None:
    """List registered organisations with their role, area, organiser and phase."""
    from agreements.reporting import views

    app = make_app()
    with app.transaction() as session:
        if area and not views.area_exists(session, area):
            raise click.BadParameter(f"unknown area {area!r}", param_hint="--area")
        out = views.organisation_rows(session, app.clock.today(), area=area)
    emit_rows(out, fmt, ["orgnr", "navn", "kind", "role", "area", "organiser", "organiser_state",
                         "phase"])


@cli.command()
@click.argument("orgnr")
@click.option("--format", "fmt", type=FORMATS, default="table")
def status(orgnr: str, fmt: str) -> None:
    """Show an organisation: its participations, organiser, phase and open gates."""
    print_status(make_app(), orgnr, fmt)


def print_status(app: Any, orgnr: str, fmt: str) -> None:
    from agreements.reporting import health, views
    from cli.texts import render_status

    with app.transaction() as session:
        data = views.status_of(session, orgnr, app.clock.today())
        stuck = health.for_organisation(session, data["orgnr"])
        attention = health.attention(session, data["orgnr"])
        data["leftovers"] = health.leftovers(session, data["orgnr"])
    data["outbox"] = [{"id": t.id, "to": t.recipient, "status": t.status, "note": t.note}
                      for t in stuck]
    data["signing_attention"] = [{"agreement": a.agreement_id, "why": a.why}
                                 for a in attention]
    text = render_status(data) + "".join(
        f"\n  NEEDS ATTENTION: {a.line()}: Posten signering stopped; the organiser's "
        "coordinator withdraws it and sends a new one" for a in attention) + "".join(
        f"\n  outbox #{t.id} to {t.recipient}: {t.note}" for t in stuck)
    if data["leftovers"]:
        text += (f"\n  leftovers: {data['leftovers']} reminder letter(s) of a follow-up run "
                 "that died, swept or sent by the next follow-up")
    click.echo(as_json(data) if fmt == "json" else text)
