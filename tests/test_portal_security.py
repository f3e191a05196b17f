"""The portal's security over HTTP, against a real server on loopback: another organisation's
pages and actions are not found, a kommune contact reaches nothing of a coordinator's, sign-in
links work once, every POST needs its CSRF token, bad uploads are refused with nothing stored,
and hostile names are shown as text."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlmodel import func, select

from agreements.config import Settings
from agreements.core.models import AuditEvent, ChecklistItem, OutboxMessage
from tests import loopback
from tests.conftest import make_app
from tests.helpers import OSLO
from tests.portal_cases import item_id
from tests.portal_helpers import csrf, follow_link, link_for, post, serve, signed_in
from tests.test_access import LaterClock
from tests.world import BERGEN, World, build_world

BERIT, SIRI, KARI = "berit@bergen.kommune.no", "siri@oslo.kommune.no", "kari@ks.no"
PDF = b"%PDF-1.4\n% kopi\n%%EOF\n"


@pytest.fixture
def world(settings: Settings) -> World:
    """The world of tests/test_actions.py, without PDFs."""
    return build_world(settings.model_copy(update={"pdf": False}))


@pytest.fixture
def any_world(settings: Settings, db_url: str) -> World:
    """The same world on SQLite and on PostgreSQL."""
    return build_world(settings.model_copy(update={"pdf": False, "database_url": db_url}))


def written(w: World) -> tuple[int, int]:
    """How many audit events and outbox messages there are (a refusal adds none)."""
    with w.app.transaction() as s:
        return (s.exec(select(func.count()).select_from(AuditEvent)).one(),
                s.exec(select(func.count()).select_from(OutboxMessage)).one())


def oslo_items(w: World) -> list[int]:
    with w.app.transaction() as s:
        return [i.id or 0 for i in s.exec(select(ChecklistItem).where(
            ChecklistItem.participation_id == 1))]


def test_another_organisations_pages_and_actions_are_not_found(any_world: World) -> None:
    """Bergen's signatory gets 404 for every page, file and form of Oslo, by orgnr, agreement
    id or item id (guessed or copied), and nothing is written."""
    w = any_world
    items = oslo_items(w)
    pages = [f"/virksomhet/{OSLO}{p}" for p in ("", "/sjekkliste", "/kontakter", "/nhn")]
    pages += [f"/virksomhet/{OSLO}/sjekkliste/{i}/dokumentasjon" for i in items]
    pages += [f"/virksomhet/{BERGEN}/sjekkliste/{i}/dokumentasjon" for i in items]
    pages += [f"/avtale/{w.sent}", f"/avtale/{w.sent}/dokument/docx", "/avtale/999",
              *(f"/omrade/kommuner{p}" for p in ("", "/graf.svg", "/gjennomgang")), "/virksomhet/9"]
    forms = [f"/virksomhet/{OSLO}/{p}" for p in (
        "kontakter", "nhn/detaljer", "nhn/bestill", "nhn/bekreftelse", "nhn/avvisning",
        "nhn/bruksvilkar", "i-drift")]
    forms += [f"/virksomhet/{o}/sjekkliste/{i}{end}" for o in (OSLO, BERGEN) for i in items
              for end in ("", "/vurdering")]
    forms += [f"/avtale/{w.sent}/{p}" for p in ("signatur", "send", "trekk-tilbake")]
    fields = {"navn": "X", "epost": "x@example.no", "rolle": "it", "her_id": "1",
              "referanse": "R", "grunn": "G", "tilstand": "signed", "lenke": "https://x.no",
              "vurdering": "accept", "signer": "ola@oslo.kommune.no"}
    with serve(w.app.settings) as base, signed_in(w.app, base, BERIT) as client:
        before = written(w)
        assert client.get(f"/avtale/{w.draft}").status_code == 200  # Bergen's own: fine
        for path in pages:
            answer = client.get(path)
            assert answer.status_code == 404, path
            assert "Oslo" not in answer.text
        token = csrf(client.get("/").text)
        for path in forms:
            answer = client.post(path, data={"csrf_token": token, **fields},
                                 files={"fil": ("x.pdf", PDF, "application/pdf")})
            assert answer.status_code == 404, path
    assert written(w) == before


def test_a_kommune_contact_reaches_nothing_of_a_coordinators(any_world: World) -> None:
    """Oslo's PJD lead sees Oslo but not the area, and cannot review, send, withdraw or set
    Oslo live; the coordinator's buttons are not on its pages."""
    w = any_world
    done = item_id(w, OSLO, "helsenett_medlemskap")
    with serve(w.app.settings) as base, signed_in(w.app, base, SIRI) as client:
        before = written(w)
        for path in (*(f"/omrade/{a}{p}" for a in ("kommuner", "helse-nord")
                       for p in ("", "/graf.svg", "/gjennomgang")),):
            assert client.get(path).status_code == 404
        for path in (f"/virksomhet/{OSLO}/sjekkliste/{done}/vurdering", f"/avtale/{w.sent}/send",
                     f"/avtale/{w.sent}/trekk-tilbake", f"/virksomhet/{OSLO}/i-drift"):
            answer = post(client, path, {"vurdering": "accept", "grunn": "x"}, page="/")
            assert answer.status_code == 404, path
        checklist = client.get(f"/virksomhet/{OSLO}/sjekkliste").text
        assert "Godkjenn" not in checklist and "Send tilbake" not in checklist
        assert "Trekk tilbake" not in client.get(f"/avtale/{w.sent}").text
    assert written(w) == before


