"""The portal's pages over HTTP: signing in, what each person sees, forms checked in bokmål,
refusals in bokmål and never a traceback, the links in e-mails, and starting it safely."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlmodel import select, text

from agreements.app import Clock
from agreements.config import Settings
from agreements.core.calendar import add_working_days
from agreements.core.enums import ContactRole
from agreements.core.models import OutboxMessage
from agreements.errors import InvalidInput
from agreements.followup import run
from portal import create_app, forms
from tests import loopback
from tests.helpers import OSLO, add_contact
from tests.portal_cases import item_id
from tests.portal_helpers import csrf, link_in, post, serve, signed_in
from tests.waiting import wait_for
from tests.world import KLINIKK, World, build_world

SIRI, KARI = "siri@oslo.kommune.no", "kari@ks.no"


@pytest.fixture
def world(settings: Settings) -> World:
    return build_world(settings.model_copy(update={"pdf": False}))


def test_signing_in_from_the_emailed_link(world: World) -> None:
    """The same answer for a known and an unknown address; only the known one gets an e-mail,
    and its link signs in."""
    with serve(world.app.settings) as base, loopback.client(base_url=base,
                                                          follow_redirects=True) as client:
        answers = []
        for address in (SIRI, "ukjent@example.no"):
            token = csrf(client.get("/").text)
            answer = client.post("/logg-inn", data={"csrf_token": token, "email": address})
            answers.append(answer.text.replace(address, "ADDRESS"))
        assert answers[0] == answers[1] and "Sjekk e-posten din" in answers[0]
        outbox = world.app.settings.outbox_dir
        wait_for(lambda: list(outbox.glob("*signin*.eml")),  # it leaves after the answer
                 "the sign-in e-mail")
        (eml,) = outbox.glob("*signin*.eml")
        page = client.get(link_in(eml).replace("http://127.0.0.1:8000", base))
        answer = client.post("/logg-inn/lenke", data={
            "csrf_token": csrf(page.text),
            "token": re.search(r'name="token" value="([^"]+)"', page.text).group(1)})  # type: ignore[union-attr]
        assert "Hei, Siri Koord" in answer.text and "Oslo kommune" in answer.text


def test_a_visitor_who_is_not_signed_in_sees_the_sign_in_page_only(world: World) -> None:
    """An organisation's page without a session answers 401 with the sign-in form."""
    with serve(world.app.settings) as base:
        answer = loopback.get(f"{base}/virksomhet/{OSLO}")
    assert answer.status_code == 401 and "Send meg en innloggingslenke" in answer.text
    assert "Oslo" not in answer.text


def test_the_front_page_lists_what_the_person_reaches(world: World) -> None:
    """The coordinator sees its area; the PJD lead its organisation and no area."""
    with serve(world.app.settings) as base:
        with signed_in(world.app, base, KARI) as kari:
            assert 'href="/omrade/kommuner"' in kari.get("/").text
        with signed_in(world.app, base, SIRI) as siri:
            home = siri.get("/").text
            assert f'href="/virksomhet/{OSLO}"' in home and "/omrade/" not in home


def test_forms_are_checked_in_bokmal_and_nothing_is_written(world: World) -> None:
    """A bad e-mail, link or missing reference: a bokmål message at the field, status 400."""
    item = item_id(world, OSLO, "risikovurdering")
    cases = [(f"/virksomhet/{OSLO}/kontakter", {"navn": "Per", "epost": "per@", "rolle": "it"},
              "Skriv en gyldig e-postadresse"),
             (f"/virksomhet/{OSLO}/kontakter", {"navn": " ", "epost": "p@x.no", "rolle": "it"},
              "Fyll inn navn"),
             (f"/virksomhet/{OSLO}/kontakter", {"navn": "Per", "epost": "p@x.no", "rolle": "boss"},
              "Velg et av alternativene"),
             (f"/virksomhet/{OSLO}/sjekkliste/{item}", {"lenke": "ftp://x"}, "https://"),
             (f"/virksomhet/{OSLO}/sjekkliste/{item}", {}, "Last opp en fil, gi en lenke"),
             (f"/virksomhet/{KLINIKK}/nhn/bekreftelse", {"referanse": ""}, None)]
    with serve(world.app.settings) as base, signed_in(world.app, base, SIRI) as client:
        for path, data, said in cases:
            answer = post(client, path, data, page="/")
            if said is None:
                assert answer.status_code == 404  # Siri does not reach the klinikk
                continue
            assert answer.status_code == 400 and said in answer.text, path
            assert 'aria-invalid="true"' in answer.text
    assert "Per" not in [c for c in open_contacts(world)]


