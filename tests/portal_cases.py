"""The portal as a front door of tests/test_actions.py: for each action the portal offers,
who signs in and which form they send (path, fields, files) in the world of tests/world.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from agreements.core.enums import ContactRole
from agreements.core.models import ChecklistItem
from tests.helpers import OSLO, add_contact, signed_copy
from tests.world import KLARA, KLINIKK, KLINIKK2, SPESIALIST, STAVANGER, World, one, pid

SIRI, KARI, NILS = "siri@oslo.kommune.no", "kari@ks.no", "nils@helse-nord.no"


def klinikk_contacts(w: World) -> None:
    """The konsumenter of the world have a contact who can sign in (Klara, their PJD lead)."""
    for orgnr in (KLINIKK, KLINIKK2):
        add_contact(w.app, orgnr, "Klara Klinikk", KLARA, ContactRole.COORDINATOR)


def item_id(w: World, orgnr: str, key: str) -> int:
    found: ChecklistItem = one(w.app, ChecklistItem, ChecklistItem.process_key == key,
                               ChecklistItem.occurrence == "",
                               ChecklistItem.participation_id == pid(w.app, orgnr))
    return found.id or 0


@dataclass
class PortalCase:
    who: str
    form: Callable[[World], tuple[str, dict[str, str]]]
    files: Callable[[World], dict[str, tuple[str, bytes, str]]] | None = None
    setup: Callable[[World], None] = field(default=lambda w: None)


PORTAL: dict[str, PortalCase] = {
    "save-contact": PortalCase(SIRI, lambda w: (
        f"/virksomhet/{OSLO}/kontakter",
        {"navn": "Per IT", "epost": "per@oslo.kommune.no", "rolle": "it"})),
    "remove-contact": PortalCase(KARI, lambda w: (
        f"/virksomhet/{OSLO}/kontakter/fjern",
        {"epost": "siri@oslo.kommune.no", "rolle": "coordinator"})),
    "update-organisation": PortalCase(SIRI, lambda w: (
        f"/virksomhet/{OSLO}/nhn/detaljer", {"her_id": "81234"})),
    "confirm-organiser": PortalCase(NILS, lambda w: (f"/virksomhet/{SPESIALIST}/organisator", {})),
    "create-agreement": PortalCase(KARI, lambda w: (f"/virksomhet/{STAVANGER}/avtale", {})),
    "send-agreement": PortalCase(KARI, lambda w: (f"/avtale/{w.draft}/send", {})),
    "withdraw-agreement": PortalCase(KARI, lambda w: (
        f"/avtale/{w.sent}/trekk-tilbake", {"grunn": "Feil mal"})),
    "terminate-agreement": PortalCase(KARI, lambda w: (
        f"/avtale/{w.sent}/si-opp", {"grunn": "Trekker seg fra PJD", "fra": ""})),
    "renew-agreement": PortalCase(KARI, lambda w: (f"/avtale/{w.sent}/forny", {})),
    "record-signature": PortalCase(SIRI, lambda w: (
        f"/avtale/{w.sent}/signatur", {"signer": "ola@oslo.kommune.no"}),
        files=lambda w: {"fil": ("signert.pdf", signed_copy(w.app, w.sent), "application/pdf")}),
    "complete-checklist-item": PortalCase(SIRI, lambda w: (
        f"/virksomhet/{OSLO}/sjekkliste/{item_id(w, OSLO, 'risikovurdering')}",
        {"lenke": "https://oslo.example/ros"})),
    "waive-checklist-item": PortalCase(KARI, lambda w: (
        f"/virksomhet/{OSLO}/sjekkliste/{item_id(w, OSLO, 'helseteknologiordningen')}/frafall",
        {"frafall_grunn": "Søker ikke"})),
    "review-checklist-item": PortalCase(KARI, lambda w: (
        f"/virksomhet/{OSLO}/sjekkliste/{item_id(w, OSLO, 'helsenett_medlemskap')}/vurdering",
        {"vurdering": "send_back", "grunn": "Mangler bekreftelse fra NHN"})),
    "place-nhn-order": PortalCase(KLARA, lambda w: (
        f"/virksomhet/{KLINIKK2}/nhn/bestill", {"uten_her_id": "ja"}), setup=klinikk_contacts),
    "record-nhn-confirmation": PortalCase(KLARA, lambda w: (
        f"/virksomhet/{KLINIKK}/nhn/bekreftelse", {"referanse": "NHN-1"}),
        setup=klinikk_contacts),
    "record-nhn-rejection": PortalCase(KLARA, lambda w: (
        f"/virksomhet/{KLINIKK}/nhn/avvisning", {"grunn": "Mangler HER-id"}),
        setup=klinikk_contacts),
    "record-terms": PortalCase(KLARA, lambda w: (
        f"/virksomhet/{KLINIKK}/nhn/bruksvilkar", {"tilstand": "link_received"}),
        setup=klinikk_contacts),
    "record-nhn-order-outside": PortalCase(KARI, lambda w: (
        f"/virksomhet/{OSLO}/nhn/utenfor", {"referanse": "NHN-9"})),
    "go-live": PortalCase(KARI, lambda w: (f"/virksomhet/{OSLO}/i-drift", {})),
}
