"""Vedlegg 1 «Dokumenttyper som gjøres tilgjengelige»: the annex that states the document
types a kilde's forhåndsvurdering chose, belonging to one version of its agreement.

It is made once the forhåndsvurdering is done and the agreement has gone out, and sent for
signing like the agreement: an `Agreement` row of kind annex, so the same parties sign in the
same order through the same provider, and it gets its own signeringsbekreftelse. When the
types change, a new version is made: an annex still out for signing is withdrawn (a draft
superseded), and the signed one is superseded when the new one is signed; all are kept.
Making renders with no transaction open, between a reading and a writing transaction that
looks again under the participation's lock.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from agreements.contracts import ending, inputs, making, sending
from agreements.contracts.drafts import number_of, store
from agreements.contracts.parties import parties_of
from agreements.core import audit
from agreements.core.db import locked
from agreements.core.enums import AgreementKind, AgreementStatus, Role
from agreements.core.lifecycle import (
    AGREEMENT,
    IN_FORCE,
    OUT_FOR_SIGNING,
    annex_of,
    governing,
)
from agreements.core.models import Agreement, Participation
from agreements.documents.contexts import annex_context

if TYPE_CHECKING:
    from agreements.core.ports import Work
    from agreements.signing.provider import Signs

TEMPLATE = "vedlegg_dokumenttyper.docx"
GONE_OUT = frozenset({*OUT_FOR_SIGNING, *IN_FORCE})  # the agreement has been sent


def number(agreement_number: str, version: int) -> str:
    """`PJD-KOMMUNER-958935420-1-VEDLEGG1-2`: version 2 of the annex to that agreement."""
    return f"{agreement_number}-VEDLEGG1-{version}"


def agreement_of(session: Session, participation_id: int) -> Agreement | None:
    """The participation's joining agreement that counts (never an annex)."""
    return governing(session.exec(select(Agreement).where(
        Agreement.participation_id == participation_id,
        Agreement.kind == AgreementKind.AGREEMENT)))


def annexes(session: Session, participation_id: int) -> list[Agreement]:
    """Every annex of the participation, oldest first."""
    return list(session.exec(select(Agreement).where(
        Agreement.participation_id == participation_id,
        Agreement.kind == AgreementKind.ANNEX).order_by(col(Agreement.id))))


def stated(types: tuple[tuple[str, str], ...]) -> str:
    """The types as an annex row records them (JSON, like the checklist item)."""
    return json.dumps([{"navn": n, "beskrivelse": b} for n, b in types], ensure_ascii=False)


def chosen(session: Session, participation_id: int) -> str | None:
    """The types the done forhåndsvurdering chose, as an annex would state them."""
    assessed = inputs.assessment(session, participation_id)
    return stated(assessed.dokumenttyper) if assessed and assessed.dokumenttyper else None


def current(session: Session, participation_id: int) -> tuple[Agreement | None, bool]:
    """The annex that matters for go-live (`lifecycle.annex_of` the agreement that counts),
    and whether it states the types the forhåndsvurdering chose."""
    found = annex_of(agreement_of(session, participation_id),
                     annexes(session, participation_id))
    wanted = chosen(session, participation_id)
    return found, found is not None and wanted is not None and found.document_types == wanted


@dataclass(frozen=True)
class _Plan:
    parent_id: int
    version: int
    number: str
    types: str
    context: dict[str, Any]
    supersedes: int | None  # the signed annex it replaces
    unsigned: tuple[int, ...]  # annexes not signed yet, replaced by this one


