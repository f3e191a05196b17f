"""Readable names for the runs of actions, so the Prefect runs list says what each concerns:
`onboard-958935420-oslo`, `go-live-958935420-oslo`, `sign-PJD-KOMMUNER-958935420-1`."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlmodel import select

from agreements import reference
from agreements.commands.agreements import (
    RecordDecline,
    RecordSignature,
    SendAgreement,
    TerminateAgreement,
    WithdrawAgreement,
)
from agreements.core.models import Organisation

if TYPE_CHECKING:
    from agreements.app import App

# Actions on an agreement are named by a verb and the agreement's number.
VERBS = {RecordSignature.action: "sign", RecordDecline.action: "decline",
         SendAgreement.action: "send", WithdrawAgreement.action: "withdraw",
         TerminateAgreement.action: "terminate"}
_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a"})


def slug(name: str) -> str:
    """`Oslo kommune` → `oslo`; `Kárášjohka - Karasjok kommune` → `karasjohka-karasjok`."""
    plain = unicodedata.normalize("NFKD", name.translate(_LETTERS))
    ascii_only = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")
    return words.removesuffix("-kommune")[:40].strip("-")


def run_name(app: App | None, action: str, values: Mapping[str, Any]) -> str:
    """The name of a run of `action` with the command's `values` (a lookup in the database
    when `app` is given: the organisation's name, the agreement's number)."""
    agreement_id = values.get("agreement_id")
    if agreement_id:
        number = _agreement_number(app, int(agreement_id)) if app else None
        return f"{VERBS.get(action, action)}-{number or agreement_id}"
    orgnr = re.sub(r"\D", "", str(values.get("orgnr") or ""))
    if orgnr:
        name = _organisation_name(app, orgnr) or values.get("name") or ""
        return "-".join(part for part in (action, orgnr, slug(str(name))) if part)
    if values.get("all_failed"):
        return f"{action}-all-failed"
    ids = values.get("ids") or []
    return f"{action}-" + "-".join(map(str, ids)) if ids else action


def _organisation_name(app: App | None, orgnr: str) -> str | None:
    kommune = reference.kommuner().get(orgnr)
    if kommune:
        return kommune.navn
    if app is None:
        return None
    with app.transaction() as session:
        return session.exec(select(Organisation.navn).where(Organisation.orgnr == orgnr)).first()


def _agreement_number(app: App, agreement_id: int) -> str | None:
    from agreements.contracts.drafts import get_agreement, number_of
    from agreements.contracts.parties import parties_of

    with app.transaction() as session:
        agreement = get_agreement(session, agreement_id)
        return number_of(parties_of(session, agreement.participation_id), agreement)
