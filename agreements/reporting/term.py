"""The report's view of each agreement's term: which agreement is in force and until when,
where its renewal stands, the agreements that expire in the next 120 days, and the renewals
out for signing (which the governing agreement, the one in force, does not show)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from agreements.core.calendar import OSLO
from agreements.core.enums import AgreementStatus as A
from agreements.core.enums import Role
from agreements.core.lifecycle import OUT_FOR_SIGNING
from agreements.documents.contexts import agreement_number
from agreements.reporting import labels

if TYPE_CHECKING:
    from agreements.core.models import Agreement
    from agreements.reporting.views import Row

EXPIRING_DAYS = 120
EXPIRING_COLUMNS = ["Organisasjonsnummer", "Virksomhet", "Organisator", "Avtale", "I kraft fra",
                    "I kraft til", "Dager igjen", "Fornyelse"]
RENEWAL_COLUMNS = ["Organisasjonsnummer", "Virksomhet", "Organisator", "Fornyelse",
                   "Fornyer avtale", "Gjeldende avtale i kraft til", "Status", "Sendt",
                   "Signeringsfrist"]
DATE_COLUMNS = ("I kraft fra", "I kraft til", "Gjeldende avtale i kraft til", "Sendt")


def in_force(r: Row) -> Agreement | None:
    """The agreement in force today: the active one (a renewal waiting for its start day is
    signed, not yet in force)."""
    active = [a for a in r.agreements if a.status == A.ACTIVE]
    return max(active, key=lambda a: a.id or 0) if active else None


def renewal(r: Row, current: Agreement | None) -> Agreement | None:
    """The newest renewal of `current` that was not replaced by a regenerated draft."""
    made = [a for a in r.agreements if current is not None and a.supersedes_id == current.id
            and a.status != A.SUPERSEDED]
    return max(made, key=lambda a: a.id or 0) if made else None


def number(r: Row, a: Agreement) -> str:
    return agreement_number(r.area.key if r.area else "-", r.organisation.orgnr, a.version)


def renewal_state(r: Row) -> str:
    """Where the renewal of the agreement in force stands, in words."""
    current = in_force(r)
    if r.participation.role != Role.KILDE or current is None:
        return ""
    found = renewal(r, current)
    if found is None:
        return "ikke laget ennå"
    said = labels.AGREEMENT.get(found.status, found.status)
    if found.status == A.SIGNED and found.effective_on:
        said += f", gjelder fra {found.effective_on:%d.%m.%Y}"
    return f"{number(r, found)}: {said}"


def columns(r: Row) -> dict[str, Any]:
    """The per-organisation columns about the term (and the agreement's status, when the
    last one in force has ended: that one's, not its unsigned renewal's)."""
    current = in_force(r)
    found: dict[str, Any] = {"I kraft til": current.expires_on if current else None,
                             "Fornyelse": renewal_state(r)}
    ended = [a for a in r.agreements if a.status in (A.EXPIRED, A.TERMINATED)]
    if current is None and ended and r.participation.role == Role.KILDE:
        last = max(ended, key=lambda a: a.id or 0)
        later = renewal(r, last)
        found["Avtalestatus"] = labels.AGREEMENT[last.status] + (
            f" (fornyelse {number(r, later)}: {labels.AGREEMENT.get(later.status, later.status)})"
            if later else "")
    return found


def out_for_signing(r: Row) -> bool:
    """Any of its agreements out for signing (a renewal too, while the old one is in force)."""
    return any(a.status in OUT_FOR_SIGNING for a in r.agreements)


def expiring(rows: list[Row], today: date) -> list[dict[str, Any]]:
    """Agreements in force that expire within EXPIRING_DAYS of `today`, soonest first."""
    found = []
    for r in rows:
        current = in_force(r)
        if current is None or current.expires_on is None:
            continue
        left = (current.expires_on - today).days
        if left <= EXPIRING_DAYS:
            found.append({
                "Organisasjonsnummer": r.organisation.orgnr, "Virksomhet": r.organisation.navn,
                "Organisator": r.organiser.navn if r.organiser else "",
                "Avtale": number(r, current), "I kraft fra": current.effective_on,
                "I kraft til": current.expires_on, "Dager igjen": left,
                "Fornyelse": renewal_state(r)})
    return sorted(found, key=lambda x: (x["I kraft til"], x["Virksomhet"]))


def renewals_out(rows: list[Row]) -> list[dict[str, Any]]:
    """Renewals out for signing, with the agreement each renews."""
    found = []
    for r in rows:
        by_id = {a.id: a for a in r.agreements}
        for a in r.agreements:
            old = by_id.get(a.supersedes_id) if a.supersedes_id else None
            if a.status not in OUT_FOR_SIGNING or old is None:
                continue
            found.append({
                "Organisasjonsnummer": r.organisation.orgnr, "Virksomhet": r.organisation.navn,
                "Organisator": r.organiser.navn if r.organiser else "",
                "Fornyelse": number(r, a), "Fornyer avtale": number(r, old),
                "Gjeldende avtale i kraft til": old.expires_on if old.status == A.ACTIVE
                else None, "Status": labels.AGREEMENT.get(a.status, a.status),
                "Sendt": a.sent_at.astimezone(OSLO).date() if a.sent_at else None,
                "Signeringsfrist": a.signing_deadline})
    return sorted(found, key=lambda x: (x["Signeringsfrist"] or date.max, x["Virksomhet"]))
