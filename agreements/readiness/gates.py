"""The go-live gates and the onboarding phase, derived (never stored) from the other lifecycles.

Pure: a Snapshot in, gates and phase out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from agreements.core.enums import OrderStatus, Phase, Role, TermsStatus
from agreements.core.lifecycle import IN_FORCE, OUT_FOR_SIGNING


@dataclass(frozen=True)
class Snapshot:
    role: Role
    agreement: str | None = None
    order: str | None = None
    terms: str | None = None
    open_mandatory: tuple[str, ...] = field(default_factory=tuple)
    live_on: date | None = None


def gates(s: Snapshot) -> list[str]:
    """Every gate still open before go-live, by name, in the order they are usually closed."""
    open_gates = []
    if s.role is Role.KILDE and s.agreement not in IN_FORCE:
        state = f" (agreement is {s.agreement})" if s.agreement else " (no agreement yet)"
        open_gates.append("agreement with the organiser signed" + state)
    if s.order != OrderStatus.CONFIRMED:
        state = f" (order is {s.order})" if s.order else " (not ordered yet)"
        open_gates.append("NHN order confirmed" + state)
    if s.terms != TermsStatus.SIGNED:
        state = f" ({s.terms})" if s.terms else ""
        open_gates.append("NHN bruksvilkår signed" + state)
    open_gates.extend(f"checklist: {title}" for title in s.open_mandatory)
    return open_gates


def phase(s: Snapshot) -> Phase:
    if s.live_on:
        return Phase.LIVE
    if s.role is Role.KILDE and s.agreement in OUT_FOR_SIGNING:
        return Phase.AWAITING_SIGNATURES
    agreement_done = s.role is Role.KONSUMENT or s.agreement in IN_FORCE
    nhn_pending = s.order == OrderStatus.SUBMITTED or (
        s.order == OrderStatus.CONFIRMED and s.terms != TermsStatus.SIGNED
    )
    if agreement_done and nhn_pending:
        return Phase.AWAITING_NHN
    if not gates(s):
        return Phase.READY
    return Phase.PREPARING
