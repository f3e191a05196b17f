"""The reminder letters of a day's reminders: read in one transaction, rendered and converted
(one converter run for all of them) with no transaction open, stored in a second one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from agreements.contracts.drafts import number_of
from agreements.contracts.parties import Parties, parties_of, return_address
from agreements.core.models import Agreement, Contact, Signature
from agreements.documents import pdf, render
from agreements.documents.contexts import Person, reminder_context
from agreements.followup.actions import Remind
from agreements.outbox import queue

if TYPE_CHECKING:
    from agreements.core.ports import Work
    from agreements.documents.pdf import Converts

TEMPLATE = "paaminnelse.docx"


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


def reminder_letters(work: Converts, reminders: Sequence[Remind]) -> dict[int, int]:
    """Letters for the reminders not sent yet: signature id → stored letter's document id."""
    with work.transaction() as session:
        todo = [(a, _context(work, session, a)) for a in reminders
                if not queue.exists(session, a.key or "")]
    if not todo:
        return {}
    renderer = render.renderer(work.settings.templates_dir)
    docx = [renderer.render(TEMPLATE, ctx) for _, ctx in todo]
    pdfs = pdf.convert(work.converter(), docx)
    letters = {}
    with work.transaction() as session:
        for i, (action, _) in enumerate(todo):
            data, ext = (pdfs[i], "pdf") if pdfs else (docx[i], "docx")
            doc = work.documents.put(session, kind="reminder", folder="reminders",
                                     name=f"paaminnelse-{action.signature_id}-{action.reminder}.{ext}",
                                     data=data, template=TEMPLATE,
                                     template_sha256=renderer.template(TEMPLATE).sha256)
            letters[action.signature_id] = doc.id or 0
    return letters
