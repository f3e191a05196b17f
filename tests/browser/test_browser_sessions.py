"""Sessions and forms in a real browser: «Logg ut» ends a copy of the session in another
browser at once; a form that another origin's page sends is refused (with the cookie and
even the right CSRF token); a HER-id with letters is refused in bokmål. Each page is clean
under axe-core."""

from __future__ import annotations

import html
import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, expect
from sqlmodel import select

from agreements.app import App
from agreements.config import Settings
from agreements.core.models import Contact, Organisation
from tests.browser.conftest import check_accessibility, open_page, sign_in
from tests.browser.worlds import STINE, stavanger
from tests.portal_helpers import serve
from tests.world import STAVANGER


def test_sign_out_ends_a_copied_session(browser: Browser, settings: Settings) -> None:
    """Stine's cookie copied into a second browser works until she clicks «Logg ut»; then the
    copy meets the sign-in page, and its open form saves nothing."""
    app = stavanger(settings)
    with serve(app.settings) as base:
        page = open_page(browser, base)
        sign_in(page, app, base, STINE)
        copy = browser.new_context(base_url=base, locale="nb-NO")
        copy.add_cookies(page.context.cookies())
        other = copy.new_page()
        other.goto(f"/virksomhet/{STAVANGER}/kontakter")
        expect(other.get_by_role("button", name="Logg ut", exact=True)).to_be_visible()

        page.get_by_role("button", name="Logg ut", exact=True).click()
        expect(page.get_by_role("button", name="Send meg en innloggingslenke")).to_be_visible()
        other.get_by_label("Navn").fill("Kopiert Økt")
        other.get_by_label("E-postadresse").fill("kopi@stavanger.kommune.no")
        other.get_by_label("Rolle").select_option("it")
        other.get_by_role("button", name="Lagre kontakt").click()
        expect(other.get_by_role("button", name="Send meg en innloggingslenke")).to_be_visible()
        check_accessibility(other)
        other.goto("/")
        expect(other.get_by_role("button", name="Logg ut", exact=True)).to_have_count(0)
    with app.transaction() as s:
        assert s.exec(select(Contact).where(
            Contact.email == "kopi@stavanger.kommune.no")).first() is None


def test_a_form_from_another_origin_is_refused(browser: Browser, settings: Settings) -> None:
    """A page on another origin (another port of the same host: the cookie goes along) posts
    Stine's contact form with her CSRF token: the portal refuses it, says why, saves nothing."""
    app = stavanger(settings)
    with serve(app.settings) as base:
        page = open_page(browser, base)
        sign_in(page, app, base, STINE)
        page.goto(f"/virksomhet/{STAVANGER}/kontakter")
        token = page.locator("input[name=csrf_token]").last.input_value()
        form = (f'<!doctype html><html lang="nb"><title>Vinn en premie</title>'
                f'<form method="post" action="{base}/virksomhet/{STAVANGER}/kontakter">'
                f'<input type="hidden" name="csrf_token" value="{html.escape(token)}">'
                '<input type="hidden" name="navn" value="Falsk">'
                '<input type="hidden" name="epost" value="falsk@example.no">'
                '<input type="hidden" name="rolle" value="it">'
                '<button type="submit">Hent premien</button></form></html>')
        with elsewhere(form) as attacker:
            page.goto(attacker)
            with page.expect_response(re.compile(r".*/kontakter$")) as sent:
                page.get_by_role("button", name="Hent premien").click()
            assert sent.value.status == 403
            headers = sent.value.request.headers
            assert headers.get("origin") == attacker.rstrip("/")
        expect(page.get_by_role("heading", name="Skjemaet kom fra en annen nettside")
               ).to_be_visible()
        check_accessibility(page)
        page.goto(f"/virksomhet/{STAVANGER}/kontakter")
        expect(page.get_by_role("cell", name="Falsk")).to_have_count(0)


def test_a_her_id_with_letters_is_refused(browser: Browser, settings: Settings) -> None:
    """On the NHN page, «12ab» as HER-id is refused next to the field in bokmål and nothing is
    stored; «81234» is saved."""
    app = stavanger(settings)
    with serve(app.settings) as base:
        page = open_page(browser, base)
        sign_in(page, app, base, STINE)
        page.goto(f"/virksomhet/{STAVANGER}/nhn")
        page.get_by_role("textbox", name="HER-id").fill("12ab")
        page.get_by_role("button", name="Lagre opplysningene").click()
        expect(page.get_by_text("HER-id er et tall på høyst 10 sifre").first).to_be_visible()
        expect(page.get_by_role("textbox", name="HER-id")).to_have_attribute("aria-invalid", "true")
        check_accessibility(page)
        assert her_id(app) is None
        page.get_by_role("textbox", name="HER-id").fill("81234")
        page.get_by_role("button", name="Lagre opplysningene").click()
        expect(page.get_by_role("status")).to_contain_text("Lagret")
        assert her_id(app) == "81234"


def her_id(app: App) -> str | None:
    with app.transaction() as s:
        return s.exec(select(Organisation.her_id).where(Organisation.orgnr == STAVANGER)).one()


@contextmanager
def elsewhere(page: str) -> Iterator[str]:
    """A page served from another origin (another port on 127.0.0.1); yields its address."""

    class Handler(http.server.BaseHTTPRequestHandler):
        disable_nagle_algorithm = True  # as tests/loopback.py's

        def do_GET(self) -> None:
            body = page.encode()
            self.send_response(200)
            self.send_header("content-type", "text/html; charset=utf-8")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
