"""The copy the next signer signs: the latest one verified as one more signature on the sent
PDF, so one file holds every signature (`sending` attaches it, `signatures` checks against it)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from agreements.core.models import Contact, Document, Signature, SignatureCheck


def latest_copy(session: Session, sig: Signature) -> tuple[Document, str] | None:
    """The latest copy signed before `sig` that was verified as one more signature on the sent
    PDF, and who signed it: the next signer signs that copy, so one file holds every
    signature."""
    if sig.position <= 1:
        return None  # the first signer signs the document sent
    earlier_ones = session.exec(select(Signature).where(
        Signature.agreement_id == sig.agreement_id, col(Signature.position) < sig.position)
        .order_by(col(Signature.position).desc()))
    for earlier in earlier_ones:
        if earlier.document_id is None:
            continue
        check = session.exec(select(SignatureCheck).where(
            SignatureCheck.document_id == earlier.document_id)).first()
        doc = session.get(Document, earlier.document_id)
        contact = session.get(Contact, earlier.contact_id)
        if check is not None and check.method == "incremental" and doc and contact:
            return doc, contact.name
    return None
