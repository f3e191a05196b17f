"""Who places an NHN order, and what the order says in their name.

The order is the organisation's: one of its contacts with the authority for it (its
signatory or its PJD lead, the contact roles `signatory` and `coordinator`) places it, and
avtaleflyt prepares it, sends it through the configured channel and tracks it. By e-mail the
order comes From avtaleflyt's address, with Reply-To that person, and is signed by them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import Session

from agreements.contracts.parties import contacts_of
from agreements.core.enums import ContactRole
from agreements.core.models import Document, NhnOrder, Organisation
from agreements.errorcodes import Code
from agreements.errors import Refused
from agreements.outbox import queue
from agreements.outbox.queue import address

if TYPE_CHECKING:
    from agreements.core.ports import Work

AUTHORISED = (ContactRole.SIGNATORY, ContactRole.COORDINATOR)


@dataclass(frozen=True)
class Orderer:
    name: str
    email: str
    title: str | None

    def header(self) -> str:
        return address(self.name, self.email)

    def line(self) -> str:
        """As the order document names them: name, title, address."""
        return ", ".join(part for part in (self.name, self.title, self.email) if part)

    def as_json(self) -> dict[str, str | None]:
        return {"name": self.name, "email": self.email, "title": self.title}


def orderer(session: Session, org: Organisation, email: str) -> Orderer:
    """The contact of `org` with address `email` who may place its order; refused otherwise."""
    wanted = email.strip().lower()
    for contact in contacts_of(session, org):
        if contact.email.lower() == wanted and contact.role in AUTHORISED:
            return Orderer(contact.name, contact.email, contact.title)
    raise Refused(Code.ORDERER_NOT_AUTHORISED, person=email, organisation=org.navn)


def roles_in_words(roles: list[str]) -> str:
    return " og ".join(roles)


def mail(navn: str, orgnr: str, roles: list[str], reference: str,
         by: Orderer) -> tuple[str, str]:
    """The order's subject and body, in the orderer's name."""
    subject = (f"Bestilling av Pasientens journaldokumenter – {navn} ({orgnr}), "
               f"ref. {reference}")
    signed = "\n".join(line for line in (by.name, by.title, navn) if line)
    body = (f"Hei,\n\n{navn} (org.nr. {orgnr}) bestiller Pasientens journaldokumenter som "
            f"{roles_in_words(roles)}. Bestillingen og opplysningene dere trenger ligger "
            "vedlagt (dokument og JSON).\n\nVi ber om lenke for signering av bruksvilkårene, "
            "og om bekreftelse med deres referanse. Svar på denne e-posten går til meg "
            f"({by.email}).\n\nReferanse: {reference}\n\nVennlig hilsen\n{signed}\n\n"
            "(Sendt gjennom avtaleflyt, som følger opp bestillingen.)\n")
    return subject, body


def queue_order(work: Work, session: Session, order: NhnOrder, by: Orderer,
                who: tuple[str, str, list[str]], attached: list[Document]) -> str:
    """Queue the order on the configured channel; `who` is the organisation's name, orgnr
    and the roles it orders for. Returns the outbox key."""
    key = f"nhn-order:{order.idempotency_key}"
    if work.settings.nhn_channel == "http":
        message = queue.Mail(key, work.settings.nhn_url or "",
                             f"Bestilling {order.idempotency_key}", order.payload)
        queue.enqueue(work, session, message, channel="nhn_http")
        return key
    subject, body = mail(*who, order.idempotency_key, by)
    queue.enqueue(work, session, queue.Mail(key, work.settings.nhn_email or "", subject, body,
                                           [d.id or 0 for d in attached],
                                           reply_to=by.header()),
                  channel="nhn_email")
    return key
