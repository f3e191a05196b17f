"""Agreement and template commands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from cli.base import FORCE, ID, TODAY, act, cli, command, make_app
from cli.output import FORMATS, LIST_FORMATS, as_json, emit_rows


@cli.group()
def agreement() -> None:
    """Joining agreements between a kilde and its organiser."""


@agreement.command("create")
@click.argument("orgnr")
@TODAY
@FORCE
def agreement_create(orgnr: str, today: str | None, force: bool) -> None:
    """Generate the agreement (DOCX, and PDF where LibreOffice is installed) for a kilde."""
    from sqlmodel import select

    from agreements.commands import CreateAgreement
    from agreements.core.models import Agreement

    app = make_app(today, force=force)
    with app.transaction() as session:
        before = set(session.exec(select(Agreement.id)))
    outcome = act(app, command(CreateAgreement, orgnr=orgnr))
    print_agreement(app, outcome.agreement_id or 0, "table")
    with app.transaction() as session:
        made = session.get(Agreement, outcome.agreement_id)
        without_pdf = made is not None and made.pdf_id is None
    if outcome.agreement_id in before:
        click.echo("(already existed: nothing new was generated)")
    elif without_pdf:
        click.echo("note: LibreOffice (soffice) is not installed: DOCX only, no PDF")


@agreement.command("send")
@click.argument("agreement_id", type=ID)
@TODAY
@FORCE
def agreement_send(agreement_id: int, today: str | None, force: bool) -> None:
    """Send a draft to the signatories, the organisation first; delivers the e-mail at once."""
    from agreements.commands import SendAgreement

    app = make_app(today, force=force)
    outcome = act(app, command(SendAgreement, agreement_id=agreement_id))
    if outcome.agreement_id != agreement_id:
        click.echo(outcome.message)
    print_agreement(app, outcome.agreement_id or agreement_id, "table")
    click.echo(f"e-mail: {outcome.delivery}" if outcome.delivery else outcome.message)


@agreement.command("list")
@click.option("--status", help="Only agreements in this state", type=click.Choice([
    "draft", "sent", "partially_signed", "signed", "active", "expired", "terminated",
    "declined", "withdrawn", "lapsed", "superseded"]))
@click.option("--format", "fmt", type=LIST_FORMATS, default="table")
def agreement_list(status: str | None, fmt: str) -> None:
    """List agreements."""
    from agreements.reporting import lists

    app = make_app()
    with app.transaction() as session:
        rows = lists.agreement_rows(session, status)
    emit_rows(rows, fmt, ["id", "orgnr", "navn", "version", "status", "signing_deadline",
                          "expires_on"])


@agreement.command("show")
@click.argument("agreement_id", type=ID)
@click.option("--format", "fmt", type=FORMATS, default="table")
def agreement_show(agreement_id: int, fmt: str) -> None:
    """Show an agreement, its documents and every signature."""
    print_agreement(make_app(), agreement_id, fmt)


@agreement.command("sign")
@click.argument("agreement_id", type=ID)
@click.option("--signer", required=True, help="E-mail of the signatory who signed")
@click.option("--file", "signed_copy", required=True, type=click.Path(path_type=Path),
              help="The signed copy (PDF)")
@click.option("--at", help="When it was signed (ISO time; default now)")
@click.option("--unverified", is_flag=True,
              help="A scan of a paper signature: accept it without a digital signature")
@click.option("--reason", help="With --unverified: why it is accepted (audited, and printed on "
                               "the completion certificate as «signert på papir»)")
@click.option("--accept-signer", "accept_signer", metavar="REASON",
              help="Accept a certificate that names someone other than the signatory (a "
                   "deputy with authority), or another certificate than the one the signatory "
                   "used before: why (audited, and printed on the completion certificate)")
@TODAY
@FORCE
def agreement_sign(agreement_id: int, signer: str, signed_copy: Path, at: str | None,
                   unverified: bool, reason: str | None, accept_signer: str | None,
                   today: str | None, force: bool) -> None:
    """Record a signature with its signed copy: the copy sent (or signed before) with one new
    signature and nothing else changed, by a certificate that chains to
    AVTALEFLYT_SIGNING_TRUST_ROOTS and names the signatory; the next signer is then asked."""
    from agreements.commands import RecordSignature
    from agreements.documents import uploads

    if unverified != (reason is not None):
        raise click.UsageError("--unverified and --reason go together: a paper signature is "
                               "accepted unverified only with the reason why")
    app = make_app(today, force=force)
    # the staged copy is removed once the command is done
    with uploads.staged_file(app, signed_copy, what="signed copy") as staged:
        cmd = command(RecordSignature, agreement_id=agreement_id, signer_email=signer,
                      signed_copy=staged, signed_at=at, unverified_reason=reason,
                      accept_signer=accept_signer)
        act(app, cmd)
    print_agreement(app, agreement_id, "table")


@agreement.command("decline")
@click.argument("agreement_id", type=ID)
@click.option("--signer", required=True)
@click.option("--reason", required=True)
@TODAY
@FORCE
def agreement_decline(agreement_id: int, signer: str, reason: str, today: str | None,
                      force: bool) -> None:
    """Record that a signatory declined; the agreement ends and the parties are told."""
    from agreements.commands import RecordDecline

    app = make_app(today, force=force)
    act(app, command(RecordDecline, agreement_id=agreement_id, signer_email=signer,
                     reason=reason))
    print_agreement(app, agreement_id, "table")


@agreement.command("withdraw")
@click.argument("agreement_id", type=ID)
@click.option("--reason", required=True)
@TODAY
@FORCE
def agreement_withdraw(agreement_id: int, reason: str, today: str | None, force: bool) -> None:
    """Withdraw an agreement that is not yet signed by all (the organiser's decision)."""
    from agreements.commands import WithdrawAgreement

    app = make_app(today, force=force)
    act(app, command(WithdrawAgreement, agreement_id=agreement_id, reason=reason))
    print_agreement(app, agreement_id, "table")


@agreement.command("terminate")
@click.argument("agreement_id", type=ID)
@click.option("--reason", required=True, help="Why: recorded and told to the parties")
@click.option("--on", "on", help="The first day it no longer applies (YYYY-MM-DD; default: "
                                 "today, not a day still to come)")
@TODAY
@FORCE
def agreement_terminate(agreement_id: int, reason: str, on: str | None, today: str | None,
                        force: bool) -> None:
    """End an agreement in force (the organiser's decision): both parties and NHN are told, a
    renewal in play is withdrawn, and no renewal is made again."""
    from agreements.commands import TerminateAgreement

    app = make_app(today, force=force)
    act(app, command(TerminateAgreement, agreement_id=agreement_id, reason=reason, on=on))
    print_agreement(app, agreement_id, "table")


@agreement.command("renew")
@click.argument("orgnr")
@TODAY
@FORCE
def agreement_renew(orgnr: str, today: str | None, force: bool) -> None:
    """Make a renewal draft of the kilde's agreement in force (the follow-up drafts one by
    itself only once: after one was withdrawn, declined or lapsed, only this makes another)."""
    from agreements.commands import RenewAgreement

    app = make_app(today, force=force)
    outcome = act(app, command(RenewAgreement, orgnr=orgnr))
    click.echo(outcome.message)


def print_agreement(app: Any, agreement_id: int, fmt: str) -> None:
    from agreements.reporting import details
    from cli.texts import render_agreement

    with app.transaction() as session:
        d = details.agreement(session, agreement_id)
    click.echo(as_json(d) if fmt == "json" else render_agreement(d, app.documents.location))


@cli.group()
def templates() -> None:
    """The Word templates."""


@templates.command("check")
def templates_check() -> None:
    """Check that every template variable is supplied by the code, that each renders, and
    that no passage is left to be settled (the shipped templates and each organiser's own)."""
    from agreements.documents.render import check_templates
    from cli.errortexts import english

    app = make_app(need_schema=False)
    problems = check_templates(app.settings.templates_dir, english)
    for name in _template_names(app.settings.templates_dir):
        found = problems.get(name)
        click.echo(f"{name}: OK" if not found else f"{name}:\n  " + "\n  ".join(found))
    if problems:
        drafts = ("; sending them anyway is allowed (AVTALEFLYT_ALLOW_DRAFT_TEMPLATES=1), "
                  "every page marked UTKAST" if app.settings.allow_draft_templates else "")
        raise click.ClickException(f"{len(problems)} template(s) are not ready{drafts}: "
                                   + "; ".join(f"{n}: {p[0]}" for n, p in problems.items()))


def _template_names(folder: Path) -> list[str]:
    from agreements import reference
    from agreements.documents import contexts

    names = sorted(contexts.sample_contexts())
    return names + [f"{key}/{n}" for key in reference.organisers() for n in names
                    if (folder / key / n).exists()]
