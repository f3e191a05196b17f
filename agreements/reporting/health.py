"""What the reports add about the machinery: messages that did not leave, and the head of the
audit log (so a copy of the report anchors the log outside the database)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from agreements.core import audit
from agreements.core.models import Agreement, Contact, Organisation, Participation
from agreements.outbox import queue


def lines(session: Session) -> list[str]:
    """Markdown lines in bokmål: the outbox's trouble, if any, and the audit head."""
    found = queue.troubles(session)
    out = []
    if found:
        out.append(f"- Utsendinger som ikke er levert: {queue.describe(found)} "
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


def for_organisation(session: Session, organisation: Organisation) -> list[queue.Trouble]:
    """The outbox's trouble that concerns one organisation: its agreements' messages, its NHN
    orders, and anything addressed to its contacts."""
    pids = [p for p in session.exec(select(Participation.id).where(
        Participation.organisation_id == organisation.id))]
    agreements = [a for a in session.exec(select(Agreement.id).where(
        col(Agreement.participation_id).in_(pids)))]
    emails = {c.lower() for c in session.exec(select(Contact.email).where(
        Contact.organisation_id == organisation.id))}
    prefixes = (*(f"agreement:{a}:" for a in agreements), f"nhn-order:pjd-{organisation.orgnr}-")
    return [t for t in queue.troubles(session)
            if t.key.startswith(prefixes) or _email_of(t.recipient) in emails]


def _email_of(recipient: str) -> str:
    return recipient.rsplit("<", 1)[-1].rstrip(">").strip().lower()
