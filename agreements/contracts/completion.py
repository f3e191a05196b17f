"""Completing an agreement once every party has signed: in force from the day of the last
signature, its term, the signeringsbekreftelse with the SHA-256 of every file, and the news
to both parties. `plan` reads, `render` works with no transaction open, `complete` writes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, select

from agreements import messages
from agreements.contracts import held
from agreements.contracts.checks import Checked, kontroll
from agreements.contracts.drafts import number_of, open_sections, term_end
from agreements.contracts.parties import Parties, notify_list, signer_for
from agreements.core import audit
from agreements.core.calendar import OSLO, norsk_dato
from agreements.core.enums import AgreementKind
from agreements.core.enums import AgreementStatus as A
from agreements.core.lifecycle import AGREEMENT
from agreements.core.models import (
    Agreement,
    Contact,
    Document,
    Organisation,
    Signature,
    SignatureCheck,
)
from agreements.documents import passages, pdf
from agreements.documents import render as rendering
from agreements.documents.contexts import SignedBy, certificate_context
from agreements.outbox import queue
from agreements.reference.deadlines import refresh

if TYPE_CHECKING:
    from agreements.core.ports import Work
    from agreements.documents.pdf import Converts

TEMPLATE = "signeringsbekreftelse.docx"


@dataclass(frozen=True)
class NewSignature:
    """A signature about to be recorded: when, the SHA-256 of its signed copy, its check (and
    the SHA-256 of the signer's XAdES from the signing service, when there is one)."""

    moment: datetime
    sha256: str
    check: Checked
    evidence: str | None = None


@dataclass(frozen=True)
class Certificate:
    """The rendered certificate, ready to be stored."""

    docx: bytes
    pdf: bytes | None
    template_sha256: str


def in_force(session: Session, agreement: Agreement, moment: datetime,
             years: int) -> tuple[date, date]:
    """The first and last day of an agreement whose last signature was at `moment`: from
    that day, or, for a renewal signed while the agreement it renews is still in force, from
    the day after that one's last day, so the term continues and no day is lost."""
    effective = moment.astimezone(OSLO).date()
    renewed = renews(session, agreement)
    if renewed is not None and renewed.status == A.ACTIVE and renewed.expires_on \
            and renewed.expires_on >= effective:
        effective = renewed.expires_on + timedelta(days=1)
    return effective, term_end(effective, years)


def renews(session: Session, agreement: Agreement) -> Agreement | None:
    """The agreement that `agreement` renews, if it is a renewal (an annex renews nothing: a
    new version replaces the old one from the day it is signed)."""
    if agreement.kind == AgreementKind.ANNEX or not agreement.supersedes_id:
        return None
    return session.get(Agreement, agreement.supersedes_id)


def plan(work: Work, session: Session, agreement: Agreement, p: Parties,
         signing_now: dict[int, NewSignature],
         people: Sequence[tuple[Signature, Contact | None]] | None = None) -> dict[str, Any]:
    """The certificate's context, as if the signatures in `signing_now` (by id) were already
    recorded; `people`: the agreement's signatures with whom each asks, when read already."""
    signed = []
    if people is None:
        people = held.signers(session, [agreement.id or 0])[agreement.id or 0]
    for sig, contact in people:
        org = session.get(Organisation, sig.organisation_id)
        assert contact and org
        if sig.id in signing_now:
            new = signing_now[sig.id or 0]
            moment, sha, check = new.moment, new.sha256, kontroll(new.check, contact.name)
            check += f" XAdES SHA-256: {new.evidence}" if new.evidence else ""
        else:
            doc = session.get(Document, sig.document_id)
            assert doc and sig.signed_at
            found = (session.exec(select(SignatureCheck).where(
                SignatureCheck.signature_id == sig.id)).first()
                or session.exec(select(SignatureCheck).where(
                    SignatureCheck.document_id == doc.id)).first())
            moment, sha, check = sig.signed_at, doc.sha256, kontroll(found, contact.name)
        signed.append(SignedBy(sig.position, org.navn, contact.name, contact.email, moment, sha,
                               check))
    last = max(s.tidspunkt for s in signed)
    effective, expires = in_force(session, agreement, last, work.settings.agreement_term_years)
    sent = [d for d in (session.get(Document, i) for i in (agreement.docx_id, agreement.pdf_id)
                        if i) if d]
    return certificate_context(
        nummer=number_of(p, agreement), versjon=agreement.version, omraade=p.area.name,
        virksomhet=p.party(p.org), organisator=p.party(p.organiser), signert=last,
        ikrafttredelse=effective, utloper=expires, signaturer=signed,
        utsendt=[(d.path.rsplit("/", 1)[-1], d.sha256) for d in sent],
        mal=(sent[0].template or "", sent[0].template_sha256 or ""), utstedt=work.clock.now(),
        utkast=open_sections(agreement))


def render(work: Converts, context: dict[str, Any]) -> Certificate:
    """Render and convert the certificate (slow: call it with no transaction open)."""
    return render_all(work, [context])[0]


def render_all(work: Converts, contexts: Sequence[dict[str, Any]]) -> list[Certificate]:
    """Render several certificates and convert them in one converter run."""
    renderer = rendering.renderer(work.settings.templates_dir)
    drafts = [bool(context.get("utkast")) for context in contexts]  # marked UTKAST, as signed
    docx = [passages.mark_docx(d) if draft else d for d, draft in zip(
        (renderer.render(TEMPLATE, context) for context in contexts), drafts, strict=True)]
    converted = pdf.convert(work.converter(), docx)
    pdfs = [passages.mark_pdf(p) if draft else p
            for p, draft in zip(converted, drafts, strict=True)] if converted else None
    sha = renderer.template(TEMPLATE).sha256
    return [Certificate(d, pdfs[i] if pdfs else None, sha) for i, d in enumerate(docx)]


def complete(work: Converts, session: Session, agreement: Agreement, p: Parties, moment: datetime,
             certificate: Certificate, *, deadlines: bool = True) -> list[str]:
    """Mark the agreement signed (and active from today), store the certificate, tell both;
    `deadlines=False`: the caller sets the due dates of the items due after signing (a batch
    sets them once for all its agreements, in the same transaction)."""
    AGREEMENT.advance(agreement, A.SIGNED, agreement=agreement.id)
    agreement.signed_at = moment
    agreement.effective_on, agreement.expires_on = in_force(
        session, agreement, moment, work.settings.agreement_term_years)
    if agreement.effective_on <= work.clock.today():
        activate(work, session, agreement)
    if deadlines:
        refresh(session, [agreement.participation_id])  # items due after signing
    number = number_of(p, agreement)
    stored = [work.documents.put(session, kind="certificate", folder="certificates",
                                 name=f"{number}-signeringsbekreftelse.{ext}", data=data,
                                 template=TEMPLATE,
                                 template_sha256=certificate.template_sha256)
              for ext, data in (("docx", certificate.docx), ("pdf", certificate.pdf)) if data]
    agreement.certificate_id = stored[0].id
    agreement.certificate_pdf_id = stored[1].id if len(stored) > 1 else None
    audit.record(session, actor=work.actor, action="agreement.completed",
                 subject=f"agreement:{agreement.id}",
                 data={"certificate_sha256": stored[0].sha256,
                       "effective_on": agreement.effective_on.isoformat(),
                       "expires_on": agreement.expires_on.isoformat()})
    keys = []
    renewal = _renewal_term(session, agreement, p, moment)
    for contact in notify_list(session, p.org, p.organiser):
        subject, body = messages.completed(
            navn=contact.name, nummer=number, virksomhet=p.org.navn,
            organisator=p.organiser.navn, ikrafttredelse=norsk_dato(agreement.effective_on),
            fra=signer_for(session, p, contact), fornyelse=renewal)
        key = f"agreement:{agreement.id}:certificate:{contact.email}"
        queue.mail_to(work, session, key, contact, (subject, body), [stored[-1].id or 0])
        keys.append(key)
    return keys


def _renewal_term(session: Session, agreement: Agreement, p: Parties,
                  moment: datetime) -> str | None:
    """For a renewal, what its completion says about the term (None: not a renewal)."""
    old = renews(session, agreement)
    if old is None or old.expires_on is None or agreement.effective_on is None \
            or agreement.expires_on is None:
        return None
    return messages.renewal_term(
        forrige=number_of(p, old), forrige_til=norsk_dato(old.expires_on),
        fra_dato=norsk_dato(agreement.effective_on), til=norsk_dato(agreement.expires_on),
        etter_utlop=agreement.effective_on != old.expires_on + timedelta(days=1))


def activate(work: Work, session: Session, agreement: Agreement) -> None:
    """A signed agreement comes into force; the one it renews is superseded that day, naming
    its successor."""
    AGREEMENT.advance(agreement, A.ACTIVE, agreement=agreement.id)
    if agreement.supersedes_id:
        old = session.get(Agreement, agreement.supersedes_id)
        if old is not None and old.status == A.ACTIVE:
            AGREEMENT.advance(old, A.SUPERSEDED, agreement=old.id)
            assert agreement.effective_on is not None
            old.status_reason = (f"erstattet av fornyelsen (versjon {agreement.version}) fra "
                                 f"{norsk_dato(agreement.effective_on)}")
    audit.record(session, actor=work.actor, action="agreement.active",
                 subject=f"agreement:{agreement.id}",
                 data={"supersedes": agreement.supersedes_id})
