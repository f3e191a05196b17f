"""What an NHN order says: the JSON body NHN receives and the fields of the order document."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from agreements.contracts.parties import contacts_of
from agreements.core.models import CollaborationArea, Organisation, Participation


def payload(session: Session, parts: list[Participation], org: Organisation, key: str,
            ordered_by: dict[str, str | None]) -> dict[str, Any]:
    """What NHN asks of an orderer, as the JSON body of the order: one order for every role
    in `parts` (a kommune that is kilde and konsument names both), placed by `ordered_by`."""
    area_id = next((p.area_id for p in parts if p.area_id), None)
    area = session.get(CollaborationArea, area_id) if area_id else None
    organiser = session.get(Organisation, area.organiser_id) if area else None
    return {
        "order_reference": key,
        "service": "Pasientens journaldokumenter",
        "organisation": {"name": org.navn, "orgnr": org.orgnr, "her_id": org.her_id,
                         "kommunenummer": org.kommunenummer},
        "role": parts[0].role,
        "roles": [p.role for p in parts],
        "ordered_by": ordered_by,
        "epj": {"system": org.epj_system, "vendor": org.epj_vendor},
        "contacts": [{"role": c.role, "name": c.name, "email": c.email, "title": c.title}
                     for c in contacts_of(session, org)],
        "collaboration_area": {"key": area.key, "name": area.name,
                               "organiser": {"name": organiser.navn, "orgnr": organiser.orgnr}}
        if area and organiser else None,
    }


def fields(p: dict[str, Any]) -> list[tuple[str, str]]:
    unknown = "ikke oppgitt"
    area = p["collaboration_area"]
    return [
        ("Virksomhet", p["organisation"]["name"]),
        ("Organisasjonsnummer", p["organisation"]["orgnr"]),
        ("Rolle", " og ".join(p["roles"])),
        ("Bestilt av", ", ".join(v for v in p["ordered_by"].values() if v)),
        ("HER-id", p["organisation"]["her_id"] or unknown),
        ("EPJ-system", p["epj"]["system"] or unknown),
        ("EPJ-leverandør", p["epj"]["vendor"] or unknown),
        ("Samarbeidsområde", f"{area['name']} ({area['organiser']['name']})" if area
         else "ikke aktuelt (konsument)"),
    ]
