"""An unsent draft whose parties, contacts, document types or template changed since it was
generated is generated again before it goes out: a new version, the old one kept and marked
superseded. Otherwise a signatory added after generation would be missing from the PDF sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from agreements.contracts import drafts, inputs
from agreements.core.enums import AgreementKind, AgreementStatus
from agreements.documents import render

if TYPE_CHECKING:
    from sqlmodel import Session

    from agreements.core.models import Agreement
    from agreements.core.ports import Work
    from agreements.documents.pdf import Converts


@dataclass(frozen=True)
class Current:
    """The draft to use: the one asked about, or the one generated in its place."""

    agreement_id: int
    replaced: int | None = None  # the out-of-date draft it replaced


def is_current(work: Work, agreement_id: int) -> tuple[bool, int]:
    """Whether the agreement still says what it would say if generated now (only a draft can
    be out of date), and its participation."""
    with work.transaction() as session:
        agreement = drafts.get_agreement(session, agreement_id)
        return current_in(work, session, agreement), agreement.participation_id


def current_in(work: Work, session: Session, agreement: Agreement) -> bool:
    """`is_current`, in the caller's transaction (a batch sending its drafts)."""
    if agreement.status != AgreementStatus.DRAFT or agreement.kind == AgreementKind.ANNEX:
        return True
    p = drafts.parties_of_kilde(session, agreement.participation_id)
    ctx = inputs.context(work, session, p, agreement.version)
    template = inputs.template(work, p)
    sha = render.renderer(work.settings.templates_dir).template(template).sha256
    return agreement.inputs_sha256 == inputs.fingerprint(ctx, template, sha)


def refresh(work: Converts, agreement_id: int) -> Current:
    """Generate an out-of-date draft again (rendering with no transaction open)."""
    current, participation_id = is_current(work, agreement_id)
    if current:
        return Current(agreement_id)
    (created,) = drafts.create_agreements(work, [participation_id],
                                          replacing={participation_id: agreement_id})
    return Current(created.agreement_id, agreement_id if created.created else None)
