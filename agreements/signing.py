"""Signatures in order, declines, withdrawal, lapse, and the completion certificate."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlmodel import Session

from agreements import audit, documents, messages, outbox, store
from agreements.app import OSLO, App
from agreements.calendar import norsk_dato
from agreements.contexts import SignedBy, agreement_number, certificate_context
from agreements.contracts import ask_to_sign, signatures, term_end
from agreements.db import locked
from agreements.enums import AgreementStatus as A
from agreements.enums import SignatureStatus as S
from agreements.errors import IllegalTransition, InvalidInput, NotFound
from agreements.lifecycle import AGREEMENT, SIGNATURE, advance
from agreements.models import Agreement, Contact, Document, Organisation, Signature
from agreements.parties import Parties, notify_list, parties_of

SIGNABLE = {A.SENT, A.PARTIALLY_SIGNED}


def read_signed_copy(path: Path, limit: int) -> bytes:
    if not path.is_file():
        raise InvalidInput(f"signed copy {str(path)!r} does not exist")
    size = path.stat().st_size
    if size > limit:
        raise InvalidInput(f"signed copy {path.name} is {size} bytes; the limit is {limit}")
    data = path.read_bytes()
    if not data.startswith(b"%PDF-"):
        raise InvalidInput(f"signed copy {path.name} is not a PDF (it does not start with %PDF-)")
    return data


def _locked(session: Session, agreement_id: int) -> Agreement:
    found = locked(session, Agreement, agreement_id)
    if found is None:
        raise NotFound(f"agreement #{agreement_id} does not exist")
    return found


def _signer(session: Session, agreement: Agreement, email: str) -> tuple[Signature, Contact]:
    found = []
    for sig in signatures(session, agreement.id or 0):
        contact = session.get(Contact, sig.contact_id)
        assert contact is not None
        found.append((sig, contact))
        if contact.email == email.strip().lower():
            return sig, contact
    names = ", ".join(c.email for _, c in found) or "none (the agreement is not sent)"
    raise NotFound(f"{email} is not a signer of agreement #{agreement.id}; signers: {names}")


def record_signature(app: App, agreement_id: int, signer_email: str, signed_copy: Path,
                     at: datetime | None = None) -> Agreement:
    data = read_signed_copy(signed_copy, app.settings.max_signed_file_bytes)
    moment = at or app.clock.now()
    if moment > app.clock.now():
        raise InvalidInput("--at lies in the future")
    with app.transaction() as session:
        agreement = _locked(session, agreement_id)
        if agreement.status not in SIGNABLE:
            raise IllegalTransition(f"agreement #{agreement_id} is {agreement.status}; "
                                    "it cannot be signed")
        sig, contact = _signer(session, agreement, signer_email)
        if sig.status == S.SIGNED:
            raise IllegalTransition(f"{contact.name} has already signed agreement "
                                    f"#{agreement_id}")
        waiting = [s for s in signatures(session, agreement_id)
                   if s.position < sig.position and s.status != S.SIGNED]
        p = parties_of(session, agreement.participation_id)
        if waiting:
            first = p.sides[waiting[0].position - 1]
            raise IllegalTransition(f"{p.sides[sig.position - 1].navn} signs after "
                                    f"{first.navn}, who has not signed agreement "
                                    f"#{agreement_id} yet")
        if sig.asked_at and moment < sig.asked_at:
            raise InvalidInput(f"--at is before {contact.name} was asked to sign "
                               f"({sig.asked_at.astimezone(OSLO):%Y-%m-%d %H:%M})")
        advance(SIGNATURE, sig, S.SIGNED, what=f"signature of {contact.name}")
        number = agreement_number(p.area.key, p.org.orgnr, agreement.version)
        doc = store.store(app, session, kind="signed_copy", folder="signed",
                          name=f"{number}-signert-{sig.position}.pdf", data=data)
        sig.document_id, sig.signed_at = doc.id, moment
        audit.record(session, actor=app.actor, action="agreement.signed_by",
                     subject=f"agreement:{agreement_id}",
                     data={"signer": contact.email, "position": sig.position,
                           "at": moment.isoformat(), "sha256": doc.sha256})
        later = [s for s in signatures(session, agreement_id) if s.status == S.PENDING]
        if later:
            advance(AGREEMENT, agreement, A.PARTIALLY_SIGNED, what=f"agreement #{agreement_id}")
            later[0].asked_at = app.clock.now()
            keys = [ask_to_sign(app, session, agreement, p, later[0])]
        else:
            keys = _complete(app, session, agreement, p, moment)
    outbox.deliver(app, keys=keys)
    return agreement


def _complete(app: App, session: Session, agreement: Agreement, p: Parties,
              moment: datetime) -> list[str]:
    advance(AGREEMENT, agreement, A.SIGNED, what=f"agreement #{agreement.id}")
    agreement.signed_at = moment
    agreement.effective_on = moment.astimezone(OSLO).date()
    agreement.expires_on = term_end(agreement.effective_on, app.settings.agreement_term_years)
    if agreement.effective_on <= app.clock.today():
        activate(app, session, agreement)
    cert = certificate(app, session, agreement, p)
    audit.record(session, actor=app.actor, action="agreement.completed",
                 subject=f"agreement:{agreement.id}",
                 data={"certificate_sha256": cert[0].sha256,
                       "effective_on": agreement.effective_on.isoformat()})
    number = agreement_number(p.area.key, p.org.orgnr, agreement.version)
    keys = []
    for contact in notify_list(session, p.org, p.organiser):
        subject, body = messages.completed(
            navn=contact.name, nummer=number, virksomhet=p.org.navn,
            organisator=p.organiser.navn, ikrafttredelse=norsk_dato(agreement.effective_on))
        key = f"agreement:{agreement.id}:certificate:{contact.email}"
        outbox.enqueue(app, session, outbox.Mail(key, f"{contact.name} <{contact.email}>",
                                                 subject, body, [cert[-1].id or 0]))
        keys.append(key)
    return keys


def activate(app: App, session: Session, agreement: Agreement) -> None:
    advance(AGREEMENT, agreement, A.ACTIVE, what=f"agreement #{agreement.id}")
    if agreement.supersedes_id:
        old = session.get(Agreement, agreement.supersedes_id)
        if old is not None and old.status == A.ACTIVE:
            advance(AGREEMENT, old, A.SUPERSEDED, what=f"agreement #{old.id}")
    audit.record(session, actor=app.actor, action="agreement.active",
                 subject=f"agreement:{agreement.id}",
                 data={"supersedes": agreement.supersedes_id})


def certificate(app: App, session: Session, agreement: Agreement,
                p: Parties) -> list[Document]:
    """Render and store the completion certificate (DOCX, and PDF where possible)."""
    signed = []
    for sig in signatures(session, agreement.id or 0):
        contact, doc = session.get(Contact, sig.contact_id), session.get(Document, sig.document_id)
        org = session.get(Organisation, sig.organisation_id)
        assert contact and doc and org and sig.signed_at
        signed.append(SignedBy(sig.position, org.navn, contact.name, contact.email,
                               sig.signed_at, doc.sha256))
    sent = [d for d in (session.get(Document, i) for i in (agreement.docx_id, agreement.pdf_id)
                        if i) if d]
    template = sent[0]
    number = agreement_number(p.area.key, p.org.orgnr, agreement.version)
    assert agreement.signed_at and agreement.effective_on and agreement.expires_on
    ctx = certificate_context(
        nummer=number, versjon=agreement.version, omraade=p.area.name,
        virksomhet=p.party(p.org), organisator=p.party(p.organiser), signert=agreement.signed_at,
        ikrafttredelse=agreement.effective_on, utloper=agreement.expires_on, signaturer=signed,
        utsendt=[(d.path.rsplit("/", 1)[-1], d.sha256) for d in sent],
        mal=(template.template or "", template.template_sha256 or ""), utstedt=app.clock.now())
    render = documents.renderer(app.settings.templates_dir)
    docx = render.render("fullforingsattest.docx", ctx)
    pdf = documents.to_pdf([docx])
    loaded = render.template("fullforingsattest.docx")
    stored = [store.store(app, session, kind="certificate", folder="certificates",
                          name=f"{number}-fullforingsattest.{ext}", data=data,
                          template=loaded.name, template_sha256=loaded.sha256)
              for ext, data in (("docx", docx), ("pdf", pdf[0] if pdf else None)) if data]
    agreement.certificate_id = stored[0].id
    agreement.certificate_pdf_id = stored[1].id if len(stored) > 1 else None
    return stored


def _end(app: App, agreement_id: int, target: A, action: str, reason: str,
         signer_email: str | None = None) -> Agreement:
    if not reason or not reason.strip():
        raise InvalidInput(f"{action} needs a reason: give --reason")
    with app.transaction() as session:
        agreement = _locked(session, agreement_id)
        p = parties_of(session, agreement.participation_id)
        number = agreement_number(p.area.key, p.org.orgnr, agreement.version)
        by = None
        if signer_email is not None:
            sig, by = _signer(session, agreement, signer_email)
            if sig.status != S.PENDING or sig.asked_at is None:
                raise IllegalTransition(f"{by.name} has no pending request to sign "
                                        f"agreement #{agreement_id}")
            advance(SIGNATURE, sig, S.DECLINED, what=f"signature of {by.name}")
            sig.reason = reason
            by_line = f"{by.name} ({p.sides[sig.position - 1].navn})"
        advance(AGREEMENT, agreement, target, what=f"agreement #{agreement_id}")
        agreement.status_reason = reason
        audit.record(session, actor=app.actor, action=f"agreement.{target.value}",
                     subject=f"agreement:{agreement_id}",
                     data={"reason": reason, "signer": by.email if by else None})
        keys = []
        for c in _told_about_end(session, agreement, p, target):
            if by is not None:
                subject, body = messages.declined(navn=c.name, nummer=number,
                                                  avslaatt_av=by_line, grunn=reason)
            else:
                subject, body = messages.withdrawn(navn=c.name, nummer=number, grunn=reason)
            key = f"agreement:{agreement_id}:{target.value}:{c.email}"
            outbox.enqueue(app, session, outbox.Mail(key, f"{c.name} <{c.email}>", subject, body))
            keys.append(key)
    outbox.deliver(app, keys=keys)
    return agreement


def _told_about_end(session: Session, agreement: Agreement, p: Parties,
                    target: A) -> list[Contact]:
    if target is A.WITHDRAWN:  # only those who were asked to sign
        asked = [session.get(Contact, s.contact_id) for s in signatures(session, agreement.id or 0)
                 if s.asked_at is not None]
        return [c for c in asked if c is not None]
    return notify_list(session, p.org, p.organiser)


def decline(app: App, agreement_id: int, signer_email: str, reason: str) -> Agreement:
    return _end(app, agreement_id, A.DECLINED, "declining", reason, signer_email)


def withdraw(app: App, agreement_id: int, reason: str) -> Agreement:
    return _end(app, agreement_id, A.WITHDRAWN, "withdrawing", reason)


def lapse(app: App, agreement_id: int) -> list[str]:
    """The signing deadline has passed: the agreement and its pending signatures lapse."""
    today = app.clock.today()
    with app.transaction() as session:
        agreement = _locked(session, agreement_id)
        deadline = agreement.signing_deadline
        if agreement.status not in SIGNABLE or deadline is None or deadline >= today:
            return []  # another run got here first, or nothing is due
        advance(AGREEMENT, agreement, A.LAPSED, what=f"agreement #{agreement_id}")
        agreement.status_reason = f"signing deadline {deadline.isoformat()} passed"
        for sig in signatures(session, agreement_id):
            if sig.status == S.PENDING:
                advance(SIGNATURE, sig, S.LAPSED, what="signature")
        p = parties_of(session, agreement.participation_id)
        audit.record(session, actor=app.actor, action="agreement.lapsed",
                     subject=f"agreement:{agreement_id}", data={"deadline": deadline.isoformat()})
        number = agreement_number(p.area.key, p.org.orgnr, agreement.version)
        keys = []
        for c in notify_list(session, p.org, p.organiser):
            subject, body = messages.lapsed(navn=c.name, nummer=number, frist=norsk_dato(deadline))
            key = f"agreement:{agreement_id}:lapsed:{c.email}"
            outbox.enqueue(app, session, outbox.Mail(key, f"{c.name} <{c.email}>", subject, body))
            keys.append(key)
        return keys
