"""The go-live gates and the onboarding phase, derived (never stored) from the other lifecycles.

Pure: a Snapshot in, gates and phase out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from agreements import reference
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
    # The sections the agreement's template left to be settled (a draft), and whether drafts
    # are allowed here (a demo, a test): only then does a signed draft count.
    agreement_open: tuple[str, ...] = field(default_factory=tuple)
    drafts_allowed: bool = False
    # The annex of document types (Vedlegg 1) of the agreement that counts: its status (None:
    # none made), and whether it states the types the forhåndsvurdering chose.
    annex: str | None = None
    annex_matches: bool = False
    # Done items whose process requires the organiser's review, not accepted yet (titles).
    unreviewed: tuple[str, ...] = field(default_factory=tuple)


class Gate(NamedTuple):
    """An open gate: `what` is agreement, settled, annex, order, terms or checklist; `state`
    where it stands (None: not begun; for the annex also `outdated`: signed, but stating other
    types than the forhåndsvurdering), the sections left open, or the checklist item's
    title. Its str is the domain's English."""

    what: str
    state: str | None = None

    def __str__(self) -> str:
        if self.what == "agreement":
            return "agreement with the organiser signed" + (
                f" (agreement is {self.state})" if self.state else " (no agreement yet)")
        if self.what == "settled":
            return ("agreement signed as a final text (it was signed as a draft, with passages "
                    f"to be settled under {self.state})")
        if self.what == "annex":
            return "annex of document types (Vedlegg 1) signed" + (
                " (no annex yet)" if self.state is None else
                " (the signed annex states other types than the forhåndsvurdering)"
                if self.state == OUTDATED else f" (annex is {self.state})")
        if self.what == "review":
            return f"the organiser's review accepted: {self.state}"
        if self.what == "order":
            return "NHN order confirmed" + (
                f" (order is {self.state})" if self.state else " (not ordered yet)")
        if self.what == "terms":
            return "NHN bruksvilkår signed" + (f" ({self.state})" if self.state else "")
        return f"checklist: {self.state}"


OUTDATED = "outdated"


def annex_state(s: Snapshot) -> str | None:
    """Where the annex gate stands: `signed` when closed, else the annex's status, None
    (none made) or OUTDATED."""
    if s.annex in IN_FORCE:
        return "signed" if s.annex_matches else OUTDATED
    return s.annex


def unreviewed(items: Iterable[Any], role: Role) -> tuple[str, ...]:
    """The titles of done items (rows with `process_key`, `occurrence`, `status`,
    `review_status`) whose process requires review and that the organiser has not accepted.
    A konsument has no organiser to review them."""
    if role is not Role.KILDE:
        return ()
    needs = {p.key: p.title for p in reference.processes() if p.review and p.mandatory}
    return tuple(needs[i.process_key] for i in items
                 if i.process_key in needs and i.occurrence == "" and i.status == "done"
                 and i.review_status != "accepted")


def sections_of(recorded: str | None) -> tuple[str, ...]:
    """The open sections as an agreement row records them (`Agreement.open_passages`, JSON)."""
    return tuple(json.loads(recorded)) if recorded else ()


def gates(s: Snapshot) -> list[Gate]:
    """Every gate still open before go-live, in the order they are usually closed (the
    checklist's last). A kilde's documents are shared only once both parties have signed the
    annex stating the types its forhåndsvurdering chose (the agreement's § 5)."""
    open_gates = []
    if s.role is Role.KILDE and s.agreement not in IN_FORCE:
        open_gates.append(Gate("agreement", s.agreement))
    elif s.role is Role.KILDE and s.agreement_open and not s.drafts_allowed:
        open_gates.append(Gate("settled", "; ".join(s.agreement_open)))
    # Once live, a new agreement brings it back «I drift» (no second go-live): no annex gate.
    if s.role is Role.KILDE and not s.live_on and (annex := annex_state(s)) != "signed":
        open_gates.append(Gate("annex", annex))
    if s.order != OrderStatus.CONFIRMED:
        open_gates.append(Gate("order", s.order))
    if s.terms != TermsStatus.SIGNED:
        open_gates.append(Gate("terms", s.terms))
    open_gates.extend(Gate("checklist", title) for title in s.open_mandatory)
    open_gates.extend(Gate("review", title) for title in s.unreviewed)
    return open_gates


def phase(s: Snapshot) -> Phase:
    if s.live_on:
        if s.role is Role.KILDE and s.agreement not in IN_FORCE:  # never live without one
            return Phase.TERMINATED if s.agreement == "terminated" else Phase.EXPIRED
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
