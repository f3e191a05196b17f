"""The NHN order is the organisation's: placed in its contact's name, one order for a kommune
that is kilde and konsument, or recorded as placed outside avtaleflyt."""

from __future__ import annotations

import email
import email.policy
import json
from email.message import EmailMessage

import pytest
from sqlmodel import select

from agreements import commands as c
from agreements.access.rules import person
from agreements.app import App
from agreements.config import Settings
from agreements.core import replay
from agreements.core.enums import OrderStatus, TermsStatus
from agreements.core.models import NhnOrder, Organisation, OutboxMessage, Participation
from agreements.errorcodes import Code
from agreements.errors import AvtaleflytError, InvalidInput, Refused
from agreements.nhn import order as nhn
from agreements.readiness.golive import snapshot
from agreements.registry.lookup import participation_of
from agreements.registry.register import Registration, register
from tests.helpers import OSLO, organisers_with_contacts

SIRI, OLA = "siri@oslo.kommune.no", "ola@oslo.kommune.no"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Without PDFs: the NHN order, its e-mail and its record are these tests' subject, not
    the documents (LibreOffice's conversions: test_templates_pdf, test_documents,
    test_manual_signing and the signing tests)."""
    return settings.model_copy(update={"pdf": False})


def oslo_both(app: App) -> None:
    """Oslo kommune registered as kilde and konsument, with its signatory and PJD lead."""
    organisers_with_contacts(app)
    register(app, Registration(orgnr=OSLO, role="begge",
                               signatory="Ola Ordfører <ola@oslo.kommune.no>",
                               coordinator="Siri Koord <siri@oslo.kommune.no>"))
    c.execute(app, c.UpdateOrganisation(orgnr=OSLO, her_id="81234"))
    c.execute(app, c.SaveContact(orgnr=OSLO, name="Per IT", email="per@oslo.kommune.no",
                                 role="it"))


def orders(app: App) -> list[NhnOrder]:
    with app.transaction() as s:
        return list(s.exec(select(NhnOrder)))


def order_mails(app: App) -> list[EmailMessage]:
    found = []
    for path in sorted((app.settings.data_dir / "outbox").glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if "Bestilling av Pasientens journaldokumenter" in str(message["Subject"]):
            found.append(message)  # type: ignore[arg-type]
    return found


def test_kommune_as_kilde_and_konsument_places_one_order_and_signs_one_set_of_terms(
        any_app: App) -> None:
    """A kommune in both roles orders once, naming both; NHN's answer and the bruksvilkår are
    recorded once and hold for both roles; the audit log replays clean."""
    oslo_both(any_app)
    outcome = c.execute(any_app, c.PlaceOrder(orgnr=OSLO, by=SIRI))
    assert outcome.undelivered == [] and outcome.waiting == 0
    (order,) = orders(any_app)
    body = json.loads(order.payload)
    assert body["roles"] == ["kilde", "konsument"] and order.covers_participation_id
    assert len(order_mails(any_app)) == 1
    c.execute(any_app, c.PlaceOrder(orgnr=OSLO, by=SIRI, role="konsument"))  # nothing new
    assert len(orders(any_app)) == 1 and len(order_mails(any_app)) == 1
    c.execute(any_app, c.ConfirmOrder(orgnr=OSLO, role="konsument", reference="NHN-1"))
    c.execute(any_app, c.RecordTerms(orgnr=OSLO, state="signed"))
    ids = [participation_of(any_app, OSLO, role) for role in ("kilde", "konsument")]
    with any_app.transaction() as s:
        for pid in ids:
            part = s.get(Participation, pid)
            assert part is not None
            judged = snapshot(s, part)
            assert (judged.order, judged.terms) == (OrderStatus.CONFIRMED, TermsStatus.SIGNED)
        assert replay.check(s) == []



def test_an_order_for_both_roles_is_named_by_both_and_says_who_placed_it(app: App) -> None:
    """A run's table names an order placed for kilde and konsument by both roles, not as the
    kilde's alone; `status` shows the one order under both roles with who placed it."""
    from agreements.reporting.subjects import describe
    from agreements.reporting.views import status_of
    from cli.texts import render_status

    oslo_both(app)
    c.execute(app, c.PlaceOrder(orgnr=OSLO, by=SIRI))
    (order,) = orders(app)
    with app.transaction() as s:
        words = describe(s, [f"order:{order.id}"])
        status = status_of(s, OSLO, app.clock.today())
    shown = {p["role"]: p["nhn_order"] for p in status["participations"]}
    assert shown["kilde"] == shown["konsument"]
    assert shown["kilde"]["ordered_by"] == {"name": "Siri Koord", "email": SIRI}
    assert render_status(status).count(f"NHN order: submitted, placed by Siri Koord <{SIRI}>") == 2
    assert words == {f"order:{order.id}":
                     "Oslo kommune (kilde og konsument): bestilling hos Norsk helsenett"}


