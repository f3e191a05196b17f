"""Read models of one agreement and of one participation's checklist: what `agreement show`,
`checklist show`, the flows' artifacts and the portal display."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from agreements import reference
from agreements.contracts.checks import summary
from agreements.contracts.drafts import get_agreement
from agreements.contracts.esigning import job_of
from agreements.contracts.starting import signatures
from agreements.core.enums import ItemStatus
from agreements.core.models import (
    Agreement,
    ChecklistItem,
    Contact,
    Document,
    Organisation,
    Participation,
    SignatureCheck,
)
from agreements.reference import deadlines
from agreements.reporting import lists
from agreements.reporting.tables import types_of


def _doc(session: Session, doc_id: int | None) -> dict[str, Any] | None:
    d = session.get(Document, doc_id) if doc_id else None
    return {"id": d.id, "path": d.path, "sha256": d.sha256, "template": d.template,
            "template_sha256": d.template_sha256} if d else None


def _check(session: Session, doc_id: int | None, signature_id: int | None = None,
           signer: str | None = None) -> dict[str, Any] | None:
    """How a signature was verified: its own check (a copy handed in, or the signer's XAdES
    from the signing service), else its signed document's; or that it was signed on paper."""
    c = (session.exec(select(SignatureCheck).where(
        SignatureCheck.signature_id == signature_id)).first() if signature_id else None) or \
        session.exec(select(SignatureCheck).where(SignatureCheck.document_id == doc_id)).first()
    if c is None:
        return None
    return {"method": c.method, "valid": c.valid, "intact": c.intact, "trusted": c.trusted,
            "covers_whole_file": c.covers_whole_file, "matches_sent": c.matches_sent,
            "signer_certificate": c.signer_subject, "signing_time": c.signing_time,
            "sent_pdf_sha256": c.sent_sha256, "unverified_reason": c.unverified_reason,
            "unchanged": c.unchanged, "certificate_name": c.signer_name,
            "certificate_serial": c.certificate_serial,
            "certificate_issuer": c.certificate_issuer, "accepted_signer": c.accepted_reason,
            "summary": summary(c, signer)}


def agreement(session: Session, agreement_id: int) -> dict[str, Any]:
    """An agreement with its documents and every signature (stable `--format json`)."""
    a: Agreement = get_agreement(session, agreement_id)
    participation = session.get(Participation, a.participation_id)
    assert participation is not None
    org = session.get(Organisation, participation.organisation_id)
    assert org is not None
    sigs = []
    for s in signatures(session, agreement_id):
        c, o = session.get(Contact, s.contact_id), session.get(Organisation, s.organisation_id)
        assert c is not None and o is not None
        sigs.append({"position": s.position, "party": o.navn, "signer": c.email,
                     "name": c.name, "status": s.status, "asked_at": s.asked_at,
                     "signed_at": s.signed_at, "reason": s.reason,
                     "signed_copy": _doc(session, s.document_id),
                     "verification": _check(session, s.document_id, s.id, c.name)
                     if s.document_id or s.status == "signed" else None})
    job = job_of(session, agreement_id)
    return {"id": a.id, "organisation": {"navn": org.navn, "orgnr": org.orgnr},
            "kind": a.kind, "annex_of": a.annex_of_id, "number": a.number,
            "document_types": [{"navn": n, "beskrivelse": b}
                               for n, b in types_of(a.document_types)],
            "version": a.version, "status": a.status, "reason": a.status_reason,
            "sent_at": a.sent_at, "signing_deadline": a.signing_deadline,
            "signed_at": a.signed_at, "effective_on": a.effective_on,
            "expires_on": a.expires_on, "supersedes": a.supersedes_id,
            "documents": {"docx": _doc(session, a.docx_id), "pdf": _doc(session, a.pdf_id),
                          "signeringsbekreftelse": _doc(session, a.certificate_pdf_id
                                                        or a.certificate_id)},
            "signatures": sigs,
            "signing_job": {"provider": job.provider, "job_id": job.job_id,
                            "status": job.status, "remote_status": job.remote_status,
                            "polling_queue": job.polling_queue, "last_error": job.last_error,
                            "attention": job.attention}
            if job else None}


def checklist(session: Session, participation_id: int, today: date) -> list[dict[str, Any]]:
    """Every item of a participation's checklist, with due date, state and evidence."""
    rows = []
    for i in session.exec(select(ChecklistItem).where(
            ChecklistItem.participation_id == participation_id)
            .order_by(col(ChecklistItem.occurrence), col(ChecklistItem.due_on),
                      col(ChecklistItem.id))):
        p = reference.process(i.process_key)
        rows.append({"id": i.id, "item": i.process_key, "occurrence": i.occurrence or None,
                     "title": p.title, "mandatory": "yes" if p.mandatory else "no",
                     "due": i.due_on.isoformat() if i.due_on else None,
                     "due_when": None if i.due_on else deadlines.when(i.process_key),
                     "status": i.status,
                     "overdue": "OVERDUE" if i.status == ItemStatus.OPEN
                     and deadlines.overdue(i.due_on, today) else None,
                     "evidence": i.evidence_url or (
                         f"document #{i.evidence_id}" if i.evidence_id else None),
                     "by": i.done_by, "reason": i.reason,
                     "document_types": [t["navn"] for t in json.loads(i.document_types)]
                     if i.document_types else None})
    return rows


def agreements(session: Session, status: str | None = None) -> list[dict[str, Any]]:
    """Every agreement (or those in one state), oldest first (`agreement list`)."""
    return lists.agreement_rows(session, status)
