"""What each follow-up action does: one transaction each, under the locks of what it changes,
queuing its messages under the keys the planner gave them."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from agreements import links, messages, reference
from agreements.contracts import completion, drafts, ending, esigning
from agreements.contracts.drafts import number_of
from agreements.contracts.parties import (
    Parties,
    contacts_of,
    coordinators,
    notify_list,
    parties_of,
    return_address,
    sender,
)
from agreements.core import audit
from agreements.core.calendar import OSLO, norsk_dato, working_days_between
from agreements.core.db import locked
from agreements.core.enums import AgreementStatus as A
from agreements.core.enums import ContactRole, Role
from agreements.core.lifecycle import AGREEMENT, IN_PLAY, values
from agreements.core.models import (
    Agreement,
    ChecklistItem,
    Contact,
    NhnOrder,
    Organisation,
    Participation,
)
from agreements.followup.actions import (
    Action,
    Activate,
    ChecklistReminder,
    Escalate,
    Expire,
    ExpiryWarning,
    Lapse,
    NhnChase,
    OpenOccurrence,
    Remind,
    RenewalDraft,
)
from agreements.followup.letters import signature_context
from agreements.outbox import queue
from agreements.readiness import checklist

if TYPE_CHECKING:
    from agreements.app import App


def apply(app: App, action: Action, letters: dict[int, int]) -> None:
    """Carry out one action (`letters`: the day's reminder letters by signature id)."""
    match action:
        case Remind():
            remind(app, action, letters)
        case Escalate():
            escalate(app, action)
        case Lapse():
            ending.lapse(app, action.agreement_id)
        case ChecklistReminder():
            checklist_message(app, action)
        case NhnChase():
            nhn_chase(app, action)
        case ExpiryWarning():
            expiry_warning(app, action)
        case RenewalDraft():
            renewal_draft(app, action)
        case Expire():
            expire(app, action)
        case Activate():
            activate(app, action)
        case OpenOccurrence():
            open_occurrence(app, action)
        case _:
            raise TypeError(f"no way to apply {action!r}")


def _send(app: App, session: Session, key: str, to: Contact, subject_body: tuple[str, str],
          attachments: list[int] | None = None, reply_to: str | None = None) -> None:
    subject, body = subject_body
    queue.enqueue(app, session, queue.Mail(key, queue.address(to.name, to.email), subject, body,
                                           attachments or [], reply_to))


def remind(app: App, action: Remind, letters: dict[int, int]) -> None:
    with app.transaction() as session:
        sig, agreement, p, contact = signature_context(session, action.signature_id)
        assert action.key and agreement.signing_deadline
        attached = [letters[sig.id or 0]] if sig.id in letters else []
        attached += [d.id or 0 for d in drafts.sent_documents(session, agreement)]
        back = return_address(session, p.organiser, app.settings.mail_from)
        _send(app, session, action.key, contact, messages.reminder(
            navn=contact.name, nummer=number_of(p, agreement), nr=action.reminder,
            frist=norsk_dato(agreement.signing_deadline), returner_til=back,
            lenke=links.agreement(app.settings, agreement.id or 0),
            fra=sender(session, p.organiser)), attached, back)


def escalate(app: App, action: Escalate) -> None:
    with app.transaction() as session:
        sig, agreement, p, contact = signature_context(session, action.signature_id)
        assert action.key and agreement.signing_deadline
        reminded = len(queue.keys_with_prefix(session, f"followup:remind:signature:{sig.id}:"))
        posten = esigning.job_of(session, agreement.id or 0) is not None
        for to in _organiser_contacts(session, p):
            _send(app, session, f"{action.key}:{to.email}", to, messages.escalation(
                navn=to.name, nummer=number_of(p, agreement), venter_paa=contact.name,
                part=p.sides[sig.position - 1].navn, paaminnelser=reminded,
                frist=norsk_dato(agreement.signing_deadline), fra=None, posten=posten))


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


def checklist_message(app: App, action: ChecklistReminder) -> None:
    with app.transaction() as session:
        participation = session.get(Participation, action.participation_id)
        assert participation is not None and action.key
        org = session.get(Organisation, participation.organisation_id)
        assert org is not None
        items = [session.get(ChecklistItem, i) for i in action.item_ids]
        lines = [f"{reference.process(i.process_key).title}"
                 + (f" ({i.occurrence})" if i.occurrence else "")
                 + f", frist {norsk_dato(i.due_on)}" for i in items if i]
        if action.escalation and participation.role == Role.KILDE:
            recipients = _organiser_contacts(session, parties_of(session, participation.id or 0))
        elif action.escalation:
            recipients = contacts_of(session, org, ContactRole.SIGNATORY)
        else:
            recipients = _own_contacts(session, participation)
        for to in recipients:
            _send(app, session, f"{action.key}:{to.email}", to, messages.checklist_overdue(
                navn=to.name, virksomhet=org.navn, punkter=lines, eskalering=action.escalation,
                lenke=links.checklist(app.settings, org.orgnr),
                fra=None if action.escalation else _from(session, participation)))


def nhn_chase(app: App, action: NhnChase) -> None:
    with app.transaction() as session:
        order = session.get(NhnOrder, action.order_id)
        assert order is not None and order.submitted_at and action.key
        participation = session.get(Participation, order.participation_id)
        assert participation is not None
        org = session.get(Organisation, participation.organisation_id)
        assert org is not None
        sent = order.submitted_at.astimezone(OSLO).date()
        for to in _own_contacts(session, participation):
            _send(app, session, f"{action.key}:{to.email}", to, messages.nhn_chase(
                navn=to.name, virksomhet=org.navn, referanse=order.idempotency_key,
                sendt=norsk_dato(sent), fra=_from(session, participation),
                virkedager=working_days_between(sent, app.clock.today()),
                lenke=links.nhn(app.settings, org.orgnr)))


def expiry_warning(app: App, action: ExpiryWarning) -> None:
    """Warn both parties with the real number of days left, saying where the renewal stands
    and what is not automatic (sending and signing it)."""
    with app.transaction() as session:
        agreement = session.get(Agreement, action.agreement_id)
        assert agreement is not None and agreement.expires_on and action.key
        p = parties_of(session, agreement.participation_id)
        renewal = session.exec(select(Agreement).where(
            Agreement.supersedes_id == agreement.id,
            col(Agreement.status).in_(values(IN_PLAY)))).first()
        drafted_on = agreement.expires_on - timedelta(days=app.settings.renewal_draft_days)
        for to in notify_list(session, p.org, p.organiser):
            _send(app, session, f"{action.key}:{to.email}", to, messages.expiry_warning(
                navn=to.name, nummer=number_of(p, agreement),
                utloper=norsk_dato(agreement.expires_on),
                dager=(agreement.expires_on - app.clock.today()).days,
                organisator=p.organiser.navn,
                fornyelse=number_of(p, renewal) if renewal else None,
                utkast_dato=norsk_dato(drafted_on) if drafted_on > app.clock.today() else None,
                fra=sender(session, p.organiser)))


def renewal_draft(app: App, action: RenewalDraft) -> None:
    pid = action.participation_id
    (created,) = drafts.create_agreements(app, [pid], renewal_of={pid: action.agreement_id})
    if not created.created:
        return
    with app.transaction() as session:
        new = session.get(Agreement, created.agreement_id)
        old = session.get(Agreement, action.agreement_id)
        assert new is not None and old is not None
        p = parties_of(session, pid)
        for to in _organiser_contacts(session, p):
            _send(app, session, f"followup:renewal:{new.id}:{to.email}", to,
                  messages.renewal_drafted(navn=to.name, virksomhet=p.org.navn,
                                           nummer=number_of(p, old), ny=number_of(p, new),
                                           lenke=links.agreement(app.settings, new.id or 0),
                                           fra=None))


def activate(app: App, action: Activate) -> None:
    with app.transaction() as session:
        agreement = locked(session, Agreement, action.agreement_id)
        assert agreement is not None
        if agreement.status == A.SIGNED:
            completion.activate(app, session, agreement)


def expire(app: App, action: Expire) -> None:
    with app.transaction() as session:
        agreement = locked(session, Agreement, action.agreement_id)
        assert agreement is not None
        if agreement.status == A.ACTIVE:
            AGREEMENT.advance(agreement, A.EXPIRED, what=f"agreement #{agreement.id}")
            audit.record(session, actor=app.actor, action="agreement.expired",
                         subject=f"agreement:{agreement.id}", data={})


def open_occurrence(app: App, action: OpenOccurrence) -> None:
    assert action.process and action.day
    with app.transaction() as session:
        participation = locked(session, Participation, action.participation_id)
        assert participation is not None
        item = checklist.open_occurrence(session, participation,
                                         reference.process(action.process), action.day)
        if item:
            audit.record(session, actor=app.actor, action="checklist.occurrence_opened",
                         subject=f"participation:{participation.id}",
                         data={"item": action.process, "occurrence": action.day.isoformat()})
