"""Creating and sending the joining agreement of a kilde (use cases).

Creation renders DOCX for a whole batch first, converts them to PDF in one LibreOffice run,
and only then stores them, so a batch of 357 costs one converter start, not 357.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from sqlmodel import Session, col, select

from agreements import audit, documents, messages, outbox, reference, store
from agreements.app import App
from agreements.calendar import add_working_days, norsk_dato
from agreements.contexts import agreement_context, agreement_number
from agreements.db import locked
from agreements.enums import AgreementStatus, ContactRole, Role, SignatureStatus
from agreements.errors import MissingSignatory, NotFound, Refused
from agreements.lifecycle import AGREEMENT, advance
from agreements.models import Agreement, Document, Organisation, Participation, Signature
from agreements.parties import Parties, contacts_of, parties_of, people, return_address

OPEN = {AgreementStatus.DRAFT, AgreementStatus.SENT, AgreementStatus.PARTIALLY_SIGNED,
        AgreementStatus.SIGNED, AgreementStatus.ACTIVE}


@dataclass(frozen=True)
class Created:
    agreement_id: int
    created: bool
    pdf: bool


def open_agreement(session: Session, participation_id: int) -> Agreement | None:
    """The newest agreement still in play for the participation, if any."""
    return session.exec(
        select(Agreement).where(Agreement.participation_id == participation_id,
                                col(Agreement.status).in_([s.value for s in OPEN]))
        .order_by(col(Agreement.id).desc())
    ).first()


def get_agreement(session: Session, agreement_id: int) -> Agreement:
    agreement = session.get(Agreement, agreement_id)
    if agreement is None:
        raise NotFound(f"agreement #{agreement_id} does not exist")
    return agreement


def require_kilde(participation: Participation, navn: str) -> None:
    if participation.role != Role.KILDE:
        raise Refused(f"{navn} takes part as {participation.role}: only a kilde signs an "
                      "agreement with an organiser; a konsument orders from NHN directly")


def _context(app: App, session: Session, p: Parties, version: int) -> dict[str, object]:
    kind = reference.areas()[p.area.key].member_kind.value
    return agreement_context(
        nummer=agreement_number(p.area.key, p.org.orgnr, version), versjon=version,
        dato=app.clock.today(), omraade=p.area.name, virksomhet=p.party(p.org),
        organisator=p.party(p.organiser),
        dokumenttyper=reference.document_types().get(kind, ()),
        prosesser=[x for x in reference.processes() if x.in_agreement],
        kontakter=people(session, p.org, p.organiser),
        varighet_aar=app.settings.agreement_term_years,
    )


def create_agreements(app: App, participation_ids: Sequence[int], *,
                      renewal_of: dict[int, int] | None = None) -> list[Created]:
    """Create a draft with its DOCX (and PDF) for each kilde participation without one.

    Participations that already have an agreement in play get it back (created=False);
    `renewal_of` maps a participation to the active agreement its new draft will replace.
    """
    renewal_of = renewal_of or {}
    results: dict[int, Created] = {}
    plans = []
    with app.transaction() as session:
        for pid in participation_ids:
            parties = parties_of_kilde(session, pid)
            current = open_agreement(session, pid)
            if current and renewal_of.get(pid) != current.id:
                results[pid] = Created(current.id or 0, False, current.pdf_id is not None)
                continue
            version = 1 + len(list(session.exec(
                select(Agreement.id).where(Agreement.participation_id == pid))))
            plans.append((pid, parties.area.id or 0, version, parties.area.template,
                          _context(app, session, parties, version)))
    render = documents.renderer(app.settings.templates_dir)
    docx = [render.render(template, ctx) for _, _, _, template, ctx in plans]
    pdfs = documents.to_pdf(docx)
    with app.transaction() as session:
        for i, (pid, area_id, version, template, ctx) in enumerate(plans):
            locked(session, Participation, pid)  # one creator at a time per participation
            if (current := open_agreement(session, pid)) and renewal_of.get(pid) != current.id:
                results[pid] = Created(current.id or 0, False, current.pdf_id is not None)
                continue
            loaded = render.template(template)
            number = ctx["avtale"]["nummer"]  # type: ignore[index]
            saved = [store.store(app, session, kind="agreement", folder="agreements",
                                 name=f"{number}.{ext}", data=data, template=template,
                                 template_sha256=loaded.sha256)
                     for ext, data in (("docx", docx[i]), ("pdf", pdfs[i] if pdfs else None))
                     if data is not None]
            agreement = Agreement(
                participation_id=pid, area_id=area_id,
                version=version, status=AgreementStatus.DRAFT, docx_id=saved[0].id,
                pdf_id=saved[1].id if len(saved) > 1 else None,
                supersedes_id=renewal_of.get(pid), created_at=app.clock.now(),
            )
            session.add(agreement)
            session.flush()
            audit.record(session, actor=app.actor, action="agreement.created",
                         subject=f"agreement:{agreement.id}",
                         data={"number": number, "template": template,
                               "template_sha256": loaded.sha256,
                               "documents": {d.path: d.sha256 for d in saved},
                               "supersedes": agreement.supersedes_id})
            results[pid] = Created(agreement.id or 0, True, len(saved) > 1)
    return [results[pid] for pid in participation_ids]


def parties_of_kilde(session: Session, participation_id: int) -> Parties:
    participation = session.get(Participation, participation_id)
    if participation is None:
        raise NotFound(f"participation {participation_id} does not exist")
    if participation.role != Role.KILDE:
        org = session.get(Organisation, participation.organisation_id)
        require_kilde(participation, org.navn if org else str(participation_id))
    return parties_of(session, participation_id)


def sent_documents(session: Session, agreement: Agreement) -> list[Document]:
    """The PDF when there is one, else the DOCX: what the parties receive."""
    doc_id = agreement.pdf_id or agreement.docx_id
    doc = session.get(Document, doc_id) if doc_id else None
    return [doc] if doc else []


def send(app: App, agreement_id: int) -> list[str]:
    """Send a draft for signing: signatures in order, the first signer asked. Returns mail keys."""
    with app.transaction() as session:
        agreement = get_agreement(session, agreement_id)
        p = parties_of(session, agreement.participation_id)
        signers = [contacts_of(session, side, ContactRole.SIGNATORY) for side in p.sides]
        lacking = [side.navn for side, found in zip(p.sides, signers, strict=True) if not found]
        if lacking:
            raise MissingSignatory(
                f"agreement #{agreement_id} cannot be sent: no signatory registered for "
                f"{' and '.join(lacking)} (add one with `avtaleflyt org contact add ORGNR "
                "--role signatory …`)", lacking)
        advance(AGREEMENT, agreement, AgreementStatus.SENT, what=f"agreement #{agreement_id}")
        today = app.clock.today()
        agreement.sent_at = app.clock.now()
        agreement.signing_deadline = add_working_days(today, app.settings.signing_deadline_days)
        for position, (side, found) in enumerate(zip(p.sides, signers, strict=True), start=1):
            session.add(Signature(agreement_id=agreement_id, position=position,
                                  organisation_id=side.id or 0, contact_id=found[0].id or 0,
                                  status=SignatureStatus.PENDING))
        session.flush()
        first = signatures(session, agreement_id)[0]
        first.asked_at = agreement.sent_at
        key = ask_to_sign(app, session, agreement, p, first)
        audit.record(session, actor=app.actor, action="agreement.sent",
                     subject=f"agreement:{agreement_id}",
                     data={"deadline": agreement.signing_deadline.isoformat(),
                           "signers": [s[0].email for s in signers]})
    return [key]


def signatures(session: Session, agreement_id: int) -> list[Signature]:
    return list(session.exec(select(Signature).where(Signature.agreement_id == agreement_id)
                             .order_by(col(Signature.position))))


def ask_to_sign(app: App, session: Session, agreement: Agreement, p: Parties,
                signature: Signature) -> str:
    from agreements.models import Contact

    contact = session.get(Contact, signature.contact_id)
    assert contact is not None and agreement.signing_deadline is not None
    later = [s for s in signatures(session, agreement.id or 0) if s.position > signature.position]
    next_party = p.organiser.navn if later else None
    attached = sent_documents(session, agreement)
    subject, body = messages.signature_request(
        navn=contact.name, part=p.sides[signature.position - 1].navn,
        nummer=agreement_number(p.area.key, p.org.orgnr, agreement.version),
        virksomhet=p.org.navn, organisator=p.organiser.navn,
        frist=norsk_dato(agreement.signing_deadline),
        returner_til=return_address(session, p.organiser, app.settings.mail_from),
        neste=next_party, vedlegg=attached[0].path.rsplit("/", 1)[-1] if attached else "-")
    key = f"agreement:{agreement.id}:signature:{signature.id}:request"
    outbox.enqueue(app, session, outbox.Mail(
        key=key, to=f"{contact.name} <{contact.email}>", subject=subject, body=body,
        attachments=[d.id or 0 for d in attached],
        reply_to=return_address(session, p.organiser, app.settings.mail_from)))
    return key


def term_end(effective: date, years: int) -> date:
    return effective + relativedelta(years=years) - relativedelta(days=1)
