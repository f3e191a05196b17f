"""What each follow-up action does: one transaction each, under the locks of what it changes,
queuing its messages under the keys the planner gave them.

The plan was made from a snapshot, and a run renders letters for a while before it applies:
each action looks again at what it is about, in its own transaction, and does nothing when
that has moved on (a signature recorded, an item handed in, an order confirmed meanwhile)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlmodel import Session

from agreements import links, messages, reference
from agreements.contracts import drafts, ending, esigning
from agreements.contracts.drafts import number_of
from agreements.contracts.parties import (
    Parties,
    coordinators,
    parties_of,
    return_address,
    sender,
)
from agreements.contracts.term_text import as_renewal
from agreements.core import audit
from agreements.core.calendar import norsk_dato
from agreements.core.db import locked
from agreements.core.enums import Role
from agreements.core.enums import SignatureStatus as S
from agreements.core.lifecycle import OUT_FOR_SIGNING
from agreements.core.models import (
    Agreement,
    Contact,
    Organisation,
    Participation,
    Signature,
)
from agreements.followup import term
from agreements.followup.actions import (
    Action,
    Activate,
    Escalate,
    Expire,
    ExpiryWarning,
    Lapse,
    OpenOccurrence,
    Remind,
    RenewalDraft,
)
from agreements.followup.letters import release, signature_context
from agreements.outbox import queue
from agreements.readiness import checklist

if TYPE_CHECKING:
    from agreements.core.ports import Work
    from agreements.signing.provider import Signs


def apply(work: Signs, action: Action, letters: dict[int, int]) -> bool:
    """Carry out one action (`letters`: the day's reminder letters by signature id); False
    when nothing was done: what it is about has moved on since the plan was made, or another
    run did it meanwhile (each looks again under its lock, and a message's key is queued
    once), so a run reports only what it did itself."""
    match action:
        case Remind():
            return remind(work, action, letters)
        case Escalate():
            return escalate(work, action)
        case ExpiryWarning():
            return term.expiry_warning(work, action)
        case Lapse():
            return bool(ending.lapse(work, action.agreement_id))
        case RenewalDraft():
            return term.renewal_draft(work, action)
        case Expire():
            return term.expire(work, action)
        case Activate():
            return term.activate(work, action)
        case OpenOccurrence():
            return open_occurrence(work, action)
        case _:
            raise TypeError(f"no way to apply {action!r}")


def _still_awaited(session: Session, sig: Signature, agreement: Agreement) -> bool:
    """The signature is still asked for (re-read under the agreement's lock)."""
    locked(session, Agreement, agreement.id or 0)
    session.refresh(agreement)
    session.refresh(sig)
    return sig.status == S.PENDING and agreement.status in OUT_FOR_SIGNING


def remind(work: Work, action: Remind, letters: dict[int, int]) -> bool:
    with work.transaction() as session:
        sig, agreement, p, contact = signature_context(session, action.signature_id)
        assert action.key and agreement.signing_deadline
        if not _still_awaited(session, sig, agreement):
            release(session, action.key, sent=False)
            return False
        attached = [letters[sig.id or 0]] if sig.id in letters else []
        attached += [d.id or 0 for d in drafts.sent_documents(session, agreement)]
        back = return_address(session, p.organiser, work.settings.mail_from)
        queued = queue.mail_to(work, session, action.key, contact, as_renewal(messages.reminder(
            navn=contact.name, nummer=number_of(p, agreement), nr=action.reminder,
            frist=norsk_dato(agreement.signing_deadline), returner_til=back,
            lenke=links.agreement(work.settings, agreement.id or 0),
            fra=sender(session, p.organiser)), drafts.renewal_note(session, p, agreement)),
            attached, back)
        release(session, action.key, sent=True)
    return queued


def escalate(work: Work, action: Escalate) -> bool:
    with work.transaction() as session:
        sig, agreement, p, contact = signature_context(session, action.signature_id)
        assert action.key and agreement.signing_deadline
        if not _still_awaited(session, sig, agreement):
            return False
        reminded = queue.created_with_prefix(session, f"followup:remind:signature:{sig.id}:")
        posten = esigning.job_of(session, agreement.id or 0) is not None
        recipients = _organiser_contacts(session, p)
        note = drafts.renewal_note(session, p, agreement)
        queued = [queue.mail_to(work, session, f"{action.key}:{to.email}", to, as_renewal(
            messages.escalation(
                navn=to.name, nummer=number_of(p, agreement), venter_paa=contact.name,
                part=p.sides[sig.position - 1].navn, paaminnelser=len(reminded),
                siste=norsk_dato(max(reminded)) if reminded else None,
                frist=norsk_dato(agreement.signing_deadline), fra=None, posten=posten), note))
            for to in recipients]
    return any(queued) or not recipients


def _organiser_contacts(session: Session, p: Parties) -> list[Contact]:
    return coordinators(session, p.organiser)


def _from(session: Session, participation: Participation) -> messages.Avsender | None:
    """A kilde's messages are signed by its organiser; a konsument has none."""
    if participation.role != Role.KILDE or participation.area_id is None:
        return None
    return sender(session, parties_of(session, participation.id or 0).organiser)


def _own_contacts(session: Session, participation: Participation) -> list[Contact]:
    org = session.get(Organisation, participation.organisation_id)
    assert org is not None
    return coordinators(session, org)


def open_occurrence(work: Work, action: OpenOccurrence) -> bool:
    assert action.process and action.day
    with work.transaction() as session:
        participation = locked(session, Participation, action.participation_id)
        assert participation is not None
        item = checklist.open_occurrence(session, participation,
                                         reference.process(action.process), action.day)
        if item:
            audit.record(session, actor=work.actor, action="checklist.occurrence_opened",
                         subject=f"participation:{participation.id}",
                         data={"item": action.process, "occurrence": action.day.isoformat()})
    return item is not None