def test_used_expired_or_altered_links_are_refused(world: World) -> None:
    """A link works once; an altered one and one older than 30 minutes never; the refusal is
    bokmål and the visitor stays signed out."""
    w = world
    with serve(w.app.settings) as base, loopback.client(base_url=base) as client:
        link = link_for(w.app, base, SIRI)
        assert follow_link(client, link).status_code == 303
        with loopback.client(base_url=base) as other:
            used = follow_link(other, link)
            assert used.status_code == 400 and "allerede brukt" in used.text
            altered = follow_link(other, link_for(w.app, base, SIRI)[:-2] + "xx")
            assert altered.status_code == 400 and "ikke gyldig" in altered.text
            assert "Logg ut" not in other.get("/").text
    expired_link = link_for(w.app, "http://127.0.0.1", SIRI)
    with serve(w.app.settings, clock=LaterClock(ahead=timedelta(minutes=31))) as base, \
            loopback.client(base_url=base) as client:
        answer = follow_link(client, base + expired_link.removeprefix("http://127.0.0.1"))
        assert answer.status_code == 400 and "utløpt" in answer.text


def test_a_post_without_a_valid_csrf_token_is_refused(world: World) -> None:
    """No token, a wrong one, or another visit's token: 403, and nothing changes."""
    w = world
    path, data = f"/virksomhet/{OSLO}/kontakter", {"navn": "Per", "epost": "per@oslo.no",
                                                     "rolle": "it"}
    with serve(w.app.settings) as base, signed_in(w.app, base, SIRI) as client, \
            loopback.client(base_url=base) as stranger:
        before = written(w)
        theirs = csrf(stranger.get("/").text)
        for token in (None, "0" * 64, theirs):
            sent = data if token is None else {**data, "csrf_token": token}
            answer = client.post(path, data=sent)
            assert answer.status_code == 403 and "Skjemaet er utløpt" in answer.text
        assert client.post("/logg-ut", data={}).status_code == 403
        assert stranger.post("/logg-inn", data={"email": SIRI}).status_code == 403
        assert "Logg ut" in client.get("/").text
    assert written(w) == before


EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 200


@pytest.mark.parametrize(("name", "data", "said"), [
    ("ros.pdf", b"", "Filen er tom."),
    ("ros.pdf", EXE, "Filtypen er ikke tillatt"),
    ("ros.docx", ELF, "Filtypen er ikke tillatt"),
    ("ros.docx", b"PK\x03\x04 not a real zip", "Filtypen er ikke tillatt"),
    ("ros.pdf", b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024), "Filen er for stor"),
    ("ros.pdf", b"%PDF-1.4\n" + b"0" * (30 * 1024 * 1024), "Filen er for stor"),
])
def test_a_bad_upload_is_refused_clearly_and_nothing_is_stored(
        world: World, name: str, data: bytes, said: str) -> None:
    """Empty, too large (by the form or by the body cap) or not the type its content says:
    one clear bokmål message; no staged file, no document, no audit event, the item open."""
    w = world
    item = item_id(w, OSLO, "risikovurdering")
    with serve(w.app.settings) as base, signed_in(w.app, base, SIRI) as client:
        before = written(w)
        answer = post(client, f"/virksomhet/{OSLO}/sjekkliste/{item}", {},
                      {"fil": (name, data, "application/pdf")}, page="/")
    assert answer.status_code in (400, 413) and said in answer.text
    assert not (w.app.settings.data_dir / "uploads").exists()
    assert not list(w.app.settings.documents_dir.rglob("risikovurdering-*"))
    assert written(w) == before


