"""Registering an organisation again with other data than it was registered with.

Registering twice with the same data changes nothing; registering with a different kind, name,
kommunenummer or region is refused, saying what differs and how to change it, instead of
quietly keeping the old data and exiting as if all was well.
"""

from __future__ import annotations

from sqlmodel import Session, select

from agreements.core.enums import Kind, Role
from agreements.core.models import CollaborationArea, Organisation, Participation
from agreements.registry.routing import BY_ADDRESS


def kilde_area(session: Session, org: Organisation) -> tuple[str, str | None] | None:
    """The key of the organisation's kilde area and how it was chosen, if it is a kilde."""
    found = session.exec(
        select(CollaborationArea.key, Participation.routed_by)
        .join(Participation, Participation.area_id == CollaborationArea.id)  # type: ignore[arg-type]
        .where(Participation.organisation_id == org.id, Participation.role == Role.KILDE.value)
    ).first()
    return (found[0], found[1]) if found else None


def differences(session: Session, org: Organisation, *, kind: Kind | None, region: str | None,
                name: str | None, kommunenummer: str | None) -> list[str]:
    """What the new registration says that the stored one does not, one phrase each."""
    found = []
    if kind is not None and kind.value != org.kind:
        found.append(f"kind {kind.value} (registered: {org.kind})")
    if org.source == "manual":  # otherwise name and number came from a register, not the user
        if name and name.strip() != org.navn:
            found.append(f"name {name.strip()!r} (registered: {org.navn!r})")
        if kommunenummer and kommunenummer != org.kommunenummer:
            found.append(f"kommunenummer {kommunenummer} (registered: {org.kommunenummer})")
    current = kilde_area(session, org)
    if region and org.kind == Kind.AVTALESPESIALIST and current and current[0] != region:
        how = ", derived from address" if current[1] == BY_ADDRESS else ""
        found.append(f"region {region} (registered: {current[0]}{how})")
    return found


def refusal(org: Organisation, found: list[str], region: str | None) -> str:
    """One line: what differs, that nothing changed, and the command that changes it."""
    text = (f"{org.navn} ({org.orgnr}) is already registered with other data: "
            + "; ".join(found) + ". Nothing was changed.")
    if any(f.startswith("region ") for f in found):
        text += (f" To move it to another organiser: `avtaleflyt org route {org.orgnr} "
                 f"--region {region}` (audited).")
    if any(not f.startswith("region ") for f in found):
        text += " Kind, name and kommunenummer are kept as first registered."
    return text
