"""What a follow-up action or a signing change concerns, in words: the organisation and the
person or the thing owed (`signature:12` → «Oslo kommune (kilde): signatur fra Ola
Nordmann»), for the tables a run shows in the Prefect UI, which name organisations and
people, never internal ids. A fixed number of queries, however many subjects."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, col, select

from agreements import reference
from agreements.core.models import (
    Agreement,
    ChecklistItem,
    Contact,
    NhnOrder,
    Organisation,
    Participation,
    Signature,
)
from agreements.reporting import labels


def _ids(subjects: Iterable[str], kind: str) -> set[int]:
    found = set()
    for s in subjects:
        name, _, number = s.partition(":")
        if name == kind and number.isdigit():
            found.add(int(number))
    return found


def _parts(session: Session, ids: set[int]) -> dict[int, tuple[str, str]]:
    """Each participation's organisation and role."""
    if not ids:
        return {}
    rows = session.exec(select(Participation.id, Participation.role, Organisation.navn).join(
        Organisation, col(Organisation.id) == Participation.organisation_id).where(
        col(Participation.id).in_(ids)))
    return {pid: (navn, role) for pid, role, navn in rows if pid}


def _named(parts: dict[int, tuple[str, str]], *pids: int | None) -> str:
    """«Oslo kommune (kilde)»; an order covering both roles «Oslo kommune (kilde og
    konsument)»."""
    found = [parts[p] for p in pids if p is not None and p in parts]
    if not found:
        return "?"
    roles = sorted({labels.ROLE.get(role, role) for _, role in found})
    return f"{found[0][0]} ({' og '.join(roles)})"


def describe(session: Session, subjects: Iterable[str]) -> dict[str, str]:
    """Each subject (`signature:<id>`, `agreement:<id>`, `item:<id>`, `order:<id>`,
    `participation:<id>`) in words; one that is gone is «(slettet)»."""
    wanted = list(dict.fromkeys(subjects))
    found: dict[str, str] = {}
    sig_ids = _ids(wanted, "signature")
    signatures = list(session.exec(select(Signature.id, Signature.agreement_id, Contact.name,
                                          Organisation.navn).join(
        Contact, col(Contact.id) == Signature.contact_id).join(
        Organisation, col(Organisation.id) == Signature.organisation_id).where(
        col(Signature.id).in_(sig_ids)))) if sig_ids else []
    agreement_ids = _ids(wanted, "agreement") | {a for _, a, _, _ in signatures}
    agreements = {a: p for a, p in session.exec(select(
        Agreement.id, Agreement.participation_id).where(col(Agreement.id).in_(
            agreement_ids))) if a} if agreement_ids else {}
    items = {i.id: i for i in session.exec(select(ChecklistItem).where(
        col(ChecklistItem.id).in_(_ids(wanted, "item"))))}
    orders = {o: (p, c) for o, p, c in session.exec(select(
        NhnOrder.id, NhnOrder.participation_id, NhnOrder.covers_participation_id).where(
        col(NhnOrder.id).in_(_ids(wanted, "order")))) if o}
    parts = _parts(session, set(agreements.values()) | {i.participation_id for i in
                                                         items.values()}
                   | {p for pair in orders.values() for p in pair if p is not None}
                   | _ids(wanted, "participation"))
    titles = {p.key: p.title for p in reference.processes()}
    for sid, aid, name, navn in signatures:
        on = _named(parts, agreements.get(aid))
        whose = "" if on.startswith(f"{navn} (") else f" ({navn})"  # the organiser's signer
        found[f"signature:{sid}"] = f"{on}: signatur fra {name}{whose}"
    for aid, pid in agreements.items():
        found[f"agreement:{aid}"] = f"avtalen for {_named(parts, pid)}"
    for iid, item in items.items():
        title = titles.get(item.process_key, item.process_key)
        found[f"item:{iid}"] = f"{_named(parts, item.participation_id)}: {title}"
    for oid, (pid, covers) in orders.items():
        found[f"order:{oid}"] = f"{_named(parts, pid, covers)}: bestilling hos Norsk helsenett"
    for pid in parts:
        found[f"participation:{pid}"] = _named(parts, pid)
    return {s: found.get(s, _missing(s)) for s in wanted}


def _missing(subject: str) -> str:
    """A subject of a known kind that is gone says so; anything else is not ours to name."""
    kind, _, number = subject.partition(":")
    return "(slettet)" if kind in KINDS and number.isdigit() else "–"


KINDS = frozenset({"signature", "agreement", "item", "order", "participation"})
