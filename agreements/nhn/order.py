"""Ordering Pasientens journaldokumenter from NHN, and NHN's bruksvilkår (use cases).

An order is prepared (package document + JSON body), queued in the outbox under a key stable
for the order, and becomes `submitted` when the outbox has delivered it, by e-mail to NHN's
customer centre or by HTTP to a configured endpoint (see `channels`). NHN's answer is recorded
by a person: `nhn confirm` or `nhn reject`. A rejected order can be ordered again (a new
attempt, new key). The package is rendered and converted with no transaction open.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, select

from agreements.contracts.parties import contacts_of
from agreements.core import audit
from agreements.core.db import locked
from agreements.core.enums import AgreementKind, OrderStatus, Role, TermsStatus
from agreements.core.lifecycle import IN_FORCE, ORDER, TERMS, governing
from agreements.core.models import (
    Agreement,
    Document,
    NhnOrder,
    Organisation,
    Participation,
)
from agreements.documents import pdf, render
from agreements.documents.contexts import Party, Person, order_context
from agreements.errorcodes import Code
from agreements.errors import InvalidInput, NotFound, Refused
from agreements.nhn import package
from agreements.outbox import queue
from agreements.reference import deadlines

if TYPE_CHECKING:
    from agreements.core.ports import Work
    from agreements.documents.pdf import Converts

TEMPLATE = "nhn_bestilling.docx"


@dataclass(frozen=True)
class _Plan:
    """An order ready to be rendered: what was read, for the write to re-check."""

    existing: tuple[int, str] | None  # the order row and its status, when re-ordering
    key: str
    body: dict[str, Any]
    context: dict[str, Any]
    navn: str
    orgnr: str
    role: str


def order_of(session: Session, participation_id: int) -> NhnOrder | None:
    return session.exec(select(NhnOrder).where(NhnOrder.participation_id == participation_id)
                        ).first()


def precondition(session: Session, participation: Participation, org: Organisation, *,
                 after_agreement: bool, without_her_id: bool) -> None:
    """The rules an order must meet. The HER-id is needed unless ordering explicitly without
    it. Only with the setting `order_after_agreement` must a kilde's agreement be signed
    first: the seed requires both before go-live, not this order."""
    if not (org.her_id or without_her_id):
        raise Refused(Code.NO_HER_ID, organisation=org.navn, orgnr=org.orgnr)
    if participation.role != Role.KILDE or not after_agreement:
        return
    agreement = governing(session.exec(select(Agreement).where(
        Agreement.participation_id == participation.id,
        Agreement.kind == AgreementKind.AGREEMENT)))
    if agreement is None:
        raise Refused(Code.ORDER_BEFORE_ANY_AGREEMENT, organisation=org.navn)
    if agreement.status not in IN_FORCE:
        raise Refused(Code.ORDER_AFTER_AGREEMENT, organisation=org.navn,
                      agreement=agreement.id, status=agreement.status)


def check_channel(work: Work) -> None:
    """Refused unless the configured channel is complete: no NHN address is built in."""
    if work.settings.nhn_channel == "http" and not (work.settings.nhn_url
                                                   and work.settings.nhn_secret):
        raise InvalidInput(Code.NHN_CHANNEL_INCOMPLETE)
    if work.settings.nhn_channel == "email" and not work.settings.nhn_email:
        raise InvalidInput(Code.NHN_EMAIL_MISSING)


def _plan(work: Work, session: Session, participation_id: int,
          without_her_id: bool) -> _Plan | NhnOrder:
    """What to order, or the order already in flight (nothing new to prepare)."""
    participation = session.get(Participation, participation_id)
    if participation is None:
        raise NotFound(Code.PARTICIPATION_NOT_FOUND, participation=participation_id)
    org = session.get(Organisation, participation.organisation_id)
    assert org is not None
    existing = order_of(session, participation_id)
    if existing and existing.status != OrderStatus.REJECTED:
        return existing
    precondition(session, participation, org, without_her_id=without_her_id,
                 after_agreement=work.settings.order_after_agreement)
    attempt = 1 + (int(existing.idempotency_key.rsplit("-", 1)[1]) if existing else 0)
    key = f"pjd-{org.orgnr}-{participation.role}-{attempt}"
    body = package.payload(session, participation, org, key)
    people = [Person(c.name, c.email, c.role, org.navn) for c in contacts_of(session, org)]
    context = order_context(referanse=key, dato=work.clock.today(), rolle=participation.role,
                            virksomhet=Party(org.navn, org.orgnr),
                            felter=package.fields(body),
                            kontakter=people)
    return _Plan((existing.id or 0, existing.status) if existing else None, key, body, context,
                 org.navn, org.orgnr, participation.role)


def place_order(work: Converts, participation_id: int, *,
                without_her_id: bool = False) -> tuple[NhnOrder, str | None]:
    """Prepare and queue the order; returns it and the outbox key (None when nothing new)."""
    check_channel(work)
    with work.transaction() as session:
        plan = _plan(work, session, participation_id, without_her_id)
    if isinstance(plan, NhnOrder):
        key = f"nhn-order:{plan.idempotency_key}"
        return plan, key if plan.status == OrderStatus.PREPARED else None
    renderer = render.renderer(work.settings.templates_dir)
    docx = renderer.render(TEMPLATE, plan.context)
    pdfs = pdf.convert(work.converter(), [docx])
    with work.transaction() as session:
        locked(session, Participation, participation_id)
        again = _plan(work, session, participation_id, without_her_id)
        if isinstance(again, NhnOrder) or again.existing != plan.existing:
            raise Refused(Code.ORDER_CHANGED, organisation=plan.navn)
        stored = work.documents.put(session, kind="nhn_order", folder="nhn",
                                    name=f"{plan.key}.{'pdf' if pdfs else 'docx'}",
                                    data=pdfs[0] if pdfs else docx, template=TEMPLATE,
                                    template_sha256=renderer.template(TEMPLATE).sha256)
        raw = json.dumps(plan.body, ensure_ascii=False, indent=2).encode()
        attachment = work.documents.put(session, kind="nhn_order_json", folder="nhn",
                                        name=f"{plan.key}.json", data=raw)
        order = _write_order(work, session, participation_id, plan, raw.decode(), stored)
        key = _queue(work, session, order, plan, [stored, attachment])
        audit.record(session, actor=work.actor, action="nhn.order_prepared",
                     subject=f"org:{plan.orgnr}",
                     data={"role": plan.role, "key": plan.key, "channel": order.channel,
                           "package_sha256": stored.sha256,
                           "her_id": plan.body["organisation"]["her_id"]})
        return order, key


def _write_order(work: Work, session: Session, participation_id: int, plan: _Plan, raw: str,
                 document: Document) -> NhnOrder:
    existing = order_of(session, participation_id)
    order = existing or NhnOrder(participation_id=participation_id,
                                 terms_status=TermsStatus.AWAITING_LINK,
                                 status=OrderStatus.PREPARED, idempotency_key=plan.key,
                                 payload="", channel="", prepared_at=work.clock.now())
    if existing:
        ORDER.advance(order, OrderStatus.PREPARED)
    order.idempotency_key, order.payload = plan.key, raw
    order.channel, order.package_id = work.settings.nhn_channel, document.id
    order.prepared_at, order.reason, order.reference = work.clock.now(), None, None
    session.add(order)
    session.flush()
    return order


def _queue(work: Work, session: Session, order: NhnOrder, plan: _Plan,
           attached: list[Document]) -> str:
    key = f"nhn-order:{order.idempotency_key}"
    if work.settings.nhn_channel == "http":
        mail = queue.Mail(key, work.settings.nhn_url or "", f"Bestilling {order.idempotency_key}",
                          order.payload)
        queue.enqueue(work, session, mail, channel="nhn_http")
        return key
    subject = (f"Bestilling av Pasientens journaldokumenter – {plan.navn} ({plan.orgnr}), "
               f"ref. {order.idempotency_key}")
    body = (f"Hei,\n\n{plan.navn} (org.nr. {plan.orgnr}) bestiller Pasientens "
            f"journaldokumenter som {plan.role}. Bestillingen og "
            "opplysningene dere trenger ligger vedlagt (dokument og JSON).\n\nVi ber om lenke "
            "for signering av bruksvilkårene, og om bekreftelse med deres referanse.\n\n"
            f"Referanse: {order.idempotency_key}\n\nVennlig hilsen\navtaleflyt\n")
    queue.enqueue(work, session, queue.Mail(key, work.settings.nhn_email or "", subject, body,
                                           [d.id or 0 for d in attached]),
                  channel="nhn_email")
    return key


def decide(work: Work, participation_id: int, *, confirmed: bool, text: str) -> NhnOrder:
    """Record NHN's answer: confirmed with its reference, or rejected with the reason."""
    if not text.strip():
        raise InvalidInput(Code.ANSWER_NEEDS_TEXT)
    with work.transaction() as session:
        order = _require(session, participation_id)
        if order.status == OrderStatus.PREPARED:
            raise Refused(Code.ORDER_NOT_AT_NHN)
        target = OrderStatus.CONFIRMED if confirmed else OrderStatus.REJECTED
        ORDER.advance(order, target)
        order.decided_at = work.clock.now()
        if confirmed:
            order.reference = text.strip()
            deadlines.refresh(session, [participation_id])
        else:
            order.reason = text.strip()
        audit.record(session, actor=work.actor, action=f"nhn.order_{target.value}",
                     subject=f"participation:{participation_id}",
                     data={"reference": order.reference, "reason": order.reason})
        return order


def terms(work: Work, participation_id: int, target: TermsStatus,
          at: datetime | None = None) -> NhnOrder:
    """Record the bruksvilkår: NHN's signing link received, or the terms signed."""
    with work.transaction() as session:
        order = _require(session, participation_id)
        if target is TermsStatus.SIGNED and order.status != OrderStatus.CONFIRMED:
            raise Refused(Code.TERMS_BEFORE_CONFIRMED, status=order.status)
        TERMS.advance(order, target, attr="terms_status")
        moment = at or work.clock.now()
        if target is TermsStatus.LINK_RECEIVED:
            order.terms_link_at = moment
        else:
            order.terms_signed_at = moment
        audit.record(session, actor=work.actor, action=f"nhn.terms_{target.value}",
                     subject=f"participation:{participation_id}",
                     data={"at": moment.isoformat()})
        return order


def _require(session: Session, participation_id: int) -> NhnOrder:
    order = order_of(session, participation_id)
    if order is None:
        raise NotFound(Code.NOTHING_ORDERED)
    return order
