"""Onboarding one organisation or many: register, create and send the agreement for a kilde
(an avtalespesialist's once its RHF has confirmed it is the organiser); the NHN order is the
organisation's own and is left to its signatory or PJD lead. Each step is idempotent, so a
re-run continues where the last one stopped. The steps take and return plain ids, for the
flows to pass around.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from sqlmodel import select

from agreements.contracts import drafts, regenerate, sending
from agreements.core.enums import AgreementStatus, Role
from agreements.core.models import Agreement, Organisation, Participation
from agreements.errorcodes import Code
from agreements.errors import AvtaleflytError, MissingSignatory
from agreements.onboarding.csvfile import Row
from agreements.outbox.delivery import Delivers
from agreements.registry.lookup import Registers
from agreements.registry.register import register
from agreements.signing.provider import Signs

if TYPE_CHECKING:
    from agreements.documents.pdf import Converts


class Onboards(Registers, Signs, Delivers, Protocol):
    """What onboarding uses: Enhetsregisteret, the documents and the signing provider for
    the drafts it makes and sends, and the outbox's channels."""


@dataclass
class Outcome:
    line: int
    orgnr: str
    navn: str = ""
    kilde_participation: int | None = None
    konsument_participation: int | None = None
    steps: list[str] = field(default_factory=list)
    error: str | None = None
    failure: AvtaleflytError | None = None  # why it could not be registered (its code)
    mail_keys: list[str] = field(default_factory=list)  # key prefixes of what it queued
    undelivered: str | None = None  # why its messages have not left yet, once delivered

    @property
    def ok(self) -> bool:
        """Done, and every message it queued has left."""
        return self.error is None and self.undelivered is None

    def as_dict(self) -> dict[str, object]:
        said = self.error or "; ".join(self.steps) or "registered"
        if self.error is None and self.undelivered:
            said += f"; e-mail not delivered yet ({self.undelivered})"
        return {"line": self.line, "orgnr": self.orgnr, "navn": self.navn, "outcome": said,
                "ok": self.ok, "waiting": self.error is None and self.undelivered is not None}


def register_rows(work: Registers, rows: Sequence[Row]) -> list[Outcome]:
    """Register each row in its own transaction; a failing row is reported, the rest go on."""
    outcomes = []
    for row in rows:
        out = Outcome(row.line, row.registration.orgnr)
        try:
            result = register(work, row.registration)
        except AvtaleflytError as exc:
            out.error, out.failure = str(exc), exc
            outcomes.append(out)
            continue
        out.orgnr = result.orgnr
        with work.transaction() as session:
            for pid in result.participation_ids:
                p = session.get(Participation, pid)
                assert p is not None
                org = session.get(Organisation, p.organisation_id)
                out.navn = org.navn if org else ""
                if p.role == Role.KILDE:
                    out.kilde_participation = pid
                else:
                    out.konsument_participation = pid
        out.steps.append("registered" if result.created else "already registered")
        outcomes.append(out)
    return outcomes


def create_agreements(work: Converts, outcomes: Sequence[Outcome]) -> dict[int, int]:
    """One agreement per kilde (one LibreOffice run for all); participation → agreement id."""
    pids = [o.kilde_participation for o in outcomes if o.kilde_participation and not o.error]
    try:
        created = dict(zip(pids, drafts.create_agreements(work, pids), strict=True))
    except AvtaleflytError as exc:  # e.g. a template that does not render: say so per row
        for o in outcomes:
            if o.kilde_participation in pids:
                o.error = f"registered, but the agreement was not created: {exc}"
        return {}
    for o in outcomes:
        if (c := created.get(o.kilde_participation or 0)) is not None:
            o.steps.append(f"agreement #{c.agreement_id} " + ("created" if c.created else "exists"))
            o.mail_keys.append(f"agreement:{c.agreement_id}:")
    return {pid: c.agreement_id for pid, c in created.items()}


def send_drafts(work: Signs, outcomes: Sequence[Outcome], agreements: dict[int, int]) -> None:
    """Send every draft whose parties have signatories; say what is missing for the others."""
    for o in outcomes:
        aid = agreements.get(o.kilde_participation or 0)
        if aid is None:
            continue
        with work.transaction() as session:
            status = session.exec(select(Agreement.status).where(Agreement.id == aid)).one()
        if status != AgreementStatus.DRAFT:
            o.steps.append(f"agreement {status}")
            continue
        try:
            current = regenerate.refresh(work, aid)
            sending.send(work, current.agreement_id)
            if current.replaced:
                o.mail_keys.append(f"agreement:{current.agreement_id}:")
            o.steps.append("sent for signing" if not current.replaced else
                           f"generated again as #{current.agreement_id} and sent for signing")
        except MissingSignatory as exc:
            o.steps.append(f"waiting for a signatory at {' and '.join(exc.sides)}")
        except AvtaleflytError as exc:
            o.steps.append(f"waiting for {exc.params['organiser']} to confirm it is the "
                           "organiser" if exc.code == Code.ORGANISER_NOT_CONFIRMED
                           else f"not sent: {exc}")


def note_orders(outcomes: Sequence[Outcome]) -> None:
    """The NHN order is the organisation's own: onboarding places none, it says who does."""
    for o in outcomes:
        if o.konsument_participation and not o.error:
            o.steps.append("NHN order: to be placed by its signatory or PJD lead")
