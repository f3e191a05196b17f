"""Signed copies in the portal: a copy that is not digitally signed is refused in plain
bokmål; the organiser's coordinator may record a scanned paper signature with its reason; and
while Posten signering collects the signatures, nobody is offered an upload."""

from __future__ import annotations

from sqlmodel import select

from agreements.access import rules
from agreements.config import Settings
from agreements.core.models import Agreement, Signature, SignatureCheck, SigningJob
from tests.portal_helpers import post, serve, signed_in
from tests.posten.pdfs import make_pdf
from tests.world import World, build_world

SCAN = ("skannet.pdf", make_pdf("Skannet papirkopi av avtalen"), "application/pdf")


def world(settings: Settings) -> World:
    return build_world(settings.model_copy(update={"pdf": False}))


def test_an_unsigned_copy_is_refused_saying_what_to_do(settings: Settings) -> None:
    """Oslo's PJD lead uploads a PDF with no signature: refused in bokmål, nothing recorded."""
    w = world(settings)
    with serve(w.app.settings) as base, \
            signed_in(w.app, base, "siri@oslo.kommune.no") as client:
        answer = post(client, f"/avtale/{w.sent}/signatur",
                      {"signer": "ola@oslo.kommune.no"}, {"fil": SCAN})
    assert answer.status_code == 400 and "Kopien har ingen digital signatur" in answer.text
    with w.app.transaction() as s:
        assert {x.status for x in s.exec(select(Signature))} == {"pending"}


def test_the_coordinator_records_a_paper_signature_with_its_reason(settings: Settings) -> None:
    """KS's coordinator records Ola's scanned paper signature; the reason is kept."""
    w = world(settings)
    with serve(w.app.settings) as base, signed_in(w.app, base, "kari@ks.no") as client:
        without = post(client, f"/avtale/{w.sent}/signatur",
                       {"signer": "ola@oslo.kommune.no", "papir": "ja"}, {"fil": SCAN})
        answer = post(client, f"/avtale/{w.sent}/signatur",
                      {"signer": "ola@oslo.kommune.no", "papir": "ja",
                       "papir_grunn": "Signert for hånd i kommunestyremøtet"}, {"fil": SCAN})
    assert without.status_code == 400
    assert answer.status_code == 200, answer.text
    with w.app.transaction() as s:
        check = s.exec(select(SignatureCheck)).one()
    assert (check.method, check.unverified_reason) == ("paper",
                                                       "Signert for hånd i kommunestyremøtet")


def test_no_upload_while_posten_signering_collects_the_signatures(settings: Settings) -> None:
    """With an active signing job, no signature can be handed in by upload, by anyone."""
    w = world(settings)
    with w.app.transaction() as s:
        agreement = s.get(Agreement, w.sent)
        assert agreement is not None
        s.add(SigningJob(agreement_id=w.sent, provider="posten", sender_orgnr="971032146",
                         polling_queue="avtaleflyt-971032146", reference="PJD-TEST-1",
                         status="active", job_id=1, created_at=w.app.clock.now()))
    with w.app.transaction() as s:
        kari = rules.person(s, "kari@ks.no")
        agreement = s.get(Agreement, w.sent)
        assert kari is not None and agreement is not None
        assert rules.e_signed(s, agreement) and rules.recordable(s, kari, agreement) == []
    with serve(w.app.settings) as base, signed_in(w.app, base, "kari@ks.no") as client:
        page = client.get(f"/avtale/{w.sent}")
    assert "Posten signering" in page.text and "Last opp signert kopi" not in page.text


def test_a_second_click_on_create_finds_the_first_draft(settings: Settings) -> None:
    """KS's coordinator makes Stavanger's agreement, then clicks again: the same draft, and the
    page says it already existed instead of claiming a new one was made."""
    from tests.world import STAVANGER

    w = world(settings)
    with serve(w.app.settings) as base, signed_in(w.app, base, "kari@ks.no") as client:
        first = post(client, f"/virksomhet/{STAVANGER}/avtale", page=f"/virksomhet/{STAVANGER}")
        second = post(client, f"/virksomhet/{STAVANGER}/avtale", page=f"/virksomhet/{STAVANGER}")
    assert first.status_code == second.status_code == 200
    assert first.url.path == second.url.path and first.url.path.startswith("/avtale/")
    assert "Avtaleutkastet er laget" in first.text and "fantes allerede" in second.text
