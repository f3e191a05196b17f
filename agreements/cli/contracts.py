"""Agreement, outbox and template commands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from sqlmodel import col, select

from agreements import contexts, contracts, documents, outbox, registry, signing
from agreements.app import OSLO, parse_moment
from agreements.cli.base import cli, make_app, prefect_configured, run_flow
from agreements.cli.output import FORMATS, LIST_FORMATS, as_json, emit_rows
from agreements.errors import InvalidInput, NotFound
from agreements.models import Agreement, Contact, Document, Organisation, Participation


@cli.group()
def agreement() -> None:
    """Joining agreements between a kilde and its organiser."""


@agreement.command("create")
@click.argument("orgnr")
def agreement_create(orgnr: str) -> None:
    """Generate the agreement (DOCX, and PDF where LibreOffice is installed) for a kilde."""
    app = make_app()
    with app.transaction() as session:
        org = registry.get_organisation(session, orgnr)
        try:
            participation = registry.get_participation(session, org, "kilde")
        except NotFound:  # a konsument only: create_agreements refuses it, saying why
            participation = registry.get_participation(session, org, None)
    (result,) = contracts.create_agreements(app, [participation.id or 0])
    print_agreement(app, result.agreement_id, "table")
    if not result.created:
        click.echo("(already existed: nothing new was generated)")
    elif not result.pdf:
        click.echo("note: LibreOffice (soffice) is not installed: DOCX only, no PDF")


@agreement.command("send")
@click.argument("agreement_id", type=int)
def agreement_send(agreement_id: int) -> None:
    """Send a draft to the signatories, the organisation first; delivers the e-mail at once."""
    app = make_app()
    keys = contracts.send(app, agreement_id)
    report = outbox.deliver(app, keys=keys)
    print_agreement(app, agreement_id, "table")
    click.echo(f"e-mail: {report}")


@agreement.command("list")
@click.option("--status", help="Only agreements in this state (e.g. sent, signed)")
@click.option("--format", "fmt", type=LIST_FORMATS, default="table")
def agreement_list(status: str | None, fmt: str) -> None:
    """List agreements."""
    app = make_app()
    with app.transaction() as session:
        q = (select(Agreement, Organisation)
             .join(Participation, col(Participation.id) == Agreement.participation_id)
             .join(Organisation, col(Organisation.id) == Participation.organisation_id)
             .order_by(col(Agreement.id)))
        if status:
            q = q.where(Agreement.status == status)
        rows = [{"id": a.id, "orgnr": o.orgnr, "navn": o.navn, "version": a.version,
                 "status": a.status, "signing_deadline": a.signing_deadline,
                 "expires_on": a.expires_on} for a, o in session.exec(q)]
    emit_rows(rows, fmt, ["id", "orgnr", "navn", "version", "status", "signing_deadline",
                          "expires_on"])


@agreement.command("show")
@click.argument("agreement_id", type=int)
@click.option("--format", "fmt", type=FORMATS, default="table")
def agreement_show(agreement_id: int, fmt: str) -> None:
    """Show an agreement, its documents and every signature."""
    print_agreement(make_app(), agreement_id, fmt)


@agreement.command("sign")
@click.argument("agreement_id", type=int)
@click.option("--signer", required=True, help="E-mail of the signatory who signed")
@click.option("--file", "signed_copy", required=True, type=click.Path(path_type=Path),
              help="The signed copy (PDF)")
@click.option("--at", help="When it was signed (ISO time; default now)")
def agreement_sign(agreement_id: int, signer: str, signed_copy: Path, at: str | None) -> None:
    """Record a signature with its signed copy; the next signer is then asked."""
    app = make_app()
    if prefect_configured():
        run_flow("flows.actions", "record_signature", agreement_id=agreement_id,
                 signer_email=signer, signed_copy_path=str(signed_copy.resolve()), signed_at=at)
    else:
        signing.record_signature(app, agreement_id, signer, signed_copy, parse_moment(at))
    print_agreement(app, agreement_id, "table")


@agreement.command("decline")
@click.argument("agreement_id", type=int)
@click.option("--signer", required=True)
@click.option("--reason", required=True)
def agreement_decline(agreement_id: int, signer: str, reason: str) -> None:
    """Record that a signatory declined; the agreement ends and the parties are told."""
    app = make_app()
    if prefect_configured():
        run_flow("flows.actions", "record_decline", agreement_id=agreement_id,
                 signer_email=signer, reason=reason)
    else:
        signing.decline(app, agreement_id, signer, reason)
    print_agreement(app, agreement_id, "table")


@agreement.command("withdraw")
@click.argument("agreement_id", type=int)
@click.option("--reason", required=True)
def agreement_withdraw(agreement_id: int, reason: str) -> None:
    """Withdraw an agreement that is not yet signed by all (the organiser's decision)."""
    app = make_app()
    signing.withdraw(app, agreement_id, reason)
    print_agreement(app, agreement_id, "table")


def agreement_json(session: Any, agreement_id: int) -> dict[str, Any]:
    a = contracts.get_agreement(session, agreement_id)
    participation = session.get(Participation, a.participation_id)
    org = session.get(Organisation, participation.organisation_id)

    def doc(i: int | None) -> dict[str, Any] | None:
        d = session.get(Document, i) if i else None
        return {"path": d.path, "sha256": d.sha256, "template": d.template,
                "template_sha256": d.template_sha256} if d else None

    sigs = []
    for s in contracts.signatures(session, agreement_id):
        c, o = session.get(Contact, s.contact_id), session.get(Organisation, s.organisation_id)
        sigs.append({"position": s.position, "party": o.navn, "signer": c.email,
                     "name": c.name, "status": s.status, "asked_at": s.asked_at,
                     "signed_at": s.signed_at, "reason": s.reason,
                     "signed_copy": doc(s.document_id)})
    return {"id": a.id, "organisation": {"navn": org.navn, "orgnr": org.orgnr},
            "version": a.version, "status": a.status, "reason": a.status_reason,
            "sent_at": a.sent_at, "signing_deadline": a.signing_deadline,
            "signed_at": a.signed_at, "effective_on": a.effective_on,
            "expires_on": a.expires_on, "supersedes": a.supersedes_id,
            "documents": {"docx": doc(a.docx_id), "pdf": doc(a.pdf_id),
                          "certificate": doc(a.certificate_pdf_id or a.certificate_id)},
            "signatures": sigs}


def print_agreement(app: Any, agreement_id: int, fmt: str) -> None:
    with app.transaction() as session:
        d = agreement_json(session, agreement_id)
    if fmt == "json":
        click.echo(as_json(d))
        return
    lines = [f"agreement #{d['id']} v{d['version']} for {d['organisation']['navn']} "
             f"({d['organisation']['orgnr']}): {d['status']}"
             + (f" — {d['reason']}" if d["reason"] else "")]
    if d["signing_deadline"] and d["status"] in ("sent", "partially_signed"):
        lines.append(f"  signing deadline: {d['signing_deadline']}")
    if d["expires_on"]:
        lines.append(f"  in force {d['effective_on']} – {d['expires_on']}")
    for kind, doc in d["documents"].items():
        if doc:
            lines.append(f"  {kind}: {app.settings.data_dir / doc['path']}")
    for s in d["signatures"]:
        when = s["signed_at"].astimezone(OSLO).strftime(" %Y-%m-%d %H:%M") if s["signed_at"] else ""
        lines.append(f"  {s['position']}. {s['party']}: {s['name']} <{s['signer']}> "
                     f"{s['status']}{when}")
    click.echo("\n".join(lines))


@cli.group("outbox")
def outbox_group() -> None:
    """Messages and orders waiting to leave, and what has left."""


@outbox_group.command("list")
@click.option("--status", type=click.Choice(["pending", "sending", "sent", "failed"]))
@click.option("--format", "fmt", type=LIST_FORMATS, default="table")
def outbox_list(status: str | None, fmt: str) -> None:
    """List outbox messages."""
    app = make_app()
    with app.transaction() as session:
        rows = [{"id": m.id, "key": m.key, "channel": m.channel, "to": m.recipient,
                 "subject": m.subject, "status": m.status, "attempts": m.attempts,
                 "error": m.last_error} for m in outbox.listing(session, status)]
    emit_rows(rows, fmt, ["id", "status", "channel", "to", "subject", "attempts", "error"])


@outbox_group.command("send")
def outbox_send() -> None:
    """Deliver everything queued (SMTP when configured, else .eml files)."""
    app = make_app()
    report = outbox.deliver(app)
    click.echo(str(report))
    if report.failed:
        raise click.ClickException(f"{len(report.failed)} message(s) could not be delivered")


@outbox_group.command("retry")
@click.argument("ids", type=int, nargs=-1)
@click.option("--all-failed", is_flag=True, help="Every failed message")
def outbox_retry(ids: tuple[int, ...], all_failed: bool) -> None:
    """Queue failed messages again (after fixing the cause) and deliver them."""
    app = make_app()
    with app.transaction() as session:
        if all_failed:
            ids = tuple(m.id or 0 for m in outbox.listing(session, "failed"))
        if not ids:
            raise click.UsageError("give message ids (see `avtaleflyt outbox list`) or "
                                   "--all-failed")
        keys = outbox.requeue(app, session, ids)
    if not keys:
        raise click.ClickException("none of those messages has failed")
    report = outbox.deliver(app, keys=keys)
    click.echo(str(report))


@cli.group()
def templates() -> None:
    """The Word templates."""


@templates.command("check")
def templates_check() -> None:
    """Check that every template variable is supplied by the code, and that each renders."""
    app = make_app(need_schema=False)
    problems = check_templates(app.settings.templates_dir)
    for name in sorted(contexts.sample_contexts()):
        click.echo(f"{name}: " + ("; ".join(problems[name]) if problems.get(name) else "OK"))
    if problems:
        raise click.ClickException("templates use variables the code does not supply")


def check_templates(folder: Path) -> dict[str, list[str]]:
    render = documents.renderer(folder)
    problems: dict[str, list[str]] = {}
    for name, ctx in contexts.sample_contexts().items():
        missing = sorted(render.variables(name) - set(ctx))
        found = [f"variable {v!r} is not supplied by the code" for v in missing]
        if not found:
            try:
                render.render(name, ctx)
            except InvalidInput as exc:
                found.append(str(exc))
        if found:
            problems[name] = found
    return problems
