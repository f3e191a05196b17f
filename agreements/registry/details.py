"""An organisation's details that the NHN order needs: HER-id and the EPJ system and vendor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agreements.core import audit
from agreements.errorcodes import Code
from agreements.errors import InvalidInput
from agreements.registry.lookup import get_organisation

if TYPE_CHECKING:
    from agreements.core.ports import Work

FIELDS = ("her_id", "epj_system", "epj_vendor")


def update(work: Work, orgnr_value: str, changes: dict[str, str | None]) -> dict[str, str]:
    """Set the given fields (empty ones are left as they are); returns what changed."""
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise InvalidInput(Code.DETAIL_UNKNOWN, details=sorted(unknown))
    wanted = {k: v.strip() for k, v in changes.items() if v and v.strip()}
    with work.transaction() as session:
        found = get_organisation(session, orgnr_value)
        changed = {k: v for k, v in wanted.items() if getattr(found, k) != v}
        for k, v in changed.items():
            setattr(found, k, v)
        if changed:
            audit.record(session, actor=work.actor, action="organisation.updated",
                         subject=f"org:{found.orgnr}", data=changed)
        return changed
