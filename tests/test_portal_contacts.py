"""Contacts in the portal: an organisation keeps its own, but at an organiser the roles that
reach a whole area (coordinator) or sign for it (signatory) are given only by its coordinators."""

from __future__ import annotations

from sqlmodel import select

from agreements.app import App
from agreements.config import Settings
from agreements.core.models import Contact
from tests.helpers import KS
from tests.portal_helpers import post, serve, signed_in
from tests.world import build_world


def contacts_named(w_app: App, email: str) -> list[str]:
    with w_app.transaction() as s:
        return [c.role for c in s.exec(select(Contact).where(Contact.email == email))]


def test_an_organisers_signatory_cannot_make_itself_coordinator(settings: Settings) -> None:
    """KS's signatory posting itself as KS coordinator is refused in bokmål; nothing stored."""
    w = build_world(settings.model_copy(update={"pdf": False}))
    with serve(w.app.settings) as base, signed_in(w.app, base, "kim@ks.no") as client:
        answer = post(client, f"/virksomhet/{KS}/kontakter",
                      {"navn": "Kim Leder", "epost": "kim@ks.no", "rolle": "coordinator"})
    assert answer.status_code == 400 and "Bare organisatorens koordinatorer" in answer.text
    assert contacts_named(w.app, "kim@ks.no") == ["signatory"]


def test_a_coordinator_adds_a_colleague_as_coordinator(settings: Settings) -> None:
    """KS's coordinator may give a colleague the coordinator role."""
    w = build_world(settings.model_copy(update={"pdf": False}))
    with serve(w.app.settings) as base, signed_in(w.app, base, "kari@ks.no") as client:
        answer = post(client, f"/virksomhet/{KS}/kontakter",
                      {"navn": "Kåre Kollega", "epost": "kare@ks.no", "rolle": "coordinator"})
    assert answer.status_code == 200, answer.text
    assert contacts_named(w.app, "kare@ks.no") == ["coordinator"]


def test_a_signer_asked_now_cannot_be_removed(settings: Settings) -> None:
    """Removing Ola, who is asked to sign Oslo's agreement now, is refused in bokmål."""
    w = build_world(settings.model_copy(update={"pdf": False}))
    with serve(w.app.settings) as base, signed_in(w.app, base, "kari@ks.no") as client:
        answer = post(client, "/virksomhet/958935420/kontakter/fjern",
                      {"epost": "ola@oslo.kommune.no", "rolle": "signatory"})
    assert answer.status_code == 400 and "trekke avtalen tilbake" in answer.text
    assert contacts_named(w.app, "ola@oslo.kommune.no") == ["signatory"]


def test_a_signatory_who_left_is_replaced(settings: Settings) -> None:
    """Oslo's agreement is withdrawn, Nina replaces Ola: Ola is kept on record (his signature
    request names him) but marked removed; the next agreement goes to Nina, Ola can no longer
    sign in, and registering Ola again brings him back."""
    from agreements.access import rules
    from agreements.contracts import drafts, ending, sending
    from agreements.core.enums import ContactRole
    from agreements.core.models import Signature
    from agreements.registry import contacts
    from tests.helpers import OSLO, add_contact
    from tests.world import pid

    w = build_world(settings.model_copy(update={"pdf": False}))
    ending.withdraw(w.app, w.sent, "Ola har sluttet")
    add_contact(w.app, OSLO, "Nina Ny", "nina@oslo.kommune.no", ContactRole.SIGNATORY)
    said = contacts.remove(w.app, OSLO, "ola@oslo.kommune.no", ContactRole.SIGNATORY)
    assert "removed" in said
    (new,) = drafts.create_agreements(w.app, [pid(w.app, OSLO)])
    sending.send(w.app, new.agreement_id)
    with w.app.transaction() as s:
        signers = s.exec(select(Contact.email).join(Signature, Signature.contact_id == Contact.id)
                         .where(Signature.agreement_id == new.agreement_id)
                         .order_by(Signature.position)).all()
        assert rules.person(s, "ola@oslo.kommune.no") is None
        (ola,) = s.exec(select(Contact).where(Contact.email == "ola@oslo.kommune.no")).all()
        assert ola.removed_at is not None  # still named by the withdrawn agreement's signature
    assert signers == ["nina@oslo.kommune.no", "kim@ks.no"]
    add_contact(w.app, OSLO, "Ola Nordmann", "ola@oslo.kommune.no", ContactRole.SIGNATORY)
    with w.app.transaction() as s:
        assert rules.person(s, "ola@oslo.kommune.no") is not None
