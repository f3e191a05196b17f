"""What the reports and `status` add about the machinery: messages that did not leave,
signing jobs that need the organiser's coordinator, and the head of the audit log (so a copy
of the report anchors the log outside the database). Read on plain columns, like the rest of
`status`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from agreements.core.lifecycle import SIGNABLE, values
from agreements.outbox import trouble
from agreements.reporting.tables import (
    AGREEMENT,
    CONTACT,
    LETTERCLAIM,
    ORGANISATION,
    PARTICIPATION,
    SIGNATURE,
    SIGNING_JOB,
)
from agreements.signing import wording


@dataclass(frozen=True)
class Attention:
    """An agreement out for signing whose signing job stopped, or delivered what was refused:
    its organiser's coordinator must act (withdraw it, and send a new one)."""

    agreement_id: int
    orgnr: str
    navn: str
    why: str  # "KIND: detail", as the job records it

    def line(self) -> str:
        return f"agreement #{self.agreement_id} ({self.navn}): {self.why}"

    def linje(self) -> str:
        return f"avtale #{self.agreement_id} ({self.navn}): {wording.attention(self.why)}"


def attention(session: Session, orgnr: str | None = None) -> list[Attention]:
    """The signing jobs that need the organiser's coordinator (of one organisation)."""
    read: Any = session.connection().execute
    query = (sa.select(AGREEMENT.c.id, ORGANISATION.c.orgnr, ORGANISATION.c.navn,
                       SIGNING_JOB.c.attention)
             .select_from(SIGNING_JOB.join(AGREEMENT, AGREEMENT.c.id == SIGNING_JOB.c.agreement_id)
                          .join(PARTICIPATION,
                                PARTICIPATION.c.id == AGREEMENT.c.participation_id)
                          .join(ORGANISATION,
                                ORGANISATION.c.id == PARTICIPATION.c.organisation_id))
             .where(SIGNING_JOB.c.attention.is_not(None),
                    AGREEMENT.c.status.in_(values(SIGNABLE)))
             .order_by(AGREEMENT.c.id))
    if orgnr is not None:
        query = query.where(ORGANISATION.c.orgnr == orgnr)
    return [Attention(aid, o, n, why) for aid, o, n, why in read(query)]


def lines(session: Session) -> list[str]:
    """Markdown lines in bokmål: the outbox's trouble, if any, and the audit head."""
    from agreements.core import audit

    found = trouble.troubles(session)
    out = [f"- Signering som trenger organisators koordinator: {a.linje()}"
           for a in attention(session)]
    if found:
        out.append(f"- Utsendinger som ikke er levert: {trouble.describe(found)} "
                   "(se `avtaleflyt outbox list`)")
        out += [f"  - #{t.id} til {t.recipient}: {t.note}" for t in found[:10]]
    else:
        out.append("- Utsendinger: alt er levert eller i kø")
    top = audit.head(session)
    out.append(f"- Revisjonslogg: hendelse {top[0]}, segl `{top[1]}`" if top
               else "- Revisjonslogg: tom")
    return out


def markdown(session: Session) -> str:
    return "\n".join(["## Drift", "", *lines(session), ""])


def for_organisation(session: Session, orgnr: str) -> list[trouble.Trouble]:
    """The outbox's trouble that concerns one organisation: its agreements' messages, its NHN
    orders, and anything addressed to its contacts."""
    read: Any = session.connection().execute
    org = sa.select(ORGANISATION.c.id).where(ORGANISATION.c.orgnr == orgnr).scalar_subquery()
    parts = sa.select(PARTICIPATION.c.id).where(PARTICIPATION.c.organisation_id == org)
    agreements = [a for (a,) in read(sa.select(AGREEMENT.c.id).where(
        AGREEMENT.c.participation_id.in_(parts)))]
    emails = {e.lower() for (e,) in read(sa.select(CONTACT.c.email).where(
        CONTACT.c.organisation_id == org, CONTACT.c.removed_at.is_(None)))}
    prefixes = (*(f"agreement:{a}:" for a in agreements), f"nhn-order:pjd-{orgnr}-")
    return [t for t in trouble.troubles(session)
            if t.key.startswith(prefixes) or _email_of(t.recipient) in emails]


def leftovers(session: Session, orgnr: str | None = None) -> int:
    """Letters claimed by follow-up runs that died (their lease ran out): what the next run
    sweeps or takes over (`followup.leftovers`); optionally only one organisation's."""
    q: Any = sa.select(sa.func.count()).select_from(LETTERCLAIM).where(
        LETTERCLAIM.c.lease_until < datetime.now(UTC))
    if orgnr is not None:
        q = q.where(LETTERCLAIM.c.signature_id.in_(
            sa.select(SIGNATURE.c.id).join(AGREEMENT, AGREEMENT.c.id == SIGNATURE.c.agreement_id)
            .join(PARTICIPATION, PARTICIPATION.c.id == AGREEMENT.c.participation_id)
            .join(ORGANISATION, ORGANISATION.c.id == PARTICIPATION.c.organisation_id)
            .where(ORGANISATION.c.orgnr == orgnr)))
    return int(session.connection().execute(q).scalar() or 0)


def _email_of(recipient: str) -> str:
    return recipient.rsplit("<", 1)[-1].rstrip(">").strip().lower()
