"""Going live: refused while any gate is open, with every open gate named."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from agreements import reference
from agreements.contracts import annex
from agreements.contracts.parties import locked_participation
from agreements.core import audit
from agreements.core.enums import ItemStatus, Role
from agreements.core.models import ChecklistItem, Participation
from agreements.core.orders import order_for
from agreements.errorcodes import Code
from agreements.errors import GateClosed, Refused
from agreements.readiness.gates import Snapshot, gates, sections_of, unreviewed

if TYPE_CHECKING:
    from agreements.core.ports import Work


def snapshot(session: Session, participation: Participation, *,
             drafts_allowed: bool = False) -> Snapshot:
    """What the gates are judged on, for one participation."""
    pid = participation.id or 0
    agreement = annex.agreement_of(session, pid)
    found, matches = annex.current(session, pid)
    order = order_for(session, pid)  # for a kommune in both roles, the one order
    mandatory = {p.key: p.title for p in reference.processes() if p.mandatory}
    items = list(session.exec(select(ChecklistItem).where(
        ChecklistItem.participation_id == pid, ChecklistItem.occurrence == "")
        .order_by(col(ChecklistItem.id))))
    open_keys = [i.process_key for i in items if i.status == ItemStatus.OPEN]
    return Snapshot(
        role=Role(participation.role),
        agreement=agreement.status if agreement else None,
        order=order.status if order else None,
        terms=order.terms_status if order else None,
        open_mandatory=tuple(mandatory[k] for k in open_keys if k in mandatory),
        live_on=participation.live_on,
        agreement_open=sections_of(agreement.open_passages) if agreement else (),
        drafts_allowed=drafts_allowed,
        annex=found.status if found else None,
        annex_matches=matches,
        unreviewed=unreviewed(items, Role(participation.role)),
    )


def go_live(work: Work, participation_id: int, day: date | None = None) -> Participation:
    with work.transaction() as session:
        participation, org = locked_participation(session, participation_id)
        who = {"organisation": org.navn, "orgnr": org.orgnr, "role": participation.role}
        if participation.live_on:
            raise Refused(Code.ALREADY_LIVE, since=participation.live_on, **who)
        judged = snapshot(session, participation,
                          drafts_allowed=work.settings.allow_draft_templates)
        open_gates = gates(judged)
        if open_gates:
            raise GateClosed(Code.GATES_OPEN, gates=open_gates, **who)
        participation.live_on = day or work.clock.today()
        audit.record(session, actor=work.actor, action="participation.live",
                     subject=f"org:{org.orgnr}",
                     data={"role": participation.role,
                           "live_on": participation.live_on.isoformat(),
                           # a signed draft, let through only where drafts are allowed
                           "draft_agreement": list(judged.agreement_open)})
        return participation