def _plan(work: Work, session: Session, participation_id: int) -> _Plan | None:
    """What to make, or None: not a kilde, no agreement sent yet, no types chosen yet, or
    an annex stating them already made for the agreement (in play or signed)."""
    participation = session.get(Participation, participation_id)
    parent = agreement_of(session, participation_id)
    assessed = inputs.assessment(session, participation_id)
    if (participation is None or participation.role != Role.KILDE or parent is None
            or parent.status not in GONE_OUT or assessed is None or not assessed.dokumenttyper):
        return None
    types, mine = stated(assessed.dokumenttyper), annexes(session, participation_id)
    alive = [a for a in mine if a.status in (AgreementStatus.DRAFT, *GONE_OUT)]
    if any(a.annex_of_id == parent.id and a.document_types == types for a in alive):
        return None
    p = parties_of(session, participation_id)
    signed = [a for a in alive if a.status in IN_FORCE]
    version = len(mine) + 1
    numbered = number(number_of(p, parent), version)
    context = annex_context(
        nummer=numbered, versjon=version, dato=work.clock.today(),
        avtale=(number_of(p, parent), parent.version), omraade=p.area.name,
        virksomhet=p.party(p.org), organisator=p.party(p.organiser), vurdering=assessed,
        erstatter=signed[-1].number if signed else None,
        signatarer=(inputs.signatory(session, p.org), inputs.signatory(session, p.organiser)))
    return _Plan(parent.id or 0, version, numbered, types, context,
                 signed[-1].id if signed else None,
                 tuple(a.id or 0 for a in alive if a.status not in IN_FORCE))


def _unsent(session: Session, participation_id: int) -> int | None:
    """A draft annex of the agreement that counts, stating the chosen types: made, not sent."""
    found, matches = current(session, participation_id)
    return found.id if found and matches and found.status == AgreementStatus.DRAFT else None


def ensure(work: Signs, participation_id: int) -> tuple[int | None, list[str]]:
    """Make and send the annex the participation lacks, if it lacks one (see `_plan`).
    Returns the new annex (None: nothing to make) and the mail keys queued."""
    with work.transaction() as session:
        plan = _plan(work, session, participation_id)
        template = inputs.template(work, parties_of(session, participation_id), TEMPLATE) \
            if plan else ""
        unsent = _unsent(session, participation_id) if plan is None else None
    if unsent is not None:  # made before, but its sending was refused (no signatory …)
        return unsent, sending.send(work, unsent)
    if plan is None:
        return None, []
    keys = _replace_unsigned(work, plan.unsigned)
    (made,) = making.make(work, [(template, plan.context)])
    with work.transaction() as session:
        locked(session, Participation, participation_id)  # one maker at a time
        again = _plan(work, session, participation_id)
        if again is None or again.number != plan.number:
            return None, keys  # another run made it meanwhile
        participation = session.get(Participation, participation_id)
        assert participation is not None and participation.area_id is not None
        annex = Agreement(
            participation_id=participation_id, area_id=participation.area_id,
            kind=AgreementKind.ANNEX, annex_of_id=plan.parent_id, number=plan.number,
            document_types=plan.types, version=plan.version, status=AgreementStatus.DRAFT,
            supersedes_id=plan.supersedes, created_at=work.clock.now())
        store(work, session, annex, made, plan.number, template, annex_of=plan.parent_id,
              kind=AgreementKind.ANNEX.value)
        annex_id = annex.id or 0
    return annex_id, keys + sending.send(work, annex_id)


def _replace_unsigned(work: Signs, unsigned: tuple[int, ...]) -> list[str]:
    """End the annexes not signed yet that a new version replaces: a draft is superseded,
    one out for signing withdrawn (its job at the provider cancelled)."""
    keys: list[str] = []
    for annex_id in unsigned:
        with work.transaction() as session:
            annex = locked(session, Agreement, annex_id)
            if annex is None or annex.status != AgreementStatus.DRAFT:
                continue
            AGREEMENT.advance(annex, AgreementStatus.SUPERSEDED, agreement=annex_id)
            annex.status_reason = "erstattet av en ny versjon: dokumenttypene er endret"
            audit.record(session, actor=work.actor, action="agreement.superseded",
                         subject=f"agreement:{annex_id}", data={"reason": annex.status_reason})
    for annex_id in unsigned:
        with work.transaction() as session:
            annex = session.get(Agreement, annex_id)
            out = annex is not None and annex.status in OUT_FOR_SIGNING
        if out:
            keys += ending.withdraw(work, annex_id, "Erstattet av en ny versjon av vedlegget: "
                                                    "dokumenttypene er endret")
    return keys
