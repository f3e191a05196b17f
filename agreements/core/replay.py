"""Replaying the audit log against the tables: every state the tables hold must be implied by
the events, so a status changed in the database without an event is found.

Covered: each agreement's status, each signature recorded as signed, each signing job that
needs the organiser's coordinator (`signing.attention`), each NHN order's status and
bruksvilkår, each participation's collaboration area (registered, then moved by
`route-organisation`), its organiser's confirmation and go-live date, each organisation
registered. An event named
`agreement.<status>` sets that status, so a new way to change an agreement (a draft
superseded when it is generated again, a decline, withdrawal or lapse reported by the
signing service) needs no change here as long as it records its event under that name.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlmodel import Session, col, select

from agreements.core.enums import AgreementStatus as A
from agreements.core.enums import Kind, OrderStatus, SignatureStatus, TermsStatus
from agreements.core.models import (
    Agreement,
    AuditEvent,
    CollaborationArea,
    NhnOrder,
    Organisation,
    Participation,
    Signature,
    SigningJob,
)

_AGREEMENT = {"agreement.created": A.DRAFT, "agreement.sent": A.SENT,
              "agreement.signed_by": A.PARTIALLY_SIGNED, "agreement.completed": A.SIGNED,
              **{f"agreement.{s.value}": s for s in A}}
_ORDER = {f"nhn.order_{s.value}": s for s in OrderStatus}
_TERMS = {f"nhn.terms_{s.value}": s for s in TermsStatus}


class _Implied:
    """The state the events imply, built by reading them in order."""

    def __init__(self, participations: dict[tuple[str, str], int]) -> None:
        self.participations = participations  # (orgnr, role) → participation id
        self.agreements: dict[int, str] = {}
        self.signed: set[tuple[int, int]] = set()
        self.attention: dict[int, str] = {}  # agreement id → why its signing job stopped
        self.orders: dict[int, str] = {}
        self.terms: dict[int, str] = {}
        self.live: dict[tuple[str, str], str] = {}
        self.areas: dict[tuple[str, str], str | None] = {}  # (orgnr, role) → area key
        self.registered: set[str] = set()
        self.confirmed: set[tuple[str, str]] = set()  # organisers confirmed by the RHF

    def read(self, e: AuditEvent) -> None:
        kind, _, ident = e.subject.partition(":")
        data: dict[str, Any] = json.loads(e.data) if e.data.startswith("{") else {}
        if kind == "agreement" and e.action in _AGREEMENT and ident.isdigit():
            self._agreement(int(ident), e.action, data)
        elif kind == "agreement" and e.action == "signing.attention" and ident.isdigit():
            self.attention[int(ident)] = str(data.get("why"))
        elif kind == "participation" and ident.isdigit():
            if e.action in _ORDER:
                self.orders[int(ident)] = _ORDER[e.action]
            elif e.action in _TERMS:
                self.terms[int(ident)] = _TERMS[e.action]
        elif kind == "org":
            if e.action == "organisation.registered":
                self.registered.add(ident)
            elif e.action == "participation.registered":
                self.areas[(ident, str(data.get("role")))] = data.get("area")
            elif e.action == "participation.rerouted":
                self.areas[(ident, "kilde")] = data.get("to")
                self.confirmed.discard((ident, "kilde"))  # the new RHF's is a proposal
            elif e.action == "participation.organiser_confirmed":
                self.confirmed.add((ident, str(data.get("role"))))
            elif e.action == "participation.live":
                self.live[(ident, str(data.get("role")))] = str(data.get("live_on"))
            elif e.action == "nhn.order_prepared":
                pid = self.participations.get((ident, str(data.get("role"))))
                if pid is not None:
                    self.orders[pid] = OrderStatus.PREPARED

    def _agreement(self, aid: int, action: str, data: dict[str, Any]) -> None:
        if action == "agreement.completed" and self.agreements.get(aid) == A.ACTIVE:
            return  # completing records `active` first when it takes effect at once
        self.agreements[aid] = _AGREEMENT[action]
        if action == "agreement.signed_by" and isinstance(data.get("position"), int):
            self.signed.add((aid, data["position"]))
        old = data.get("supersedes") if action == "agreement.active" else None
        if isinstance(old, int) and self.agreements.get(old) == A.ACTIVE:
            self.agreements[old] = A.SUPERSEDED


def check(session: Session, limit: int = 20) -> list[str]:
    """Where the tables and the events disagree (at most `limit` findings)."""
    implied = _Implied(_participation_keys(session))
    for event in session.exec(select(AuditEvent).order_by(col(AuditEvent.seq))):
        implied.read(event)
    problems = _agreements(session, implied) + _orders(session, implied)
    problems += _participations(session, implied)
    return problems[:limit]


def _agreements(session: Session, implied: _Implied) -> list[str]:
    found = []
    rows = {a.id: a for a in session.exec(select(Agreement).order_by(col(Agreement.id)))}
    for aid, a in rows.items():
        said = implied.agreements.get(aid or 0)
        if said is None:
            found.append(f"agreement #{aid} is {a.status} but no event records it")
        elif said != a.status:
            found.append(f"agreement #{aid} is {a.status} in the table, but its events say "
                         f"{said}")
    found += [f"agreement #{aid} has events but no row" for aid in implied.agreements
              if aid not in rows]
    for job in session.exec(select(SigningJob).where(col(SigningJob.attention).is_not(None))):
        if implied.attention.get(job.agreement_id) != job.attention:
            found.append(f"the signing job of agreement #{job.agreement_id} needs attention "
                         f"({job.attention}) but no event records it")
    for s in session.exec(select(Signature).where(
            Signature.status == SignatureStatus.SIGNED.value)):
        if (s.agreement_id, s.position) not in implied.signed:
            found.append(f"signature {s.position} of agreement #{s.agreement_id} is signed "
                         "but no event records it")
    return found


def _orders(session: Session, implied: _Implied) -> list[str]:
    found = []
    for o in session.exec(select(NhnOrder).order_by(col(NhnOrder.id))):
        said = implied.orders.get(o.participation_id)
        if said != o.status:
            found.append(f"the NHN order of participation {o.participation_id} is {o.status} "
                         f"in the table, but its events say {said or 'nothing'}")
        said_terms = implied.terms.get(o.participation_id, TermsStatus.AWAITING_LINK)
        if said_terms != o.terms_status:
            found.append(f"the bruksvilkår of participation {o.participation_id} are "
                         f"{o.terms_status} in the table, but its events say {said_terms}")
    return found


def _participations(session: Session, implied: _Implied) -> list[str]:
    found = []
    lives: dict[tuple[str, str], str] = defaultdict(str)
    for p, orgnr, area in session.exec(
            select(Participation, Organisation.orgnr, CollaborationArea.key)
            .join(Organisation, col(Organisation.id) == Participation.organisation_id)
            .outerjoin(CollaborationArea, col(CollaborationArea.id) == Participation.area_id)):
        if p.live_on is not None:
            lives[(orgnr, p.role)] = p.live_on.isoformat()
        if (p.organiser_confirmed_at is not None) != ((orgnr, p.role) in implied.confirmed):
            found.append(f"{orgnr} as {p.role}: the organiser is "
                         f"{'confirmed' if p.organiser_confirmed_at else 'not confirmed'} in "
                         "the table, but its events say otherwise")
        said = implied.areas.get((orgnr, p.role), "?")
        if said != "?" and said != area:
            found.append(f"{orgnr} as {p.role} belongs to {area or 'no area'} in the table, "
                         f"but its events say {said or 'no area'}")
    for key in sorted(set(lives) | set(implied.live)):
        if lives.get(key, "") != implied.live.get(key, ""):
            found.append(f"{key[0]} as {key[1]} is live since {lives.get(key) or 'never'} in "
                         f"the table, but its events say {implied.live.get(key) or 'never'}")
    organisers = (Kind.ORGANISATOR.value, Kind.TJENESTELEVERANDOR.value)  # reference data
    for orgnr, kind in session.exec(select(Organisation.orgnr, Organisation.kind)):
        if kind not in organisers and orgnr not in implied.registered:
            found.append(f"organisation {orgnr} is in the table but no event registered it")
    return found


def _participation_keys(session: Session) -> dict[tuple[str, str], int]:
    return {(orgnr, p.role): p.id or 0 for p, orgnr in session.exec(
        select(Participation, Organisation.orgnr).join(
            Organisation, col(Organisation.id) == Participation.organisation_id))}
