"""Drafting the joining agreement of a kilde, and finding agreements again.

Creation reads what it needs in one short transaction, renders every DOCX and converts them
to PDF (one converter run for a whole batch) with no transaction open, and then stores them in
a second short transaction that re-checks, under the participation's lock, that no other run
created an agreement meanwhile.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta
from sqlmodel import Session, col, select

from agreements.contracts import inputs, making, term_text
from agreements.contracts.parties import Parties, parties_of, remembering
from agreements.core import audit
from agreements.core.calendar import norsk_dato
from agreements.core.db import locked
from agreements.core.enums import AgreementKind, AgreementStatus, Role
from agreements.core.lifecycle import AGREEMENT, IN_PLAY, values
from agreements.core.models import Agreement, Document, Organisation, Participation
from agreements.documents.contexts import agreement_number
from agreements.errorcodes import Code
from agreements.errors import NotFound, Refused

if TYPE_CHECKING:
    from agreements.core.ports import Work
    from agreements.documents.pdf import Converts


@dataclass(frozen=True)
class Created:
    agreement_id: int
    created: bool
    pdf: bool


@dataclass(frozen=True)
class _Plan:
    participation_id: int
    area_id: int
    version: int
    template: str
    context: dict[str, Any]
    replacing: int | None = None  # the out-of-date draft this one replaces


def open_agreement(session: Session, participation_id: int) -> Agreement | None:
    """The newest agreement (not an annex) still in play for the participation, if any."""
    return session.exec(
        select(Agreement).where(Agreement.participation_id == participation_id,
                                Agreement.kind == AgreementKind.AGREEMENT,
                                col(Agreement.status).in_(values(IN_PLAY)))
        .order_by(col(Agreement.id).desc())
    ).first()


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


def _in_play(session: Session, pid: int, renewal_of: dict[int, int],
             replacing: dict[int, int]) -> Created | None:
    """The agreement already in play for `pid` (unless it is the one being renewed, or the
    draft being replaced)."""
    current = open_agreement(session, pid)
    if current and current.id not in (renewal_of.get(pid), replacing.get(pid)):
        return Created(current.id or 0, False, current.pdf_id is not None)
    return None


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
    plans: list[_Plan] = []
    with work.reading() as session, remembering(session):  # looked again under lock below
        for pid in participation_ids:
            parties = parties_of_kilde(session, pid)
            if (found := _in_play(session, pid, renewal_of, replacing)) is not None:
                results[pid] = found
                continue
            version = 1 + len(list(session.exec(
                select(Agreement.id).where(Agreement.participation_id == pid,
                                           Agreement.kind == AgreementKind.AGREEMENT))))
            plans.append(_Plan(pid, parties.area.id or 0, version,
                               inputs.template(work, parties),
                               inputs.context(work, session, parties, version),
                               replacing.get(pid)))
    made = making.make(work, [(plan.template, plan.context) for plan in plans])
    for start in range(0, len(plans), STORED_TOGETHER):
        _store_drafts(work, plans[start:start + STORED_TOGETHER],
                      made[start:start + STORED_TOGETHER], (renewal_of, replacing), results)
    return [results[pid] for pid in participation_ids]


STORED_TOGETHER = 10  # drafts a transaction: a writer's lock held briefly (on SQLite a
# portal's sign-in or upload waits for it; a batch's 100 drafts in one held it 1.9 s)


def _store_drafts(work: Converts, plans: list[_Plan], made: list[making.Made],
                  renewing: tuple[dict[int, int], dict[int, int]],
                  results: dict[int, Created]) -> None:
    renewal_of, replacing = renewing
    with work.transaction() as session:
        for i, plan in enumerate(plans):
            locked(session, Participation, plan.participation_id)  # one creator at a time
            found = _in_play(session, plan.participation_id, renewal_of, replacing)
            if found is not None:
                results[plan.participation_id] = found
                continue
            supersedes = renewal_of.get(plan.participation_id)
            if plan.replacing is not None:
                supersedes = _supersede(work, session, plan.replacing)
            results[plan.participation_id] = _store_draft(work, session, plan, made[i],
                                                          supersedes)


def _supersede(work: Work, session: Session, draft_id: int) -> int | None:
    """Mark an unsent draft superseded; returns the agreement it was itself to renew."""
    old = locked(session, Agreement, draft_id)
    assert old is not None
    AGREEMENT.advance(old, AgreementStatus.SUPERSEDED, agreement=draft_id)
    old.status_reason = "laget på nytt: parter, kontaktpersoner eller mal er endret"
    audit.record(session, actor=work.actor, action="agreement.superseded",
                 subject=f"agreement:{draft_id}", data={"reason": old.status_reason})
    return old.supersedes_id


def _store_draft(work: Converts, session: Session, plan: _Plan, made: making.Made,
                 supersedes: int | None) -> Created:
    number = plan.context["avtale"]["nummer"]
    agreement = Agreement(
        participation_id=plan.participation_id, area_id=plan.area_id, version=plan.version,
        status=AgreementStatus.DRAFT, supersedes_id=supersedes,
        inputs_sha256=inputs.fingerprint(plan.context, plan.template, made.template_sha256),
        created_at=work.clock.now())
    store(work, session, agreement, made, number, plan.template, replaces=plan.replacing)
    return Created(agreement.id or 0, True, agreement.pdf_id is not None)


def store(work: Converts, session: Session, agreement: Agreement, made: making.Made,
          number: str, template: str, **audited: object) -> None:
    """Store a made document (DOCX, and PDF when converted) as the draft `agreement`, with
    the passages its template leaves open; audited as created."""
    saved = [work.documents.put(session, kind="agreement", folder="agreements",
                                name=f"{number}.{ext}", data=data, template=template,
                                template_sha256=made.template_sha256)
             for ext, data in (("docx", made.docx), ("pdf", made.pdf)) if data is not None]
    agreement.docx_id, agreement.pdf_id = saved[0].id, saved[1].id if len(saved) > 1 else None
    agreement.open_passages = json.dumps(made.open_passages, ensure_ascii=False) \
        if made.open_passages else None
    session.add(agreement)
    session.flush()
    audit.record(session, actor=work.actor, action="agreement.created",
                 subject=f"agreement:{agreement.id}",
                 data={"number": number, "template": template,
                       "template_sha256": made.template_sha256,
                       "documents": {d.path: d.sha256 for d in saved},
                       "open_passages": list(made.open_passages),
                       "supersedes": agreement.supersedes_id, **audited})


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
