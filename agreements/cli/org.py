"""Foundation commands: init, org add/contact/list, status, audit verify."""

from __future__ import annotations

from typing import Any

import click
from sqlmodel import col, select

from agreements import audit, bootstrap, contacts, registry, views
from agreements.cli.base import cli, make_app
from agreements.cli.output import FORMATS, LIST_FORMATS, as_json, emit_rows
from agreements.models import CollaborationArea, Organisation, Participation

ROLE = click.Choice(["kilde", "konsument", "begge"], case_sensitive=False)
KIND = click.Choice(["kommune", "avtalespesialist", "helseforetak", "privat"])


@cli.command()
def init() -> None:
    """Create or upgrade the database schema and load the reference data (idempotent)."""
    app = make_app(need_schema=False)
    result = bootstrap.init(app)
    click.echo(f"database: {app.engine.url.render_as_string(hide_password=True)}")
    click.echo(f"schema: {result.revision_before or 'none'} -> {result.revision_after}")
    click.echo("reference data: " + (", ".join(result.changes) if result.changes
                                     else "up to date"))


def registration_options(fn: Any = None, *, required: bool = True) -> Any:
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


def registration(**kw: Any) -> registry.Registration:
    return registry.Registration(**{k: kw[k] for k in registry.Registration.__dataclass_fields__})


@cli.group()
def org() -> None:
    """Register organisations and their contacts."""


@org.command("add")
@registration_options
@click.option("--format", "fmt", type=FORMATS, default="table")
def org_add(fmt: str, **kw: Any) -> None:
    """Register an organisation as kilde, konsument or both, routed to its area and organiser."""
    app = make_app()
    result = registry.register(app, registration(**kw))
    print_status(app, result.orgnr, fmt)


@org.group("contact")
def contact() -> None:
    """Contact persons (signatory, coordinator, privacy, IT)."""


@contact.command("add")
@click.argument("orgnr")
@click.option("--name", required=True)
@click.option("--email", required=True)
@click.option("--role", required=True, type=click.Choice(["signatory", "coordinator",
                                                          "privacy", "it"]))
@click.option("--title")
def contact_add(orgnr: str, name: str, email: str, role: str, title: str | None) -> None:
    """Add or update a contact of any organisation, the organisers included."""
    app = make_app()
    spec = contacts.ContactSpec(name=name.strip(), email=contacts.check_email(email),
                                role=contacts.parse_role(role), title=title)
    with app.transaction() as session:
        organisation = registry.get_organisation(session, orgnr)
        saved, changed = contacts.upsert(session, organisation.id or 0, spec)
        if changed:
            audit.record(session, actor=app.actor, action="contact.saved",
                         subject=f"org:{organisation.orgnr}",
                         data={"name": saved.name, "email": saved.email, "role": saved.role})
        click.echo(f"{organisation.navn} ({organisation.orgnr}): {saved.role} {saved.name} "
                   f"<{saved.email}>" + ("" if changed else " (unchanged)"))


@org.command("list")
@click.option("--area", help="Only this collaboration area (e.g. kommuner, helse-nord)")
@click.option("--format", "fmt", type=LIST_FORMATS, default="table")
def org_list(area: str | None, fmt: str) -> None:
    """List registered organisations with their role, area, organiser and phase."""
    app = make_app()
    today = app.clock.today()
    with app.transaction() as session:
        out = []
        for r in views.rows(session):
            if area and (r.area is None or r.area.key != area):
                continue
            j = views.row_json(r, today)
            out.append({"orgnr": r.organisation.orgnr, "navn": r.organisation.navn,
                        "kind": r.organisation.kind, "role": j["role"],
                        "area": r.area.key if r.area else None,
                        "organiser": r.organiser.navn if r.organiser else None,
                        "phase": j["phase"]})
        if area and not session.exec(select(CollaborationArea).where(
                CollaborationArea.key == area)).first():
            raise click.BadParameter(f"unknown area {area!r}", param_hint="--area")
    emit_rows(out, fmt, ["orgnr", "navn", "kind", "role", "area", "organiser", "phase"])