def open_contacts(w: World) -> list[str]:
    from agreements.core.models import Contact

    with w.app.transaction() as s:
        return [c.name for c in s.exec(select(Contact))]


def test_a_refusal_is_bokmal_and_a_crash_shows_no_traceback(world: World) -> None:
    """Handing in a done item says so in bokmål; a broken database gives the 500 page."""
    done = item_id(world, OSLO, "helsenett_medlemskap")
    with serve(world.app.settings) as base, signed_in(world.app, base, SIRI) as client:
        answer = post(client, f"/virksomhet/{OSLO}/sjekkliste/{done}",
                      {"lenke": "https://oslo.example/x"}, page="/")
        assert answer.status_code == 400 and "Punktet er allerede utført." in answer.text
        assert "cannot" not in answer.text
        with world.app.engine.begin() as conn:
            conn.execute(text("DROP TABLE signinattempt"))
            conn.execute(text("ALTER TABLE contact RENAME TO contact_gone"))
        crashed = client.get("/")
        assert crashed.status_code == 500 and "Noe gikk galt hos oss" in crashed.text
        assert "Traceback" not in crashed.text and "sqlite" not in crashed.text.lower()


def test_the_links_in_emails_open_the_page_where_the_recipient_acts(world: World) -> None:
    """After three weeks of follow-up, no e-mail names a CLI command, and every portal link in
    them opens (200) for the person it was sent to."""
    add_contact(world.app, KLINIKK, "Klara Klinikk", "klara@klinikk.example",
                ContactRole.COORDINATOR)
    later = world.app.acting_as("test")
    later.clock = Clock(add_working_days(world.app.clock.today(), 15))
    run.run(later)
    with world.app.transaction() as s:
        sent = list(s.exec(select(OutboxMessage).where(OutboxMessage.channel == "email")))
    assert not [m.key for m in sent if re.search(r"avtaleflyt (checklist|nhn|agreement)", m.body)]
    links = [(m.recipient, url) for m in sent
             for url in re.findall(r"http://127\.0\.0\.1:8000(/\S+)", m.body)]
    kinds = {re.sub(r"\d+", "N", url) for _, url in links}
    assert {"/avtale/N", "/virksomhet/N/sjekkliste", "/virksomhet/N/nhn"} <= kinds
    with serve(world.app.settings) as base:
        for recipient, url in links:
            email = re.search(r"<([^>]+)>", recipient).group(1)  # type: ignore[union-attr]
            with signed_in(world.app, base, email) as client:
                assert client.get(url).status_code == 200, (email, url)


def test_the_portal_needs_a_secret_key_except_the_demo_on_localhost(settings: Settings) -> None:
    """No key: refused, unless AVTALEFLYT_DEMO on 127.0.0.1; never in demo on another host."""
    plain = settings.model_copy(update={"secret_key": None})
    with pytest.raises(InvalidInput, match="AVTALEFLYT_SECRET_KEY"):
        create_app(plain)
    from tests.conftest import make_app

    make_app(plain)
    demo = plain.model_copy(update={"demo": True})
    assert create_app(demo).state.portal is not None
    with pytest.raises(InvalidInput):
        create_app(demo, host="0.0.0.0")


