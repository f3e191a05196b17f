"""The reminder letters of a day's reminders: claimed and read in one transaction, rendered and
converted (one converter run for all of them) with no transaction open, stored in a second one.

A run claims each reminder's letter before it renders it (`LetterClaim`, under a lease), so
two runs at once render every letter once and each sends only the reminders it claimed. A
claim whose lease ran out belonged to a run that died: it is taken over, with the letter that
run stored if any (`followup.leftovers` sweeps what it left that nobody will send).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import update
from sqlmodel import Session, col

from agreements.contracts.drafts import number_of
from agreements.contracts.parties import Parties, parties_of, return_address
from agreements.core.db import insert_ignoring_conflict
from agreements.core.models import Agreement, Contact, LetterClaim, Signature
from agreements.documents import pdf, render
from agreements.documents.contexts import Person, reminder_context
from agreements.followup.actions import Remind
from agreements.outbox import queue
from agreements.outbox.delivery import real_now

if TYPE_CHECKING:
    from agreements.core.ports import Work
    from agreements.documents.pdf import Converts

TEMPLATE = "paaminnelse.docx"
LEASE = timedelta(minutes=30)  # a day's letters render in well under this (357 PDFs: ~25 s)


@dataclass
class Letters:
    """What `reminder_letters` did: the letters by signature id, and the reminders (keys) this
    run claimed; a reminder another run claimed is that run's to send."""

    documents: dict[int, int] = field(default_factory=dict)
    mine: set[str] = field(default_factory=set)
    error: Exception | None = None  # rendering failed: the claimed reminders go without


def signature_context(session: Session, signature_id: int) -> tuple[Signature, Agreement,
                                                                     Parties, Contact]:
    sig = session.get(Signature, signature_id)
    assert sig is not None
    agreement = session.get(Agreement, sig.agreement_id)
    contact = session.get(Contact, sig.contact_id)
    assert agreement is not None and contact is not None
    return sig, agreement, parties_of(session, agreement.participation_id), contact


def _context(work: Work, session: Session, action: Remind) -> dict[str, Any]:
    sig, agreement, p, contact = signature_context(session, action.signature_id)
    assert agreement.sent_at and agreement.signing_deadline
    return reminder_context(
        nummer=number_of(p, agreement), virksomhet=p.party(p.org),
        organisator=p.party(p.organiser),
        mottaker=Person(contact.name, contact.email, contact.role,
                        p.sides[sig.position - 1].navn),
        dato=work.clock.today(), sendt=agreement.sent_at,
        signeringsfrist=agreement.signing_deadline, paaminnelse_nr=action.reminder,
        koordinator=return_address(session, p.organiser, work.settings.mail_from))


def _claim(session: Session, action: Remind, holder: str, now: datetime
           ) -> tuple[bool, int | None]:
    """Claim the reminder's letter: (False, None) when another run holds it (or it was
    sent); else (True, the letter a run that died stored already, if any)."""
    key = action.key or ""
    if queue.exists(session, key):
        return False, None
    until = now + LEASE
    if insert_ignoring_conflict(session, LetterClaim, ["key"], key=key, holder=holder,
                                signature_id=action.signature_id, lease_until=until):
        return True, None
    taken = session.execute(update(LetterClaim).where(
        col(LetterClaim.key) == key,
        (col(LetterClaim.lease_until) < now) | (col(LetterClaim.holder) == holder),
    ).values(holder=holder, lease_until=until))
    if not taken.rowcount:  # type: ignore[attr-defined]
        return False, None
    claim = session.get(LetterClaim, key)
    return True, claim.document_id if claim else None


def reminder_letters(work: Converts, reminders: Sequence[Remind], holder: str) -> Letters:
    """Claim the reminders not sent yet, then make the letters of those claimed."""
    done = Letters()
    with work.transaction() as session:
        todo = []
        for action in reminders:
            claimed, letter = _claim(session, action, holder, real_now())
            if not claimed:
                continue
            done.mine.add(action.key or "")
            if letter is None:
                todo.append((action, _context(work, session, action)))
            else:
                done.documents[action.signature_id] = letter
    if not todo:
        return done
    try:
        renderer = render.renderer(work.settings.templates_dir)
        docx = [renderer.render(TEMPLATE, ctx) for _, ctx in todo]
        pdfs = pdf.convert(work.converter(), docx)
        stored: dict[int, int] = {}
        with work.transaction() as session:
            for i, (action, _) in enumerate(todo):
                data, ext = (pdfs[i], "pdf") if pdfs else (docx[i], "docx")
                doc = work.documents.put(session, kind="reminder", folder="reminders",
                                         name=f"paaminnelse-{action.signature_id}-{action.reminder}"
                                         f".{ext}", data=data, template=TEMPLATE,
                                         template_sha256=renderer.template(TEMPLATE).sha256)
                stored[action.signature_id] = doc.id or 0
                session.execute(update(LetterClaim).where(
                    col(LetterClaim.key) == action.key).values(document_id=doc.id))
        done.documents.update(stored)
    except Exception as exc:  # the reminders this run claimed then go without their letter
        done.error = exc
    return done


def release(session: Session, key: str, *, sent: bool) -> None:
    """The reminder's claim, once it is queued (`sent`: gone), or moved on before it was
    (ended now, so the next run sweeps the letter no message carries)."""
    claim = session.get(LetterClaim, key)
    if claim is None:
        return
    if sent:
        session.delete(claim)
    else:
        claim.lease_until = real_now() - timedelta(seconds=1)
