"""An organisation's details that the NHN order needs (HER-id, the EPJ system and vendor), and
the day its EPJ vendor expects the integration ready to test."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import select

from agreements.core import audit
from agreements.core.models import Participation
from agreements.errorcodes import Code
from agreements.errors import InvalidInput
from agreements.reference import deadlines
from agreements.registry.lookup import get_organisation

if TYPE_CHECKING:
    from agreements.core.ports import Work

FIELDS = ("her_id", "epj_system", "epj_vendor", "epj_vendor_ready_on")


def update(work: Work, orgnr_value: str, changes: dict[str, str | date | None]
           ) -> dict[str, str]:
    """Set the given fields (empty ones are left as they are); returns what changed. The EPJ
    vendor's expected day moves the due date of the items that wait for it."""
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise InvalidInput(Code.DETAIL_UNKNOWN, details=sorted(unknown))
    wanted = {k: v.strip() if isinstance(v, str) else v for k, v in changes.items()
              if v and (not isinstance(v, str) or v.strip())}
    with work.transaction() as session:
        found = get_organisation(session, orgnr_value)
        changed = {k: v for k, v in wanted.items() if getattr(found, k) != v}
        for k, v in changed.items():
            setattr(found, k, v)
        shown = {k: v.isoformat() if isinstance(v, date) else str(v) for k, v in changed.items()}
        if changed:
            audit.record(session, actor=work.actor, action="organisation.updated",
                         subject=f"org:{found.orgnr}", data=shown)
        if "epj_vendor_ready_on" in changed:
            deadlines.refresh(session, list(session.exec(select(Participation.id).where(
                Participation.organisation_id == found.id))))  # type: ignore[arg-type]
        return shown
