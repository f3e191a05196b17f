"""Drafting the joining agreement of a kilde, and finding agreements again.

Creation reads what it needs in one short transaction, renders every DOCX and converts them
to PDF (one converter run for a whole batch) with no transaction open, and then stores them in
a second short transaction that re-checks, under the participation's lock, that no other run
created an agreement meanwhile.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from sqlmodel import Session

from agreements.contracts import inplay, inputs, making, term_text
from agreements.contracts.inplay import open_agreement as open_agreement  # its home was here
from agreements.contracts.parties import Parties, parties_of, preload_parties, remembering
from agreements.contracts.storing import STORED_TOGETHER, Created, Plan, in_play_for, store_drafts
from agreements.contracts.storing import store as store  # its home was here
from agreements.core.calendar import norsk_dato
from agreements.core.enums import AgreementKind, AgreementStatus, Role
from agreements.core.models import Agreement, Document, Organisation, Participation
from agreements.documents.contexts import agreement_number
from agreements.errorcodes import Code
from agreements.errors import NotFound, Refused

if TYPE_CHECKING:
    from agreements.core.ports import Work
    from agreements.documents.pdf import Converts


def get_agreement(session: Session, agreement_id: int) -> Agreement:
    agreement = session.get(Agreement, agreement_id)
    if agreement is None:
        raise NotFound(Code.AGREEMENT_NOT_FOUND, agreement=agreement_id)
    return agreement


def number_of(p: Parties, agreement: Agreement) -> str:
    """The number written on it: an annex's is recorded, an agreement's derived."""
    if agreement.number:
        return agreement.number
    return agreement_number(p.area.key, p.org.orgnr, agreement.version)


def title_of(agreement: Agreement) -> str:
    """What it is, as the signing service shows it to the signers."""
    return ("Vedlegg 1: Dokumenttyper som gjøres tilgjengelige"
            if agreement.kind == AgreementKind.ANNEX
            else "Samarbeidsavtale om Pasientens journaldokumenter")


def annex_to(session: Session, p: Parties, agreement: Agreement) -> str | None:
    """For an annex, the number of the agreement it belongs to."""
    parent = session.get(Agreement, agreement.annex_of_id) if agreement.annex_of_id else None
    return number_of(p, parent) if parent else None


def require_kilde(participation: Participation, navn: str) -> None:
    if participation.role != Role.KILDE:
        raise Refused(Code.ONLY_KILDE_SIGNS, organisation=navn, role=participation.role)


def parties_of_kilde(session: Session, participation_id: int) -> Parties:
    participation = session.get(Participation, participation_id)
    if participation is None:
        raise NotFound(Code.PARTICIPATION_NOT_FOUND, participation=participation_id)
    if participation.role != Role.KILDE:
        org = session.get(Organisation, participation.organisation_id)
        require_kilde(participation, org.navn if org else str(participation_id))
    return parties_of(session, participation_id)


def create_agreements(work: Converts, participation_ids: Sequence[int], *,
                      renewal_of: dict[int, int] | None = None,
                      replacing: dict[int, int] | None = None) -> list[Created]:
    """Create a draft with its DOCX (and PDF) for each kilde participation without one.

    Participations that already have an agreement in play get it back (created=False);
    `renewal_of` maps a participation to the active agreement its new draft will replace;
    `replacing` maps it to an unsent draft that the new one supersedes (see `regenerate`).
    """
    renewal_of, replacing = renewal_of or {}, replacing or {}
    results: dict[int, Created] = {}
    plans: list[Plan] = []
    planned: set[int] = set()
    with work.reading() as session, remembering(session):  # looked again under lock below
        preload_parties(session, participation_ids)
        in_play = inplay.open_agreements(session, participation_ids)
        versions = inplay.versions(session, participation_ids)
        for pid in participation_ids:
            parties = parties_of_kilde(session, pid)
            if (found := in_play_for(in_play.get(pid), pid, renewal_of, replacing)) is not None:
                results[pid] = found
                continue
            if pid in planned:
                continue  # asked twice: one draft
            planned.add(pid)
            version = 1 + versions.get(pid, 0)
            plans.append(Plan(pid, parties.area.id or 0, version,
                               inputs.template(work, parties),
                               inputs.context(work, session, parties, version),
                               replacing.get(pid)))
    made = making.make(work, [(plan.template, plan.context) for plan in plans])
    for start in range(0, len(plans), STORED_TOGETHER):
        store_drafts(work, plans[start:start + STORED_TOGETHER],
                     made[start:start + STORED_TOGETHER], (renewal_of, replacing), results)
    return [results[pid] for pid in participation_ids]


def open_sections(agreement: Agreement) -> list[str]:
    """The sections where the agreement's template left passages to be settled; none: its
    text is ready for signing."""
    return list(json.loads(agreement.open_passages)) if agreement.open_passages else []


def require_settled(work: Work, agreement: Agreement) -> list[str]:
    """Refused while the agreement has passages to be settled, unless drafts are allowed
    (then it goes out marked «UTKAST – ikke til signering»); returns the open sections."""
    sections = open_sections(agreement)
    if sections and not work.settings.allow_draft_templates:
        raise Refused(Code.OPEN_PASSAGES, agreement=agreement.id, sections="; ".join(sections))
    return sections


def sent_documents(session: Session, agreement: Agreement) -> list[Document]:
    """The PDF when there is one, else the DOCX: what the parties receive."""
    doc_id = agreement.pdf_id or agreement.docx_id
    doc = session.get(Document, doc_id) if doc_id else None
    return [doc] if doc else []


def term_end(effective: date, years: int) -> date:
    return effective + relativedelta(years=years) - relativedelta(days=1)


def renewal_note(session: Session, p: Parties, agreement: Agreement) -> str | None:
    """For a renewal, the note its messages begin with (None: not a renewal)."""
    old = session.get(Agreement, agreement.supersedes_id) if agreement.supersedes_id else None
    if old is None or old.expires_on is None:
        return None
    return term_text.renewal_note(
        forrige=number_of(p, old), utloper=norsk_dato(old.expires_on),
        utlopt=old.status != AgreementStatus.ACTIVE)
