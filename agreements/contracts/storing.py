"""Storing drafts made from their templates: each draft's documents and row, audited as
created, a batch's drafts (up to STORED_TOGETHER) in one transaction and their rows in one
flush; an out-of-date draft marked superseded by the one made in its place."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from agreements.contracts import inplay, inputs, making
from agreements.core import audit
from agreements.core.db import locked, preload
from agreements.core.enums import AgreementStatus
from agreements.core.lifecycle import AGREEMENT
from agreements.core.models import Agreement, Participation

if TYPE_CHECKING:
    from agreements.core.ports import Work
    from agreements.documents.pdf import Converts


@dataclass(frozen=True)
class Created:
    agreement_id: int
    created: bool
    pdf: bool


@dataclass(frozen=True)
class Plan:
    participation_id: int
    area_id: int
    version: int
    template: str
    context: dict[str, Any]
    replacing: int | None = None  # the out-of-date draft this one replaces


def in_play_for(current: Agreement | None, pid: int, renewal_of: dict[int, int],
                replacing: dict[int, int]) -> Created | None:
    """The agreement already in play for `pid`, `current` (unless it is the one being
    renewed, or the draft being replaced)."""
    if current and current.id not in (renewal_of.get(pid), replacing.get(pid)):
        return Created(current.id or 0, False, current.pdf_id is not None)
    return None


STORED_TOGETHER = 10  # drafts a transaction: a writer's lock held briefly (on SQLite a
# portal's sign-in or upload waits for it; a batch's 100 drafts in one held it 1.9 s)


def store_drafts(work: Converts, plans: list[Plan], made: list[making.Made],
                 renewing: tuple[dict[int, int], dict[int, int]],
                 results: dict[int, Created]) -> None:
    """Store the made drafts in one transaction (none where another run made one meanwhile),
    their rows in one flush, then each audited as created, in order."""
    renewal_of, replacing = renewing
    with work.transaction() as session:
        pids = [plan.participation_id for plan in plans]
        preload(session, Participation, pids, for_update=True)  # one creator at a time
        in_play = inplay.open_agreements(session, pids)
        placed: list[tuple[int, Agreement, Callable[[], None]]] = []
        for i, plan in enumerate(plans):
            found = in_play_for(in_play.get(plan.participation_id), plan.participation_id,
                                renewal_of, replacing)
            if found is not None:
                results[plan.participation_id] = found
                continue
            supersedes = renewal_of.get(plan.participation_id)
            if plan.replacing is not None:
                supersedes = _supersede(work, session, plan.replacing)
            placed.append((plan.participation_id, *_store_draft(work, session, plan, made[i],
                                                                 supersedes)))
        session.flush()  # the drafts' INSERTs at once
        for pid, agreement, audited in placed:
            audited()
            results[pid] = Created(agreement.id or 0, True, agreement.pdf_id is not None)


def _supersede(work: Work, session: Session, draft_id: int) -> int | None:
    """Mark an unsent draft superseded; returns the agreement it was itself to renew."""
    old = locked(session, Agreement, draft_id)
    assert old is not None
    AGREEMENT.advance(old, AgreementStatus.SUPERSEDED, agreement=draft_id)
    old.status_reason = "laget på nytt: parter, kontaktpersoner eller mal er endret"
    audit.record(session, actor=work.actor, action="agreement.superseded",
                 subject=f"agreement:{draft_id}", data={"reason": old.status_reason})
    return old.supersedes_id


def _store_draft(work: Converts, session: Session, plan: Plan, made: making.Made,
                 supersedes: int | None) -> tuple[Agreement, Callable[[], None]]:
    agreement = Agreement(
        participation_id=plan.participation_id, area_id=plan.area_id, version=plan.version,
        status=AgreementStatus.DRAFT, supersedes_id=supersedes,
        inputs_sha256=inputs.fingerprint(plan.context, plan.template, made.template_sha256),
        created_at=work.clock.now())
    return agreement, place(work, session, agreement, made, plan.context["avtale"]["nummer"],
                            plan.template, replaces=plan.replacing)


def store(work: Converts, session: Session, agreement: Agreement, made: making.Made,
          number: str, template: str, **audited: object) -> None:
    """Store a made document (DOCX, and PDF when converted) as the draft `agreement`, with
    the passages its template leaves open; audited as created."""
    created = place(work, session, agreement, made, number, template, **audited)
    session.flush()
    created()


def place(work: Converts, session: Session, agreement: Agreement, made: making.Made,
          number: str, template: str, **audited: object) -> Callable[[], None]:
    """`store`, the agreement's INSERT left to the caller's next flush (a batch's drafts in
    one); returns what audits it as created, to be called once it is flushed."""
    saved = [work.documents.put(session, kind="agreement", folder="agreements",
                                name=f"{number}.{ext}", data=data, template=template,
                                template_sha256=made.template_sha256)
             for ext, data in (("docx", made.docx), ("pdf", made.pdf)) if data is not None]
    agreement.docx_id, agreement.pdf_id = saved[0].id, saved[1].id if len(saved) > 1 else None
    agreement.open_passages = json.dumps(made.open_passages, ensure_ascii=False) \
        if made.open_passages else None
    session.add(agreement)

    def created() -> None:
        audit.record(session, actor=work.actor, action="agreement.created",
                     subject=f"agreement:{agreement.id}",
                     data={"number": number, "template": template,
                           "template_sha256": made.template_sha256,
                           "documents": {d.path: d.sha256 for d in saved},
                           "open_passages": list(made.open_passages),
                           "supersedes": agreement.supersedes_id, **audited})
    return created