@cli.command()
@click.argument("orgnr")
@click.option("--format", "fmt", type=FORMATS, default="table")
def status(orgnr: str, fmt: str) -> None:
    """Show an organisation: its participations, organiser, phase and open gates."""
    print_status(make_app(), orgnr, fmt)


def print_status(app: Any, orgnr: str, fmt: str) -> None:
    with app.transaction() as session:
        organisation = registry.get_organisation(session, orgnr)
        data = views.organisation_status(session, organisation, app.clock.today())
    click.echo(as_json(data) if fmt == "json" else render_status(data))


def render_status(d: dict[str, Any]) -> str:
    lines = [f"{d['navn']} ({d['orgnr']}) — {d['kind']}"
             + (f", kommunenummer {d['kommunenummer']} ({d['fylke']})" if d["kommunenummer"]
                else "")]
    for c in d["contacts"]:
        lines.append(f"  {c['role']}: {c['name']} <{c['email']}>")
    for p in d["participations"]:
        where = (f"area {p['area']['name']}, organiser {p['organiser']['navn']} "
                 f"({p['organiser']['orgnr']})") if p["area"] else "no area (NHN steps only)"
        lines.append(f"  {p['role']}: {where}")
        lines.append(f"    phase: {p['phase']}" + (f" since {p['live_on']}" if p["live_on"]
                                                     else ""))
        if p["agreement"]:
            a = p["agreement"]
            lines.append(f"    agreement #{a['id']} v{a['version']}: {a['status']}")
        if p["nhn_order"]:
            o = p["nhn_order"]
            lines.append(f"    NHN order: {o['status']}"
                         + (f" ({o['reference']})" if o["reference"] else "")
                         + f"; bruksvilkår: {o['terms']}")
        c = p["checklist"]
        lines.append(f"    checklist: {c['done']} done, {c['waived']} waived, {c['open']} open"
                     + (f"; overdue: {', '.join(c['overdue'])}" if c["overdue"] else ""))
        checklist_gates = [g for g in p["gates"] if g.startswith("checklist: ")]
        for gate in p["gates"]:
            if gate not in checklist_gates:
                lines.append(f"    open gate: {gate}")
        if checklist_gates:
            lines.append(f"    open gate: {len(checklist_gates)} mandatory checklist item(s) "
                         f"(`avtaleflyt checklist show {d['orgnr']}`)")
    return "\n".join(lines)


@cli.group("audit")
def audit_group() -> None:
    """The hash-chained audit log."""


@audit_group.command("verify")
def audit_verify() -> None:
    """Check every event's hash and its link to the previous one."""
    app = make_app()
    with app.transaction() as session:
        result = audit.verify(session)
    if result.ok:
        click.echo(f"OK: {result.events} events, chain intact")
        return
    raise click.ClickException(
        f"audit log broken at event {result.broken_id}: {result.problem} "
        f"({result.events} events before it are intact)")


@audit_group.command("list")
@click.option("--subject")
@click.option("--limit", type=int, default=50)
@click.option("--format", "fmt", type=LIST_FORMATS, default="table")
def audit_list(subject: str | None, limit: int, fmt: str) -> None:
    """Show the latest audit events."""
    from agreements.models import AuditEvent

    app = make_app()
    with app.transaction() as session:
        q = select(AuditEvent).order_by(col(AuditEvent.id).desc()).limit(limit)
        if subject:
            q = q.where(AuditEvent.subject == subject)
        out = [e.model_dump(exclude={"prev_hash"}) for e in session.exec(q)]
    emit_rows(out, fmt, ["id", "at", "actor", "action", "subject", "data"])


__all__ = ["Organisation", "Participation", "audit_group", "init", "org", "status"]
