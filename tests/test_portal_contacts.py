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


def test_a_signer_stays_on_record(settings: Settings) -> None:
    """Removing Ola, who is asked to sign Oslo's agreement, is refused in bokmål."""
    w = build_world(settings.model_copy(update={"pdf": False}))
    with serve(w.app.settings) as base, signed_in(w.app, base, "kari@ks.no") as client:
        answer = post(client, "/virksomhet/958935420/kontakter/fjern",
                      {"epost": "ola@oslo.kommune.no", "rolle": "signatory"})
    assert answer.status_code == 400 and "blir stående" in answer.text
    assert contacts_named(w.app, "ola@oslo.kommune.no") == ["signatory"]