def test_a_signed_copy_must_be_a_pdf_by_its_content(world: World) -> None:
    """A Word file named .pdf is refused as a signed copy; the signature stays pending."""
    from io import BytesIO

    import docx

    buffer = BytesIO()
    docx.Document().save(buffer)
    w = world
    with serve(w.app.settings) as base, signed_in(w.app, base, SIRI) as client:
        before = written(w)
        answer = post(client, f"/avtale/{w.sent}/signatur", {"signer": "ola@oslo.kommune.no"},
                      {"fil": ("signert.pdf", buffer.getvalue(), "application/pdf")}, page="/")
    assert answer.status_code == 400 and "Tillatt: PDF" in answer.text
    assert written(w) == before


def test_hostile_names_are_shown_as_text_everywhere(settings: Settings) -> None:
    """Markup, ampersands, quotes and Sámi letters in names come out escaped, never as tags
    (a person's name cannot hold < > or @ at all: it would read as an address in e-mail; an
    organisation's no < >, so the one here was stored before that rule)."""
    from agreements.core.enums import ContactRole
    from agreements.core.models import Organisation
    from agreements.errorcodes import Code
    from agreements.errors import InvalidInput
    from tests.helpers import SPECIALIST, add_contact, specialist_kilde

    hostile = '<script>alert("x")</script> & \'Čáhcesuolu\' Ŋ'
    person = 'Ola "Q" & \'Čáhcesuolu\' Ŋ'
    app = make_app(settings.model_copy(update={"pdf": False}))
    with pytest.raises(InvalidInput) as refused:
        specialist_kilde(app, name=hostile)
    assert refused.value.code is Code.MARKUP_IN_NAME
    specialist_kilde(app)
    with app.transaction() as s:
        s.exec(select(Organisation).where(Organisation.orgnr == SPECIALIST)).one().navn = hostile
    with pytest.raises(InvalidInput, match="contains @, < or >"):
        add_contact(app, SPECIALIST, hostile, "hostile@example.no", ContactRole.IT)
    add_contact(app, SPECIALIST, person, "hostile@example.no", ContactRole.IT)
    escaped = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;Čáhcesuolu&#39; Ŋ"
    with serve(app.settings) as base, signed_in(app, base, "nils@helse-nord.no") as client:
        for path in ("/omrade/helse-nord", f"/virksomhet/{SPECIALIST}",
                     f"/virksomhet/{SPECIALIST}/kontakter", f"/virksomhet/{SPECIALIST}/sjekkliste",
                     f"/virksomhet/{SPECIALIST}/nhn"):
            text = client.get(path).text
            assert "<script>" not in text and escaped in text, path
        contacts = client.get(f"/virksomhet/{SPECIALIST}/kontakter").text
        assert "Ola &#34;Q&#34; &amp; &#39;Čáhcesuolu&#39; Ŋ" in contacts
        assert "<script>" not in client.get("/omrade/helse-nord/graf.svg").text


def test_the_cookie_is_httponly_lax_expiring_and_secure_outside_localhost(world: World) -> None:
    """HttpOnly, SameSite=Lax, Max-Age of the session hours; Secure when the portal is https."""
    with serve(world.app.settings) as base:
        cookie = loopback.get(base + "/").headers["set-cookie"]
    assert re.search(r"HttpOnly; SameSite=Lax", cookie) and "Max-Age=28800" in cookie
    assert "Secure" not in cookie
    with serve(world.app.settings, portal_url="https://portal.example.no") as base:
        assert "; Secure" in loopback.get(base + "/").headers["set-cookie"]


def test_pages_carry_security_headers(world: World) -> None:
    """CSP without inline scripts, no referrer (the sign-in page's address holds a token)."""
    with serve(world.app.settings) as base:
        headers = loopback.get(base + "/logg-inn/lenke?token=abc").headers
    assert headers["referrer-policy"] == "no-referrer"
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"


def test_sign_in_requests_are_rate_limited_over_http(world: World) -> None:
    """The sixth request for one address within the hour is refused, in bokmål."""
    with serve(world.app.settings) as base, loopback.client(base_url=base) as client:
        answers = [client.post("/logg-inn", data={"csrf_token": csrf(client.get("/").text),
                                                  "email": SIRI}) for _ in range(6)]
    assert [a.status_code for a in answers] == [200] * 5 + [400]
    assert "mange innloggingslenker" in answers[-1].text