def test_uploads_are_recognised_by_their_content() -> None:
    """PDF, PNG, JPEG, DOCX and XLSX by content; a zip that is neither is refused."""
    import io
    import zipfile

    import docx

    def ooxml(marker: str) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            z.writestr("[Content_Types].xml", f'<Types><Override ContentType="{marker}"/></Types>')
        return buffer.getvalue()

    word = io.BytesIO()
    docx.Document().save(word)
    assert forms.kind_of(b"%PDF-1.7") == "pdf" and forms.kind_of(b"\x89PNG\r\n\x1a\n") == "png"
    assert forms.kind_of(b"\xff\xd8\xff\xe0") == "jpeg" and forms.kind_of(word.getvalue()) == "docx"
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    assert forms.kind_of(ooxml(xlsx)) == "xlsx"
    assert forms.kind_of(ooxml("application/zip")) is None
    assert forms.kind_of(b"MZ\x90\x00") is None


def test_the_area_overview_filters_and_sorts(world: World) -> None:
    """By phase, and stuck after N working days; sortable by column (aria-sort marks it)."""
    later = world.app.acting_as("test")
    later.clock = Clock(world.app.clock.today() + timedelta(days=30))
    with serve(world.app.settings, clock=later.clock) as base, signed_in(later, base, KARI) as c:
        everyone = c.get("/omrade/kommuner").text
        assert "Bergen kommune" in everyone and "Oslo kommune" in everyone
        signing = c.get("/omrade/kommuner?fase=awaiting+signatures").text
        assert "Oslo kommune" in signing and "Bergen kommune" not in signing
        assert "står stille" in c.get("/omrade/kommuner?stille=1").text
        by_phase = c.get("/omrade/kommuner?sorter=fase&synkende=1").text
        assert 'aria-sort="descending"' in by_phase
        assert by_phase.index("Oslo kommune") < by_phase.index("Bergen kommune")
        assert c.get("/omrade/kommuner/graf.svg").headers["content-type"] == "image/svg+xml"
        by_overdue = c.get("/omrade/kommuner?sorter=over&synkende=1").text
        assert "Neste frist" in by_overdue and "Virkedager over fristen" in by_overdue
        row = by_overdue[by_overdue.index("Oslo kommune"):].split("</tr>")[0]
        assert row.count("Oslo kommune") == 1  # the name once per line
        stavanger = everyone[everyone.index("Stavanger kommune"):].split("</tr>")[0]
        assert "En signatar for samarbeidsavtalen registreres" in stavanger


def test_review_queue_lists_what_waits_with_its_document_types(world: World) -> None:
    """The coordinator's queue lists every handed-in item of the area awaiting review, the
    forhåndsvurdering with the document types it chose; reviewed items leave it."""
    from agreements import commands as c

    app = world.app
    c.execute(app, c.CompleteItem(orgnr=OSLO, item="forhandsvurdering_dokumenttyper",
                                  evidence_url="https://oslo.example/fv",
                                  document_types=["Epikriser: fra sykehjem", "Pleieplaner"]))
    with serve(app.settings) as base, signed_in(app, base, KARI) as client:
        queue = client.get("/omrade/kommuner/gjennomgang").text
        assert "Forhåndsvurdering" in queue and "Epikriser: fra sykehjem" in queue
        assert "Pleieplaner" in queue and "Åpne lenken" in queue
    c.execute(app, c.ReviewItem(orgnr=OSLO, item="forhandsvurdering_dokumenttyper",
                                decision="accept"))
    with serve(app.settings) as base, signed_in(app, base, KARI) as client:
        assert "Epikriser" not in client.get("/omrade/kommuner/gjennomgang").text


def test_status_page_puts_each_todos_deadline_beside_it(world: World) -> None:
    """Oslo's to-dos on its status page: the signature with the signing deadline beside it,
    the checklist with its earliest open deadline."""
    with serve(world.app.settings) as base, signed_in(world.app, base, SIRI) as client:
        html = client.get(f"/virksomhet/{OSLO}").text
    todo = html[html.index("Dette må dere gjøre nå"):].split("</ul>")[0]
    items = re.findall(r"<li>(.*?)</li>", todo, re.S)
    signature = next(i for i in items if "Signatur fra" in i)
    checklist = next(i for i in items if "i sjekklisten" in i)
    assert re.search(r"– frist \d+\. \w+ \d{4}", signature)
    assert re.search(r"– frist \d+\. \w+ \d{4}", checklist)
