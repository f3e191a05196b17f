"""What each follow-up action does: one transaction each, under the locks of what it changes,
queuing its messages under the keys the planner gave them."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session

from agreements import (
    audit,
    checklist,
    contracts,
    documents,
    messages,
    outbox,
    reference,
    signing,
    store,
)
from agreements.app import OSLO, App
from agreements.calendar import norsk_dato, working_days_between
from agreements.contexts import Person, agreement_number, reminder_context
from agreements.db import locked
from agreements.enums import AgreementStatus as A
from agreements.enums import ContactRole, Role
from agreements.followup import Action
from agreements.lifecycle import AGREEMENT, advance
from agreements.models import (
    Agreement,
    ChecklistItem,
    Contact,
    NhnOrder,
    Organisation,
    Participation,
    Signature,
)
from agreements.parties import Parties, contacts_of, notify_list, parties_of, return_address

Applier = Callable[[App, Action, dict[int, int]], None]


def _send(app: App, session: Session, key: str, to: Contact, subject_body: tuple[str, str],
          attachments: list[int] | None = None, reply_to: str | None = None) -> None:
    subject, body = subject_body
    outbox.enqueue(app, session, outbox.Mail(key, f"{to.name} <{to.email}>", subject, body,
                                             attachments or [], reply_to))


def _sig_context(session: Session, signature_id: int) -> tuple[Signature, Agreement, Parties,
                                                             Contact]:
    sig = session.get(Signature, signature_id)
    assert sig is not None
    agreement = session.get(Agreement, sig.agreement_id)
    contact = session.get(Contact, sig.contact_id)
    assert agreement is not None and contact is not None
    return sig, agreement, parties_of(session, agreement.participation_id), contact


def reminder_letters(app: App, reminders: list[Action]) -> dict[int, int]:
    """Render every reminder letter of the day, with one PDF conversion for all of them."""
    if not reminders:
        return {}
    with app.transaction() as session:
        rendered = []
        render = documents.renderer(app.settings.templates_dir)
        for action in reminders:
            sig, agreement, p, contact = _sig_context(session, action.subject_id)
            if outbox.exists(session, action.key or ""):
                continue
            assert agreement.sent_at and agreement.signing_deadline
            ctx = reminder_context(
                nummer=agreement_number(p.area.key, p.org.orgnr, agreement.version),
                virksomhet=p.party(p.org), organisator=p.party(p.organiser),
                mottaker=Person(contact.name, contact.email, contact.role,
                                p.sides[sig.position - 1].navn),
                dato=app.clock.today(), sendt=agreement.sent_at,
                signeringsfrist=agreement.signing_deadline, paaminnelse_nr=action.number,
                koordinator=return_address(session, p.organiser, app.settings.mail_from))
            rendered.append((action, render.render("paaminnelse.docx", ctx)))
        pdfs = documents.to_pdf([d for _, d in rendered])
        letters = {}
        for i, (action, docx) in enumerate(rendered):
            data, ext = (pdfs[i], "pdf") if pdfs else (docx, "docx")
            doc = store.store(app, session, kind="reminder", folder="reminders",
                              name=f"paaminnelse-{action.subject_id}-{action.number}.{ext}",
                              data=data, template="paaminnelse.docx",
                              template_sha256=render.template("paaminnelse.docx").sha256)
            letters[action.subject_id] = doc.id or 0
        return letters


def remind(app: App, action: Action, letters: dict[int, int]) -> None:
    with app.transaction() as session:
        sig, agreement, p, contact = _sig_context(session, action.subject_id)
        assert action.key and agreement.signing_deadline
        attached = [letters[sig.id or 0]] if sig.id in letters else []
        attached += [d.id or 0 for d in contracts.sent_documents(session, agreement)]
        back = return_address(session, p.organiser, app.settings.mail_from)
        _send(app, session, action.key, contact, messages.reminder(
            navn=contact.name, nummer=agreement_number(p.area.key, p.org.orgnr,
                                                       agreement.version),
            nr=action.number, frist=norsk_dato(agreement.signing_deadline), returner_til=back),
            attached, back)


def escalate(app: App, action: Action, _: dict[int, int]) -> None:
    with app.transaction() as session:
        sig, agreement, p, contact = _sig_context(session, action.subject_id)
        assert action.key and agreement.signing_deadline
        reminded = len(outbox.keys_with_prefix(session, f"followup:remind:signature:{sig.id}:"))
        for to in _organiser_contacts(session, p):
            _send(app, session, f"{action.key}:{to.email}", to, messages.escalation(
                navn=to.name, nummer=agreement_number(p.area.key, p.org.orgnr,
                                                      agreement.version),
                venter_paa=contact.name, part=p.sides[sig.position - 1].navn,
                paaminnelser=reminded,
                frist=norsk_dato(agreement.signing_deadline)))


def _organiser_contacts(session: Session, p: Parties) -> list[Contact]:
    return (contacts_of(session, p.organiser, ContactRole.COORDINATOR)
            or contacts_of(session, p.organiser, ContactRole.SIGNATORY))


def _own_contacts(session: Session, participation: Participation) -> list[Contact]:
    org = session.get(Organisation, participation.organisation_id)
    assert org is not None
    return (contacts_of(session, org, ContactRole.COORDINATOR)
            or contacts_of(session, org, ContactRole.SIGNATORY))


def lapse(app: App, action: Action, _: dict[int, int]) -> None:
    signing.lapse(app, action.subject_id)


def checklist_message(app: App, action: Action, _: dict[int, int]) -> None:
    escalation = action.kind == "checklist_escalation"
    with app.transaction() as session:
        participation = session.get(Participation, action.subject_id)
        assert participation is not None and action.key
        org = session.get(Organisation, participation.organisation_id)
        assert org is not None
        items = [session.get(ChecklistItem, i) for i in action.item_ids]
        lines = [f"{reference.process(i.process_key).title}"
                 + (f" ({i.occurrence})" if i.occurrence else "")
                 + f", frist {norsk_dato(i.due_on)}" for i in items if i]
        if escalation and participation.role == Role.KILDE:
            recipients = _organiser_contacts(session, parties_of(session, participation.id or 0))
        elif escalation:
            recipients = contacts_of(session, org, ContactRole.SIGNATORY)
        else:
            recipients = _own_contacts(session, participation)
        for to in recipients:
            _send(app, session, f"{action.key}:{to.email}", to, messages.checklist_overdue(
                navn=to.name, virksomhet=org.navn, punkter=lines, eskalering=escalation))


def nhn_chase(app: App, action: Action, _: dict[int, int]) -> None:
    with app.transaction() as session:
        order = session.get(NhnOrder, action.subject_id)
        assert order is not None and order.submitted_at and action.key
        participation = session.get(Participation, order.participation_id)
        assert participation is not None
        org = session.get(Organisation, participation.organisation_id)
        assert org is not None
        sent = order.submitted_at.astimezone(OSLO).date()
        for to in _own_contacts(session, participation):
            _send(app, session, f"{action.key}:{to.email}", to, messages.nhn_chase(
                navn=to.name, virksomhet=org.navn, referanse=order.idempotency_key,
                sendt=norsk_dato(sent),
                virkedager=working_days_between(sent, app.clock.today())))


def expiry_warning(app: App, action: Action, _: dict[int, int]) -> None:
    with app.transaction() as session:
        agreement = session.get(Agreement, action.subject_id)
        assert agreement is not None and agreement.expires_on and action.key
        p = parties_of(session, agreement.participation_id)
        number = agreement_number(p.area.key, p.org.orgnr, agreement.version)
        for to in notify_list(session, p.org, p.organiser):
            _send(app, session, f"{action.key}:{to.email}", to, messages.expiry_warning(
                navn=to.name, nummer=number, utloper=norsk_dato(agreement.expires_on),
                dager=action.number))


def renewal_draft(app: App, action: Action, _: dict[int, int]) -> None:
    (created,) = contracts.create_agreements(app, [action.subject_id],
                                             renewal_of={action.subject_id: action.number})
    if not created.created:
        return
    with app.transaction() as session:
        new = session.get(Agreement, created.agreement_id)
        assert new is not None
        p = parties_of(session, action.subject_id)
        for to in _organiser_contacts(session, p):
            _send(app, session, f"followup:renewal:{new.id}:{to.email}", to,
                  messages.renewal_drafted(
                      navn=to.name, virksomhet=p.org.navn,
                      nummer=agreement_number(p.area.key, p.org.orgnr, new.version - 1),
                      ny=agreement_number(p.area.key, p.org.orgnr, new.version)))


def activate(app: App, action: Action, _: dict[int, int]) -> None:
    with app.transaction() as session:
        agreement = locked(session, Agreement, action.subject_id)
        assert agreement is not None
        if agreement.status == A.SIGNED:
            signing.activate(app, session, agreement)


def expire(app: App, action: Action, _: dict[int, int]) -> None:
    with app.transaction() as session:
        agreement = locked(session, Agreement, action.subject_id)
        assert agreement is not None
        if agreement.status == A.ACTIVE:
            advance(AGREEMENT, agreement, A.EXPIRED, what=f"agreement #{agreement.id}")
            audit.record(session, actor=app.actor, action="agreement.expired",
                         subject=f"agreement:{agreement.id}", data={})


def open_occurrence(app: App, action: Action, _: dict[int, int]) -> None:
    assert action.process and action.day
    with app.transaction() as session:
        participation = locked(session, Participation, action.subject_id)
        assert participation is not None
        item = checklist.open_occurrence(session, participation, reference.process(
            action.process), action.day)
        if item:
            audit.record(session, actor=app.actor, action="checklist.occurrence_opened",
                         subject=f"participation:{participation.id}",
                         data={"item": action.process, "occurrence": action.day.isoformat()})


APPLY: dict[str, Applier] = {
    "remind": remind, "escalate": escalate, "lapse": lapse,
    "checklist_reminder": checklist_message, "checklist_escalation": checklist_message,
    "nhn_chase": nhn_chase, "expiry_warning": expiry_warning, "renewal_draft": renewal_draft,
    "activate": activate, "expire": expire, "open_occurrence": open_occurrence,
}
