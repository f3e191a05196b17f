"""The story of the issue, in a real browser: Stavanger's PJD lead signs in from the e-mailed
link, hands in the risk assessment and adds a signatory; KS's coordinator sends it back, the
lead hands it in again, the coordinator accepts and sends the agreement; the phase changes."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from agreements.config import Settings
from tests.browser.conftest import emailed_link, open_page, sign_in
from tests.browser.worlds import KARI, STINE, stavanger
from tests.portal_helpers import serve
from tests.world import STAVANGER

PDF = b"%PDF-1.4\n% Risikovurdering for Stavanger kommune\n%%EOF\n"


def item(page: Page, title: str):  # type: ignore[no-untyped-def]
    return page.locator("article", has=page.get_by_role("heading", name=title, exact=True))


def hand_in(page: Page, version: str) -> None:
    page.goto(f"/virksomhet/{STAVANGER}/sjekkliste")
    ros = item(page, "Risikovurdering")
    ros.get_by_label("Fil med dokumentasjon").set_input_files({
        "name": f"ROS {version}.pdf", "mimeType": "application/pdf",
        "buffer": PDF + version.encode()})
    ros.get_by_role("button", name="Lever").click()
    expect(page.get_by_role("status")).to_have_text("Dokumentasjonen er levert.")


def test_the_lead_and_the_coordinator_take_the_item_through_review(
        browser: Browser, settings: Settings) -> None:
    """Sign-in by e-mail, hand-in, a new signatory, send-back, hand-in, accept, phase change."""
    app = stavanger(settings)
    outbox = app.settings.outbox_dir
    with serve(app.settings) as base:
        lead = open_page(browser, base)
        lead.goto("/")
        lead.get_by_label("E-postadresse").fill(STINE)
        lead.get_by_role("button", name="Send meg en innloggingslenke").click()
        expect(lead.get_by_role("heading", name="Sjekk e-posten din")).to_be_visible()
        lead.goto(emailed_link(outbox, STINE, base))
        lead.get_by_role("button", name="Logg inn").click()
        expect(lead.get_by_role("heading", name="Hei, Stine Stavang")).to_be_visible()
        lead.get_by_role("link", name="Stavanger kommune").click()
        expect(lead.get_by_role("heading", level=2).first).to_have_text("Forberedes")

        hand_in(lead, "v1")
        lead.get_by_role("link", name="Kontakter", exact=True).click()
        lead.get_by_label("Navn").fill("Sigurd Signatar")
        lead.get_by_label("E-postadresse").fill("sigurd@stavanger.kommune.no")
        lead.get_by_label("Rolle").select_option("signatory")
        lead.get_by_label("Tittel").fill("Kommunedirektør")
        lead.get_by_role("button", name="Lagre kontakt").click()
        expect(lead.get_by_role("cell", name="Sigurd Signatar", exact=True)).to_be_visible()

        coordinator = open_page(browser, base)
        sign_in(coordinator, app, base, KARI)
        coordinator.get_by_role("link", name="Kommunene (KS)").click()
        row = coordinator.get_by_role("row", name="Stavanger kommune")
        expect(row).to_contain_text("Gjennomgang av dokumentasjon (1)")
        row.get_by_role("link", name="Stavanger kommune").click()
        coordinator.get_by_role("link", name="Sjekkliste", exact=True).click()
        ros = item(coordinator, "Risikovurdering")
        ros.get_by_label("Begrunnelse for å sende tilbake").fill("Mangler vurdering av logging")
        ros.get_by_role("button", name="Send tilbake").click()
        expect(coordinator.get_by_role("status")).to_contain_text("Sendt tilbake")
        assert list(outbox.glob("*sent-back*"))

        lead.goto(f"/virksomhet/{STAVANGER}/sjekkliste")
        expect(item(lead, "Risikovurdering")).to_contain_text("Mangler vurdering av logging")
        hand_in(lead, "v2")
        coordinator.reload()
        item(coordinator, "Risikovurdering").get_by_role("button", name="Godkjenn").click()
        expect(coordinator.get_by_role("status")).to_have_text("Godkjent.")
        lead.reload()
        expect(item(lead, "Risikovurdering")).to_contain_text("Godkjent")

        coordinator.goto(f"/virksomhet/{STAVANGER}")
        coordinator.get_by_role("link", name="Se samarbeidsavtalen").click()
        coordinator.get_by_role("button", name="Send til signering").click()
        expect(coordinator.get_by_role("status")).to_have_text("Avtalen er sendt til signering.")
        lead.goto(f"/virksomhet/{STAVANGER}")
        expect(lead.get_by_role("heading", level=2).first).to_have_text("Venter på signaturer")
        expect(lead.get_by_role("link", name="Signatur fra Sigurd Signatar")).to_be_visible()
