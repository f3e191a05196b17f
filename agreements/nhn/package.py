"""What an NHN order says: the JSON body NHN receives and the fields of the order document."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from agreements.contracts.parties import contacts_of
from agreements.core.models import CollaborationArea, Organisation, Participation


def payload(session: Session, participation: Participation, org: Organisation,
            key: str) -> dict[str, Any]:
    """What NHN asks of an orderer, as the JSON body of the order."""
    area = session.get(CollaborationArea, participation.area_id) if participation.area_id else None
    organiser = session.get(Organisation, area.organiser_id) if area else None
    return {
        "order_reference": key,
        "service": "Pasientens journaldokumenter",
        "organisation": {"name": org.navn, "orgnr": org.orgnr, "her_id": org.her_id,
                         "kommunenummer": org.kommunenummer},
        "role": participation.role,
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
        ("Rolle", p["role"]),
        ("HER-id", p["organisation"]["her_id"] or unknown),
        ("EPJ-system", p["epj"]["system"] or unknown),
        ("EPJ-leverandør", p["epj"]["vendor"] or unknown),
        ("Samarbeidsområde", f"{area['name']} ({area['organiser']['name']})" if area
         else "ikke aktuelt (konsument)"),
    ]
