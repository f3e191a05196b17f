"""Every page of the portal, as each kind of person sees it, has no serious or critical
WCAG 2.1 violation that axe-core finds (public services in Norway must meet WCAG 2.1 AA)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from agreements import commands as c
from agreements.app import App
from agreements.config import Settings
from agreements.contracts import drafts, sending
from agreements.documents import uploads
from tests.browser.conftest import check_accessibility, open_page, sign_in
from tests.browser.worlds import KARI, STINE, stavanger
from tests.helpers import OSLO
from tests.portal_helpers import serve
from tests.world import STAVANGER, pid

ANONYMOUS = ["/", "/logg-inn/lenke?token=abc", "/finnes-ikke", f"/virksomhet/{OSLO}"]
MEMBER = ["/", f"/virksomhet/{STAVANGER}", f"/virksomhet/{STAVANGER}/sjekkliste",
          f"/virksomhet/{STAVANGER}/kontakter", f"/virksomhet/{STAVANGER}/nhn", "/avtale/1"]
COORDINATOR = ["/", "/omrade/kommuner", "/omrade/kommuner?fase=preparing&stille=1&sorter=fase",
               "/omrade/kommuner?sorter=over&synkende=1", "/omrade/kommuner/gjennomgang",
               f"/virksomhet/{OSLO}", f"/virksomhet/{OSLO}/sjekkliste", "/avtale/2",
               f"/virksomhet/{OSLO}/nhn", f"/virksomhet/{OSLO}/kontakter", "/filer",
               "/rapporter"]


def submit(page: Page, button: str) -> None:
    """Send the page's form with `button` and wait for the page that answers it: axe run on a
    page still navigating finds no document, and a text looked for there is not yet shown."""
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[App, str]]:
    """Stavanger's world, with Oslo's agreement out for signing and its DPIA handed in."""
    settings = Settings(data_dir=Path(tmp_path_factory.mktemp("a11y")) / "var", offline=True,
                        actor="test", allow_draft_templates=True,
                        nhn_email="bestilling@nhn.example")
    app = stavanger(settings)
    (oslo,) = drafts.create_agreements(app, [pid(app, OSLO)])
    sending.send(app, oslo.agreement_id)
    staged = uploads.stage(app, "dpia.pdf", b"%PDF-1.4\n%%EOF\n")
    c.complete_item(app, c.CompleteItem(orgnr=OSLO, item="dpia", evidence_file=staged))
    c.execute(app, c.StageRunFile(purpose="evidence", filename="ros.pdf", data=b"%PDF-1.4\n"))
    c.execute(app, c.RolloutReport(store=True))
    with serve(app.settings) as base:
        yield app, base


@pytest.mark.parametrize("path", ANONYMOUS)
def test_pages_for_a_visitor(browser: Browser, portal: tuple[App, str], path: str) -> None:
    """The sign-in page, the link page, 404 and 401 pages."""
    page = open_page(browser, portal[1])
    page.goto(path)
    check_accessibility(page)


def test_pages_after_a_form_is_sent(browser: Browser, portal: tuple[App, str]) -> None:
    """The answer to a sign-in request, a refused link, and a form with an error."""
    app, base = portal
    page = open_page(browser, base)
    page.goto("/")
    page.get_by_label("E-postadresse").fill("ikke-en-adresse@x")
    submit(page, "Send meg en innloggingslenke")
    check_accessibility(page)
    page.goto("/")
    page.get_by_label("E-postadresse").fill("noen@example.no")
    submit(page, "Send meg en innloggingslenke")
    check_accessibility(page)
    page.goto("/logg-inn/lenke?token=ugyldig-lenke-0123456789")
    submit(page, "Logg inn")
    check_accessibility(page)
    sign_in(page, app, base, STINE)
    page.goto(f"/virksomhet/{STAVANGER}/kontakter")
    page.get_by_label("Navn").fill("Per")
    page.get_by_label("E-postadresse").fill("per@")
    page.get_by_label("Rolle").select_option("it")
    page.evaluate("document.querySelector('#epost').type = 'text'")  # past the browser's check
    submit(page, "Lagre kontakt")
    assert page.get_by_text("Skriv en gyldig e-postadresse").is_visible()
    check_accessibility(page)


@pytest.mark.parametrize("path", MEMBER)
def test_pages_for_an_organisations_contact(browser: Browser, portal: tuple[App, str],
                                            path: str) -> None:
    """Status, checklist with its forms, contacts, NHN and the agreement, as the PJD lead."""
    page = open_page(browser, portal[1])
    sign_in(page, portal[0], portal[1], STINE)
    page.goto(path)
    check_accessibility(page)


@pytest.mark.parametrize("path", COORDINATOR)
def test_pages_for_a_coordinator(browser: Browser, portal: tuple[App, str], path: str) -> None:
    """The area with chart and filters, and an organisation's pages with the review forms."""
    page = open_page(browser, portal[1])
    sign_in(page, portal[0], portal[1], KARI)
    page.goto(path)
    check_accessibility(page)


def test_uploading_a_file_for_a_run(browser: Browser, portal: tuple[App, str],
                                    tmp_path: Path) -> None:
    """The page after a refused upload (a PDF as a CSV) and after one that is staged, with
    its code, as the organiser's coordinator sees them."""
    app, base = portal
    page = open_page(browser, base)
    sign_in(page, app, base, KARI)
    page.goto("/filer")
    pdf, csv = tmp_path / "liste.csv", tmp_path / "kommuner.csv"
    pdf.write_bytes(b"%PDF-1.4\n")
    csv.write_text("orgnr,role\n964338531,kilde\n", encoding="utf-8")
    page.get_by_label("CSV med virksomheter som skal registreres").check()
    page.get_by_label("Fil", exact=True).set_input_files(str(pdf))
    submit(page, "Last opp")
    assert page.get_by_text("Velg en CSV-fil").is_visible()
    check_accessibility(page)
    page.get_by_label("CSV med virksomheter som skal registreres").check()
    page.get_by_label("Fil", exact=True).set_input_files(str(csv))
    submit(page, "Last opp")
    assert page.get_by_role("status").get_by_text("er lastet opp med koden").is_visible()
    check_accessibility(page)


def test_the_check_catches_a_page_that_breaks_the_rules(browser: Browser,
                                                        portal: tuple[App, str]) -> None:
    """A field without a label and faint text are reported (the check is not a no-op)."""
    page = open_page(browser, portal[1])
    page.set_content('<html lang="nb"><title>x</title><main><input>'
                     '<p style="color:#ddd">svak tekst</p></main></html>')
    with pytest.raises(AssertionError, match=r"label \(critical\)"):
        check_accessibility(page)
