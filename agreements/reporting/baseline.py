"""What the rollout report adds to the registered participations: the kommuner of the reference
data that are not registered yet (so the report counts from the whole area, 357 for KS), and
the columns about each participation's agreement, overdue items, NHN order and EPJ.

Where the report cannot know something (a kommune not registered has no EPJ recorded, no
waiting time) the cell says so or stays empty; it never guesses.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from agreements import reference
from agreements.core.enums import ContactRole, ItemStatus, Role
from agreements.core.lifecycle import OUT_FOR_SIGNING
from agreements.core.models import Contact
from agreements.reporting import labels
from agreements.reporting.views import Row

NOT_REGISTERED = "ikke registrert"


def with_signatory(session: Session) -> set[int]:
    """The organisations that have a signatory on record (one query)."""
    return set(session.connection().execute(
        sa.select(col(Contact.organisation_id)).where(
            col(Contact.role) == ContactRole.SIGNATORY, col(Contact.removed_at).is_(None))
    ).scalars())


def groups() -> list[tuple[str, str, str]]:
    """The summary lines a kommune not registered counts in: the kommune area and KS."""
    area, ks = reference.areas()[reference.KOMMUNE_AREA], reference.organisers()[reference.KS]
    return [("area", area.key, area.name), ("organiser", ks.orgnr, ks.navn)]


def not_started(rows: list[Row]) -> list[dict[str, Any]]:
    """A row for each kommune of the reference data that is not registered, by kommunenummer."""
    registered = {r.organisation.orgnr for r in rows}
    area, ks = reference.areas()[reference.KOMMUNE_AREA], reference.organisers()[reference.KS]
    return [{
        "Kommunenummer": k.kommunenummer, "Organisasjonsnummer": k.orgnr,
        "Virksomhet": k.navn, "Type": labels.KIND["kommune"], "Rolle": "",
        "Fylke": k.fylke, "Samarbeidsområde": area.name, "Organisator": ks.navn,
        "Organisator utledet fra adresse": "", "Fase": "Ikke startet",
        "Venter på": "Registrering i avtaleflyt", "Hos": ks.navn, "Venter siden": None,
        "Virkedager": None, "Forfalte punkter": "", "Avtalestatus": NOT_REGISTERED,
        "Signeringsfrist": None, "I kraft til": None, "Fornyelse": "",
        "NHN-bestilling": NOT_REGISTERED,
        "EPJ-system": NOT_REGISTERED, "EPJ-leverandør": NOT_REGISTERED, "Registrert": None,
        "I drift fra": None,
    } for k in sorted(reference.kommuner().values(), key=lambda k: k.kommunenummer)
        if k.orgnr not in registered]


def details(r: Row, today: date) -> dict[str, Any]:
    """The columns about the participation's agreement, overdue items, order and EPJ."""
    a, o, org = r.agreement, r.order, r.organisation
    overdue = [reference.process(i.process_key).title
               + (f" ({i.occurrence})" if i.occurrence else "")
               for i in r.items if i.status == ItemStatus.OPEN and i.due_on is not None
               and i.due_on < today]
    if r.participation.role != Role.KILDE:
        agreement = "ingen (konsument)"
    else:
        agreement = labels.AGREEMENT.get(a.status, a.status) if a else "ingen avtale ennå"
    return {
        "Forfalte punkter": "; ".join(overdue), "Avtalestatus": agreement,
        "Signeringsfrist": a.signing_deadline if a and a.status in OUT_FOR_SIGNING else None,
        "NHN-bestilling": labels.ORDER.get(o.status, o.status) if o else "ikke bestilt",
        "EPJ-system": org.epj_system or "ikke oppgitt",
        "EPJ-leverandør": org.epj_vendor or "ikke oppgitt",
    }
