"""Starting signing: a draft goes out with one signature per party in signing order (the
organisation, then the organiser). With the manual provider the first signer is asked by
e-mail with the PDF attached; with a remote provider (Posten signering) one signature job is
created there, which asks the signers itself (`creating`: at most once, several at a time).

What becomes of a job afterwards (cancelled, closed) is `esigning`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlmodel import Session

from agreements import links, messages
from agreements.contracts import creating, term_text
from agreements.contracts.copies import latest_copy
from agreements.contracts.drafts import (
    annex_to,
    get_agreement,
    number_of,
    open_sections,
    renewal_note,
    require_settled,
    sent_documents,
)
from agreements.contracts.organiser import require_confirmed
from agreements.contracts.parties import (
    Parties,
    parties_of,
    return_address,
    sender,
)
from agreements.contracts.starting import deadline, signatures, signers, start_many
from agreements.core.calendar import norsk_dato
from agreements.core.db import locked
from agreements.core.models import Agreement, Contact, Signature
from agreements.outbox import queue

if TYPE_CHECKING:
    from agreements.core.ports import Work
    from agreements.signing.provider import Signs


def send(work: Signs, agreement_id: int) -> list[str]:
    """Send a draft for signing through the configured provider. Returns the mail keys it
    queued."""
    provider = work.signing_provider()
    if provider.remote:
        creating.create(work, agreement_id, provider)
        return []
    with work.transaction() as session:
        return send_in(work, session, agreement_id, provider.name)


def send_in(work: Work, session: Session, agreement_id: int, provider: str) -> list[str]:
    """Sending by e-mail (a provider that is not remote) in the caller's transaction."""
    return send_all_in(work, session, [agreement_id], provider)


def send_all_in(work: Work, session: Session, agreement_ids: Sequence[int],
                provider: str) -> list[str]:
    """`send_in` for several drafts (a batch's): each checked, then all started at once (their
    signatures in one flush), then each first signer asked. Returns the mail keys queued."""
    ready = []
    for agreement_id in agreement_ids:
        agreement = (locked(session, Agreement, agreement_id)
                     or get_agreement(session, agreement_id))
        require_settled(work, agreement)
        p = parties_of(session, agreement.participation_id)
        require_confirmed(p)
        ready.append((agreement, p, signers(session, agreement, p)))
    started = start_many(work, session, [(a, people) for a, _, people in ready], deadline(work),
                         provider=provider)
    return [ask_to_sign(work, session, agreement, p, every[0], every)
            for (agreement, p, _), every in zip(ready, started, strict=True)]


def ask_to_sign(work: Work, session: Session, agreement: Agreement, p: Parties,
                signature: Signature, every: Sequence[Signature] | None = None) -> str:
    """Queue the request to sign for `signature`'s signer; returns its outbox key. `every`:
    the agreement's signatures, when the caller has just made them (else they are read)."""
    contact = session.get(Contact, signature.contact_id)
    assert contact is not None and agreement.signing_deadline is not None
    later = [s for s in (every if every is not None else signatures(session, agreement.id or 0))
             if s.position > signature.position]
    signed = latest_copy(session, signature)
    attached = [signed[0]] if signed else sent_documents(session, agreement)
    back = return_address(session, p.organiser, work.settings.mail_from)
    subject, body = term_text.as_renewal(messages.signature_request(
        navn=contact.name, part=p.sides[signature.position - 1].navn,
        nummer=number_of(p, agreement), virksomhet=p.org.navn, organisator=p.organiser.navn,
        frist=norsk_dato(agreement.signing_deadline), returner_til=back,
        neste=p.organiser.navn if later else None,
        vedlegg=attached[0].path.rsplit("/", 1)[-1] if attached else "-",
        lenke=links.agreement(work.settings, agreement.id or 0),
        fra=sender(session, p.organiser), signert_av=signed[1] if signed else None,
        utkast=open_sections(agreement), vedlegg_til=annex_to(session, p, agreement)),
        renewal_note(session, p, agreement))
    key = f"agreement:{agreement.id}:signature:{signature.id}:request"
    queue.mail_to(work, session, key, contact, (subject, body), [d.id or 0 for d in attached],
                  reply_to=back)
    return key