def test_order_goes_out_in_the_contacts_name(app: App) -> None:
    """By e-mail the order comes From avtaleflyt, Reply-To the contact who placed it, and is
    signed by them, not by avtaleflyt; NHN's JSON names them too."""
    oslo_both(app)
    c.execute(app, c.PlaceOrder(orgnr=OSLO, by=SIRI))
    (mail,) = order_mails(app)
    assert str(mail["From"]) == app.settings.mail_from
    assert str(mail["Reply-To"]) == f"Siri Koord <{SIRI}>"
    text = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Vennlig hilsen\nSiri Koord\nOslo kommune" in text
    assert "hilsen\navtaleflyt" not in text and "kilde og konsument" in text
    (order,) = orders(app)
    assert json.loads(order.payload)["ordered_by"]["email"] == SIRI
    assert (order.ordered_by_name, order.ordered_by_email) == ("Siri Koord", SIRI)


def test_only_the_signatory_or_pjd_lead_places_the_order(app: App) -> None:
    """An operator must name the contact; an IT contact or a stranger is refused; a person
    signed in orders in their own name only; nothing is prepared by a refusal."""
    oslo_both(app)
    with pytest.raises(InvalidInput) as unnamed:
        c.execute(app, c.PlaceOrder(orgnr=OSLO))
    assert unnamed.value.code is Code.ORDERER_REQUIRED
    for who in ("per@oslo.kommune.no", "kari@ks.no", "nobody@example.no"):
        with pytest.raises(Refused) as refused:
            c.execute(app, c.PlaceOrder(orgnr=OSLO, by=who))
        assert refused.value.code is Code.ORDERER_NOT_AUTHORISED
    with app.transaction() as s:
        ola = person(s, OLA)
    assert ola is not None
    with pytest.raises(Refused) as other:
        c.execute(app.acting_as(ola), c.PlaceOrder(orgnr=OSLO, by=SIRI))
    assert other.value.code is Code.ORDERER_NOT_SELF
    assert orders(app) == []
    c.execute(app.acting_as(ola), c.PlaceOrder(orgnr=OSLO))
    assert orders(app)[0].ordered_by_email == OLA


def test_an_order_placed_outside_avtaleflyt_is_recorded_with_nhns_reference(app: App) -> None:
    """Recorded with NHN's reference, the order is confirmed (both roles), sends nothing, the
    bruksvilkår can be signed, and a second order is refused while it stands."""
    oslo_both(app)
    c.execute(app, c.RecordOutsideOrder(orgnr=OSLO, reference="NHN-2026-77", by=SIRI))
    (order,) = orders(app)
    assert (order.status, order.channel, order.reference) == ("confirmed", "outside",
                                                             "NHN-2026-77")
    assert order.covers_participation_id is not None
    with app.transaction() as s:
        assert not [m for m in s.exec(select(OutboxMessage)) if m.key.startswith("nhn-order")]
    c.execute(app, c.RecordTerms(orgnr=OSLO, state="signed"))
    with pytest.raises(Refused) as again:
        c.execute(app, c.RecordOutsideOrder(orgnr=OSLO, reference="NHN-2"))
    assert again.value.code is Code.ORDER_IN_PLAY
    assert nhn.place_order(app, participation_of(app, OSLO, "kilde"), by=SIRI)[1] is None
    with app.transaction() as s:
        assert replay.check(s) == []


def test_her_id_is_digits_only(app: App) -> None:
    """A HER-id is the register's number: letters are refused when recorded, and one stored
    before that rule stops the order, naming it."""
    oslo_both(app)
    with pytest.raises(AvtaleflytError):
        c.build(c.UpdateOrganisation, orgnr=OSLO, her_id="81234A")
    with app.transaction() as s:
        org = s.exec(select(Organisation).where(Organisation.orgnr == OSLO)).one()
        org.her_id = "HER-81234"
    with pytest.raises(Refused) as refused:
        c.execute(app, c.PlaceOrder(orgnr=OSLO, by=SIRI))
    assert refused.value.code is Code.HER_ID_NOT_DIGITS
    assert orders(app) == []
