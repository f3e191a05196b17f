"""Ordering Pasientens journaldokumenter from NHN, and NHN's bruksvilkår (use cases).

The order is the organisation's, placed in the name of its contact (`orderer`); avtaleflyt
prepares it (package document + JSON body), queues it in the outbox under a key stable for
the order, and it becomes `submitted` when the outbox has delivered it, by e-mail to the
address NHN gave or by HTTP to a configured endpoint (see `channels`). An organisation that
is kilde and konsument places one order naming both (`core.orders`). NHN's answer is recorded
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
from agreements.core.orders import order_for
from agreements.documents import pdf, render
from agreements.documents.contexts import Party, Person, order_context
from agreements.errorcodes import Code
from agreements.errors import InvalidInput, NotFound, Refused
from agreements.nhn import orderer, package
from agreements.nhn.cover import covered
from agreements.nhn.orderer import Orderer, roles_in_words
from agreements.nhn.orderer import orderer as who_orders
from agreements.reference import deadlines

if TYPE_CHECKING:
    from agreements.core.ports import Work
    from agreements.documents.pdf import Converts

TEMPLATE = "nhn_bestilling.docx"


@dataclass(frozen=True)
class _Plan:
    """An order ready to be rendered: what was read, for the write to re-check."""

    existing: tuple[int, str] | None  # the order row and its status, when re-ordering
    owner: int  # the participation whose order it is
    covers: int | None  # the other role's participation it also names
    key: str
    body: dict[str, Any]
    context: dict[str, Any]
    navn: str
    orgnr: str
    roles: list[str]
    by: Orderer


def order_of(session: Session, participation_id: int) -> NhnOrder | None:
    """The order that covers the participation (its own, or its other role's for both)."""
    return order_for(session, participation_id)


def precondition(session: Session, participation: Participation, org: Organisation, *,
                 after_agreement: bool, without_her_id: bool) -> None:
    """The rules an order must meet. The HER-id (digits, as the address register has it)
    is needed unless ordering explicitly without it. Only with the setting
    `order_after_agreement` must a kilde's agreement be signed first: the seed requires both
    before go-live, not this order."""
    if org.her_id and not (org.her_id.isascii() and org.her_id.isdigit()):
        raise Refused(Code.HER_ID_NOT_DIGITS, organisation=org.navn, orgnr=org.orgnr)
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


def _plan(work: Work, session: Session, participation_id: int, by: str,
          without_her_id: bool) -> _Plan | NhnOrder:
    """What to order, or the order already in flight (nothing new to prepare)."""
    if session.get(Participation, participation_id) is None:
        raise NotFound(Code.PARTICIPATION_NOT_FOUND, participation=participation_id)
    existing = order_of(session, participation_id)
    if existing and existing.status != OrderStatus.REJECTED:
        return existing
    owner, covers = covered(session, participation_id)
    parts = [p for p in (session.get(Participation, i) for i in (owner, covers) if i) if p]
    org = session.get(Organisation, parts[0].organisation_id)
    assert org is not None
    for part in parts:
        precondition(session, part, org, without_her_id=without_her_id,
                     after_agreement=work.settings.order_after_agreement)
    orderer = who_orders(session, org, by)
    roles = [p.role for p in parts]
    attempt = 1 + (int(existing.idempotency_key.rsplit("-", 1)[1]) if existing else 0)
    key = f"pjd-{org.orgnr}-{'-'.join(roles)}-{attempt}"
    body = package.payload(session, parts, org, key, orderer.as_json())
    people = [Person(c.name, c.email, c.role, org.navn) for c in contacts_of(session, org)]
    context = order_context(referanse=key, dato=work.clock.today(),
                            rolle=roles_in_words(roles), bestilt_av=orderer.line(),
                            virksomhet=Party(org.navn, org.orgnr),
                            felter=package.fields(body), kontakter=people)
    return _Plan((existing.id or 0, existing.status) if existing else None, owner, covers,
                 key, body, context, org.navn, org.orgnr, roles, orderer)


def place_order(work: Converts, participation_id: int, *, by: str,
                without_her_id: bool = False) -> tuple[NhnOrder, str | None]:
    """Prepare and queue the order in the name of `by` (the address of the organisation's
    contact who places it); returns it and the outbox key (None when nothing new)."""
    check_channel(work)
    with work.transaction() as session:
        plan = _plan(work, session, participation_id, by, without_her_id)
    if isinstance(plan, NhnOrder):
        key = f"nhn-order:{plan.idempotency_key}"
        return plan, key if plan.status == OrderStatus.PREPARED else None
    renderer = render.renderer(work.settings.templates_dir)
    docx = renderer.render(TEMPLATE, plan.context)
    pdfs = pdf.convert(work.converter(), [docx])
    with work.transaction() as session:
        locked(session, Participation, plan.owner)
        again = _plan(work, session, participation_id, by, without_her_id)
        if isinstance(again, NhnOrder) or (again.existing, again.covers) != (plan.existing,
                                                                             plan.covers):
            raise Refused(Code.ORDER_CHANGED, organisation=plan.navn)
        stored = work.documents.put(session, kind="nhn_order", folder="nhn",
                                    name=f"{plan.key}.{'pdf' if pdfs else 'docx'}",
                                    data=pdfs[0] if pdfs else docx, template=TEMPLATE,
                                    template_sha256=renderer.template(TEMPLATE).sha256)
        raw = json.dumps(plan.body, ensure_ascii=False, indent=2).encode()
        attachment = work.documents.put(session, kind="nhn_order_json", folder="nhn",
                                        name=f"{plan.key}.json", data=raw)
        order = _write_order(work, session, plan, raw.decode(), stored)
        key = orderer.queue_order(work, session, order, plan.by,
                                  (plan.navn, plan.orgnr, plan.roles), [stored, attachment])
        audit.record(session, actor=work.actor, action="nhn.order_prepared",
                     subject=f"org:{plan.orgnr}",
                     data={"role": plan.roles[0], "roles": plan.roles, "key": plan.key,
                           "channel": order.channel, "package_sha256": stored.sha256,
                           "ordered_by": plan.by.email,
                           "her_id": plan.body["organisation"]["her_id"]})
        return order, key


def _write_order(work: Work, session: Session, plan: _Plan, raw: str,
                 document: Document) -> NhnOrder:
    existing = order_of(session, plan.owner)
    order = existing or NhnOrder(participation_id=plan.owner,
                                 terms_status=TermsStatus.AWAITING_LINK,
                                 status=OrderStatus.PREPARED, idempotency_key=plan.key,
                                 payload="", channel="", prepared_at=work.clock.now())
    if existing:
        ORDER.advance(order, OrderStatus.PREPARED)
    order.idempotency_key, order.payload = plan.key, raw
    order.channel, order.package_id = work.settings.nhn_channel, document.id
    order.prepared_at, order.reason, order.reference = work.clock.now(), None, None
    order.covers_participation_id = plan.covers
    order.ordered_by_name, order.ordered_by_email = plan.by.name, plan.by.email
    session.add(order)
    session.flush()
    return order


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
            deadlines.refresh(session, covered_ids(order))
        else:
            order.reason = text.strip()
        audit.record(session, actor=work.actor, action=f"nhn.order_{target.value}",
                     subject=f"participation:{order.participation_id}",
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
                     subject=f"participation:{order.participation_id}",
                     data={"at": moment.isoformat()})
        return order


def covered_ids(order: NhnOrder) -> list[int]:
    return [i for i in (order.participation_id, order.covers_participation_id) if i]


def _require(session: Session, participation_id: int) -> NhnOrder:
    order = order_of(session, participation_id)
    if order is None:
        raise NotFound(Code.NOTHING_ORDERED)
    return order
