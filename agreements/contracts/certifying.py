"""The certificates of a batch's jobs that completed and verified (`changes`, step 2):
planned from what the records say, as if the batch's signatures were recorded, and rendered
together in one converter run, before the batch's transaction, with no transaction open."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from sqlmodel import Session, col, select

from agreements.contracts import checks, completion, held
from agreements.contracts.parties import parties_of, remembering
from agreements.contracts.timing import stage
from agreements.core.db import preload
from agreements.core.models import Agreement, Document, SignatureCheck

if TYPE_CHECKING:
    from agreements.contracts.evidence import Evidence
    from agreements.contracts.record import Signed
    from agreements.documents.pdf import Converts
    from agreements.signing.provider import StatusChange


class Applied(Protocol):
    """A change of the batch (`changes.Applied`) whose job completed and verified."""

    row_id: int | None
    agreement_id: int | None
    change: StatusChange
    signed: Signed | None
    evidence: dict[int, Evidence]


def certificates(work: Converts, done: list[Applied]) -> None:
    """Plan and render the certificates of the jobs that completed and verified; each
    signature shows its signer's XAdES check (with the XAdES's SHA-256) where there is one."""
    contexts = []
    with stage("plan"), work.reading() as session, remembering(session):  # no writer's lock
        people = held.batch(session, [a.row_id or 0 for a in done],
                            [a.agreement_id or 0 for a in done])
        preload(session, Document, [i for a in done for i in _sent(session, a)])
        for a in done:
            assert a.signed is not None
            agreement = session.get(Agreement, a.agreement_id)
            assert agreement is not None
            now = {}
            for sig, contact in people[agreement.id or 0]:
                found = a.change.signer(contact.email) if contact else None
                moment = sig.signed_at or (found.since if found else None)
                if moment is None or sig.document_id is not None:
                    continue
                proof = a.evidence.get(sig.id or 0)
                check, sha = (proof.check, proof.sha256) if proof and proof.check else \
                    _recorded_xades(session, sig.id or 0)
                now[sig.id or 0] = completion.NewSignature(
                    moment, a.signed.sha256, check or a.signed.check, evidence=sha)
            contexts.append(completion.plan(work, session, agreement,
                                            parties_of(session, agreement.participation_id),
                                            now, people[agreement.id or 0]))
    with stage("convert"):
        rendered = completion.render_all(work, contexts)
    for a, certificate in zip(done, rendered, strict=True):
        assert a.signed is not None
        a.signed.certificate = certificate


def _sent(session: Session, a: Applied) -> list[int]:
    """The ids of the documents an agreement was sent as (its certificate names them)."""
    agreement = session.get(Agreement, a.agreement_id)
    return [i for i in (agreement.docx_id, agreement.pdf_id) if i] if agreement else []


def _recorded_xades(session: Session, signature_id: int
                    ) -> tuple[checks.Checked | None, str | None]:
    """The XAdES check recorded with a signature earlier, and the XAdES's SHA-256."""
    found = session.exec(select(SignatureCheck, Document).join(
        Document, col(Document.id) == SignatureCheck.document_id).where(
        SignatureCheck.signature_id == signature_id, SignatureCheck.method == "xades")).first()
    if found is None:
        return None, None
    check, doc = found
    return checks.from_row(check), doc.sha256
