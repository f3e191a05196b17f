"""Security in a real browser: another organisation's pages are not found, a forged form is
refused, a renamed executable is refused with a clear message, and hostile names stay text."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from agreements.config import Settings
from agreements.core.enums import ContactRole
from tests.browser.conftest import open_page, sign_in
from tests.browser.worlds import STINE, stavanger
from tests.helpers import OSLO, add_contact
from tests.portal_helpers import serve
from tests.world import STAVANGER

# A person's name cannot hold < > or @ (it would read as an address in e-mail), so the hostile
# markup is tried in the portal's other tests on organisation names; here the rest of it.
HOSTILE = 'Áillohaš & "Čáhci", \'Ŋ\'; DROP TABLE contact;--'


def test_a_contact_meets_not_found_and_forged_or_bad_forms_are_refused(
        browser: Browser, settings: Settings) -> None:
    """Oslo's pages are 404 for Stavanger's lead; a changed CSRF token gives 403 and nothing;
    an .exe named .pdf is refused in bokmål; a hostile contact name is shown as typed."""
    app = stavanger(settings)
    add_contact(app, STAVANGER, HOSTILE, "it@stavanger.kommune.no", ContactRole.IT)
    dialogs: list[str] = []
    with serve(app.settings) as base:
        page = open_page(browser, base)
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        sign_in(page, app, base, STINE)
        for path in (f"/virksomhet/{OSLO}", f"/virksomhet/{OSLO}/sjekkliste", "/omrade/kommuner"):
            answer = page.goto(path)
            assert answer is not None and answer.status == 404
            expect(page.get_by_role("heading", name="Fant ikke siden")).to_be_visible()

        page.goto(f"/virksomhet/{STAVANGER}/kontakter")
        expect(page.get_by_role("cell", name=HOSTILE, exact=True)).to_be_visible()
        page.locator("input[name=csrf_token]").last.evaluate("e => e.value = '0'.repeat(64)")
        page.get_by_label("Navn").fill("Falsk")
        page.get_by_label("E-postadresse").fill("falsk@example.no")
        page.get_by_label("Rolle").select_option("it")
        with page.expect_response(f"**/virksomhet/{STAVANGER}/kontakter") as sent:
            page.get_by_role("button", name="Lagre kontakt").click()
        assert sent.value.status == 403
        expect(page.get_by_role("heading", name="Skjemaet er utløpt")).to_be_visible()
        page.goto(f"/virksomhet/{STAVANGER}/kontakter")
        expect(page.get_by_role("cell", name="Falsk")).to_have_count(0)

        page.goto(f"/virksomhet/{STAVANGER}/sjekkliste")
        ros = page.locator("article", has=page.get_by_role("heading", name="Risikovurdering"))
        ros.get_by_label("Fil med dokumentasjon").set_input_files(
            {"name": "ros.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00" * 64})
        ros.get_by_role("button", name="Lever").click()
        expect(page.get_by_role("alert")).to_contain_text("Filtypen er ikke tillatt")
    assert dialogs == []
    assert not (app.settings.data_dir / "uploads").exists()
