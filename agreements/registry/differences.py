"""Registering an organisation again with other data than it was registered with.

Registering twice with the same data changes nothing; registering with a different kind, name,
kommunenummer or region is refused, saying what differs and how to change it, instead of
quietly keeping the old data and exiting as if all was well.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlmodel import Session, select

from agreements.core.enums import Kind, Role
from agreements.core.models import CollaborationArea, Organisation, Participation
from agreements.errorcodes import Code
from agreements.errors import Refused
from agreements.registry.routing import BY_ADDRESS


def kilde_area(session: Session, org: Organisation) -> tuple[str, str | None] | None:
    """The key of the organisation's kilde area and how it was chosen, if it is a kilde."""
    found = session.exec(
        select(CollaborationArea.key, Participation.routed_by)
        .join(Participation, Participation.area_id == CollaborationArea.id)  # type: ignore[arg-type]
        .where(Participation.organisation_id == org.id, Participation.role == Role.KILDE.value)
    ).first()
    return (found[0], found[1]) if found else None


class Difference(NamedTuple):
    """One thing a registration says otherwise than the stored one: `what` is kind, name,
    kommunenummer or region; `derived` when the stored region was derived from the address."""

    what: str
    given: str
    registered: str | None
    derived: bool = False

    def __str__(self) -> str:
        if self.what == "name":
            return f"name {self.given!r} (registered: {self.registered!r})"
        how = ", derived from address" if self.derived else ""
        return f"{self.what} {self.given} (registered: {self.registered}{how})"


def differences(session: Session, org: Organisation, *, kind: Kind | None, region: str | None,
                name: str | None, kommunenummer: str | None) -> list[Difference]:
    """What the new registration says that the stored one does not."""
    found = []
    if kind is not None and kind.value != org.kind:
        found.append(Difference("kind", kind.value, org.kind))
    if org.source == "manual":  # otherwise name and number came from a register, not the user
        if name and name.strip() != org.navn:
            found.append(Difference("name", name.strip(), org.navn))
        if kommunenummer and kommunenummer != org.kommunenummer:
            found.append(Difference("kommunenummer", kommunenummer, org.kommunenummer))
    current = kilde_area(session, org)
    if region and org.kind == Kind.AVTALESPESIALIST and current and current[0] != region:
        found.append(Difference("region", region, current[0], current[1] == BY_ADDRESS))
    return found


def refusal(org: Organisation, found: list[Difference], region: str | None) -> Refused:
    """What differs and that nothing changed; the code says whether moving it to another
    organiser (a region) is what would change it, and whether other data is kept."""
    moves = any(f.what == "region" for f in found)
    kept = any(f.what != "region" for f in found)
    if moves:
        code = Code.REGISTERED_OTHERWISE_AND_REGION if kept else Code.REGISTERED_IN_OTHER_REGION
        return Refused(code, organisation=org.navn, orgnr=org.orgnr, differences=found,
                       region=region)
    return Refused(Code.REGISTERED_OTHERWISE, organisation=org.navn, orgnr=org.orgnr,
                   differences=found)
