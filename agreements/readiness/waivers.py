"""Waiving a checklist item. An optional one: anyone who may tick it off, with a reason. A
mandatory one is the organiser's decision: only its coordinator, named (the person signed in
to the portal, or `by` from the command line or Prefect), with a reason; never a flag on the
organisation's side. A konsument has no organiser, so its mandatory items must be done."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlmodel import Session

from agreements import reference
from agreements.contracts.parties import contacts_of
from agreements.core import audit
from agreements.core.enums import ContactRole, ItemStatus
from agreements.core.lifecycle import CHECKLIST_ITEM
from agreements.core.models import ChecklistItem, CollaborationArea, Organisation, Participation
from agreements.errorcodes import Code
from agreements.errors import InvalidInput, Refused
from agreements.readiness.checklist import find_item
from agreements.reference import deadlines

if TYPE_CHECKING:
    from agreements.core.ports import Work


def deciding(session: Session, participation: Participation, title: str,
             by: str | None) -> str:
    """The organiser's coordinator who waives a mandatory item (their address), or refused."""
    area = session.get(CollaborationArea, participation.area_id) if participation.area_id \
        else None
    organiser = session.get(Organisation, area.organiser_id) if area else None
    if organiser is None:
        raise Refused(Code.NO_ORGANISER_TO_WAIVE, title=title)
    if not by:
        raise Refused(Code.ITEM_MANDATORY, title=title)
    coordinators = {c.email for c in contacts_of(session, organiser, ContactRole.COORDINATOR)}
    if by.strip().lower() not in coordinators:
        raise Refused(Code.WAIVER_NOT_COORDINATOR, title=title, by=by,
                      organiser=organiser.navn)
    return by.strip().lower()


def waive(work: Work, session: Session, participation: Participation, key: str, reason: str,
          by: str | None = None) -> ChecklistItem:
    """Waive the item with `reason`; a mandatory one only as the decision of `by`, a
    coordinator of the participation's organiser."""
    if not reason or not reason.strip():
        raise InvalidInput(Code.WAIVE_NEEDS_REASON)
    item = find_item(session, participation, key)
    process = reference.process(item.process_key)
    decided = deciding(session, participation, process.title, by) if process.mandatory \
        else None
    CHECKLIST_ITEM.advance(item, ItemStatus.WAIVED, item=key)
    item.reason = reason.strip()
    item.done_by, item.done_at = decided or work.actor, work.clock.now()
    audit.record(session, actor=work.actor, action="checklist.waived",
                 subject=f"participation:{participation.id}",
                 data={"item": key, "reason": item.reason, "decided_by": decided,
                       "mandatory": process.mandatory})
    deadlines.refresh(session, [participation.id or 0])
    return item
