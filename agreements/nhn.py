"""Ordering Pasientens journaldokumenter from NHN, and NHN's bruksvilkår (use cases).

An order is prepared (package document + JSON body), queued in the outbox under a key stable
for the order, and becomes `submitted` when the outbox has delivered it, by e-mail to NHN's
customer centre or by HTTP to a configured endpoint. NHN's answer is recorded by a person:
`nhn confirm` or `nhn reject`. A rejected order can be ordered again (a new attempt, new key).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from agreements import audit, documents, outbox, store
from agreements.app import App
from agreements.clients import nhn as nhn_client
from agreements.contexts import Party, Person, order_context
from agreements.enums import OrderStatus, Role, TermsStatus
from agreements.errors import InvalidInput, NotFound, Refused
from agreements.lifecycle import ORDER, TERMS, advance
from agreements.models import (
    Agreement,
    CollaborationArea,
    Document,
    NhnOrder,
    Organisation,
    OutboxMessage,
    Participation,
)
from agreements.parties import contacts_of
from agreements.readiness import SIGNED_STATES
from agreements.views import governing


def channels() -> dict[str, outbox.Channel]:
    return {"nhn_email": outbox.Channel(outbox.send_email, mark_submitted),
            "nhn_http": outbox.Channel(post_order, mark_submitted)}


def order_of(session: Session, participation_id: int) -> NhnOrder | None:
    return session.exec(select(NhnOrder).where(NhnOrder.participation_id == participation_id)
                        ).first()


def precondition(session: Session, participation: Participation, org: Organisation) -> None:
    """A kilde orders once its agreement is signed; a konsument at once."""
    if participation.role != Role.KILDE:
        return
    agreement = governing(session.exec(select(Agreement).where(
        Agreement.participation_id == participation.id)))
    if agreement is None or agreement.status not in SIGNED_STATES:
        state = (f"agreement #{agreement.id} is {agreement.status}" if agreement
                 else "no agreement has been created")
        raise Refused(f"{org.navn} cannot order from NHN as kilde yet: the agreement with the "
                      f"organiser must be signed first ({state})")


def payload(session: Session, participation: Participation, org: Organisation,
            key: str) -> dict[str, Any]:
    """What NHN asks of an orderer, as the JSON body of the order."""
    area = session.get(CollaborationArea, participation.area_id) if participation.area_id else None
    organiser = session.get(Organisation, area.organiser_id) if area else None
    return {
        "order_reference": key,
        "service": "Pasientens journaldokumenter",
        "organisation": {"name": org.navn, "orgnr": org.orgnr, "her_id": org.her_id,
                         "kommunenummer": org.kommunenummer},
        "role": participation.role,
        "epj": {"system": org.epj_system, "vendor": org.epj_vendor},
        "contacts": [{"role": c.role, "name": c.name, "email": c.email, "title": c.title}
                     for c in contacts_of(session, org)],
        "collaboration_area": {"key": area.key, "name": area.name,
                               "organiser": {"name": organiser.navn, "orgnr": organiser.orgnr}}
        if area and organiser else None,
    }


def _fields(p: dict[str, Any]) -> list[tuple[str, str]]:
    unknown = "ikke oppgitt"
    area = p["collaboration_area"]
    return [
        ("Virksomhet", p["organisation"]["name"]),
        ("Organisasjonsnummer", p["organisation"]["orgnr"]),
        ("Rolle", p["role"]),
        ("HER-id", p["organisation"]["her_id"] or unknown),
        ("EPJ-system", p["epj"]["system"] or unknown),
        ("EPJ-leverandør", p["epj"]["vendor"] or unknown),
        ("Samarbeidsområde", f"{area['name']} ({area['organiser']['name']})" if area
         else "ikke aktuelt (konsument)"),
    ]


def place_order(app: App, participation_id: int) -> tuple[NhnOrder, str | None]:
    """Prepare and queue the order; returns it and the outbox key (None when nothing new)."""
    with app.transaction() as session:
        participation = session.get(Participation, participation_id)
        if participation is None:
            raise NotFound(f"participation {participation_id} does not exist")
        org = session.get(Organisation, participation.organisation_id)
        assert org is not None
        precondition(session, participation, org)
        existing = order_of(session, participation_id)
        if existing and existing.status != OrderStatus.REJECTED:
            key = f"nhn-order:{existing.idempotency_key}"
            return existing, key if existing.status == OrderStatus.PREPARED else None
        attempt = 1 + (int(existing.idempotency_key.rsplit("-", 1)[1]) if existing else 0)
        idem = f"pjd-{org.orgnr}-{participation.role}-{attempt}"
        body = payload(session, participation, org, idem)
        people = [Person(c.name, c.email, c.role, org.navn) for c in contacts_of(session, org)]
        ctx = order_context(referanse=idem, dato=app.clock.today(), rolle=participation.role,
                            virksomhet=Party(org.navn, org.orgnr), felter=_fields(body),
                            kontakter=people)
        render = documents.renderer(app.settings.templates_dir)
        docx = render.render("nhn_bestilling.docx", ctx)
        pdf = documents.to_pdf([docx])
        package = store.store(app, session, kind="nhn_order", folder="nhn",
                              name=f"{idem}.{'pdf' if pdf else 'docx'}",
                              data=pdf[0] if pdf else docx, template="nhn_bestilling.docx",
                              template_sha256=render.template("nhn_bestilling.docx").sha256)
        raw = json.dumps(body, ensure_ascii=False, indent=2).encode()
        attachment = store.store(app, session, kind="nhn_order_json", folder="nhn",
                                 name=f"{idem}.json", data=raw)
        order = existing or NhnOrder(participation_id=participation_id,
                                     terms_status=TermsStatus.AWAITING_LINK,
                                     status=OrderStatus.PREPARED, idempotency_key=idem,
                                     payload="", channel="", prepared_at=app.clock.now())
        if existing:
            advance(ORDER, order, OrderStatus.PREPARED, what=f"NHN order for {org.navn}")
        order.idempotency_key, order.payload = idem, raw.decode()
        order.channel, order.package_id = app.settings.nhn_channel, package.id
        order.prepared_at, order.reason, order.reference = app.clock.now(), None, None
        session.add(order)
        session.flush()
        key = _queue(app, session, order, org, participation.role, [package, attachment])
        audit.record(session, actor=app.actor, action="nhn.order_prepared",
                     subject=f"org:{org.orgnr}",
                     data={"role": participation.role, "key": idem, "channel": order.channel,
                           "package_sha256": package.sha256})
        return order, key


def _queue(app: App, session: Session, order: NhnOrder, org: Organisation, role: str,
           attached: list[Document]) -> str:
    key = f"nhn-order:{order.idempotency_key}"
    if app.settings.nhn_channel == "http":
        if not (app.settings.nhn_url and app.settings.nhn_secret):
            raise InvalidInput("AVTALEFLYT_NHN_CHANNEL=http needs AVTALEFLYT_NHN_URL and "
                               "AVTALEFLYT_NHN_SECRET")
        mail = outbox.Mail(key, app.settings.nhn_url, f"Bestilling {order.idempotency_key}",
                           order.payload)
        outbox.enqueue(app, session, mail, channel="nhn_http")
        return key
    subject = (f"Bestilling av Pasientens journaldokumenter – {org.navn} ({org.orgnr}), "
               f"ref. {order.idempotency_key}")
    body = (f"Hei,\n\n{org.navn} (org.nr. {org.orgnr}) bestiller Pasientens journaldokumenter "
            f"som {role}. Bestillingen og "
            "opplysningene dere trenger ligger vedlagt (dokument og JSON).\n\nVi ber om lenke "
            "for signering av bruksvilkårene, og om bekreftelse med deres referanse.\n\n"
            f"Referanse: {order.idempotency_key}\n\nVennlig hilsen\navtaleflyt\n")
    outbox.enqueue(app, session, outbox.Mail(key, app.settings.nhn_email, subject, body,
                                             [d.id or 0 for d in attached]),
                   channel="nhn_email")
    return key


def post_order(app: App, message: OutboxMessage, _docs: list[Document]) -> None:
    secret = app.settings.nhn_secret or ""
    with _http(app) as client:
        nhn_client.submit_order(client, message.recipient, message.body.encode(),
                                idempotency_key=message.key.removeprefix("nhn-order:"),
                                secret=secret)


def _http(app: App) -> Any:
    import httpx

    return httpx.Client(timeout=app.settings.nhn_timeout)


def mark_submitted(app: App, session: Session, message: OutboxMessage) -> None:
    order = session.exec(select(NhnOrder).where(
        NhnOrder.idempotency_key == message.key.removeprefix("nhn-order:"))).first()
    if order is None or order.status != OrderStatus.PREPARED:
        return
    advance(ORDER, order, OrderStatus.SUBMITTED, what="NHN order")
    order.submitted_at = message.sent_at
    audit.record(session, actor=app.actor, action="nhn.order_submitted",
                 subject=f"participation:{order.participation_id}",
                 data={"key": order.idempotency_key, "channel": message.channel})


def decide(app: App, participation_id: int, *, confirmed: bool, text: str) -> NhnOrder:
    """Record NHN's answer: confirmed with its reference, or rejected with the reason."""
    if not text.strip():
        raise InvalidInput("give --reference (confirm) or --reason (reject)")
    with app.transaction() as session:
        order = _require(session, participation_id)
        if order.status == OrderStatus.PREPARED:
            raise Refused("the order has not reached NHN yet (it is prepared; see "
                          "`avtaleflyt outbox list`)")
        target = OrderStatus.CONFIRMED if confirmed else OrderStatus.REJECTED
        advance(ORDER, order, target, what="the NHN order")
        order.decided_at = app.clock.now()
        if confirmed:
            order.reference = text.strip()
        else:
            order.reason = text.strip()
        audit.record(session, actor=app.actor, action=f"nhn.order_{target.value}",
                     subject=f"participation:{participation_id}",
                     data={"reference": order.reference, "reason": order.reason})
        return order


def terms(app: App, participation_id: int, target: TermsStatus,
          at: datetime | None = None) -> NhnOrder:
    """Record the bruksvilkår: NHN's signing link received, or the terms signed."""
    with app.transaction() as session:
        order = _require(session, participation_id)
        advance(TERMS, order, target, what="NHN's bruksvilkår", attr="terms_status")
        moment = at or app.clock.now()
        if target is TermsStatus.LINK_RECEIVED:
            order.terms_link_at = moment
        else:
            order.terms_signed_at = moment
        audit.record(session, actor=app.actor, action=f"nhn.terms_{target.value}",
                     subject=f"participation:{participation_id}",
                     data={"at": moment.isoformat()})
        return order


def _require(session: Session, participation_id: int) -> NhnOrder:
    order = order_of(session, participation_id)
    if order is None:
        raise NotFound("nothing has been ordered from NHN yet: run `avtaleflyt nhn order` first")
    return order
