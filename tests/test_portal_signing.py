"""Signed copies in the portal: every bad copy is refused with its true cause in plain bokmål,
nothing stored and nothing left staged; the organiser's coordinator (only) may record a scanned
paper signature or accept a deputy's certificate, with the reason; and while Posten signering
collects the signatures, nobody is offered an upload."""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from sqlmodel import func, select

from agreements.access import rules
from agreements.app import App
from agreements.config import Settings
from agreements.contracts import drafts, sending
from agreements.core.models import Agreement, Document, Signature, SignatureCheck, SigningJob
from agreements.errorcodes import Code
from portal.errortexts import TEXTS
from tests.helpers import oslo_kilde, signed_copy
from tests.portal_helpers import post, serve, signed_in
from tests.posten.pdfs import make_pdf
from tests.posten.people import person
from tests.posten.pki import shared_pki
from tests.posten.tampered import sign_with
from tests.signed_copies import FIRST, SECOND, Bad
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


@dataclass
class Portal:
    """An agreement sent as PDF to Oslo and KS, the portal serving it, and who is signed in."""

    app: App
    agreement_id: int
    clients: dict[str, httpx.Client]


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Portal]:
    """One sent agreement and the portal, for the first signer's refusals (a refusal changes
    nothing)."""
    yield from _portal(tmp_path_factory)


@pytest.fixture(scope="module")
def second_portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Portal]:
    """Another, for the second signer: pytest-xdist may run a module's tests in any order, so
    the agreement Ola signs is not the one whose cases expect his signature still missing."""
    yield from _portal(tmp_path_factory)


def _portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Portal]:
    from tests.conftest import make_app, requires_soffice
    from tests.posten.pki import shared_pki

    requires_soffice()
    folder = tmp_path_factory.mktemp("portal-signing")
    app = make_app(Settings(data_dir=folder / "var", offline=True, actor="test",
                            signing_trust_roots=shared_pki().ca_pem, allow_draft_templates=True))
    (created,) = drafts.create_agreements(app, [oslo_kilde(app)])
    sending.send(app, created.agreement_id)
    with serve(app.settings) as base, signed_in(app, base, "siri@oslo.kommune.no") as siri, \
            signed_in(app, base, "kari@ks.no") as kari, signed_in(app, base, "kim@ks.no") as kim:
        yield Portal(app, created.agreement_id, {"siri": siri, "kari": kari, "kim": kim})


def _sent(p: Portal) -> bytes:
    with p.app.transaction() as s:
        found = s.get(Agreement, p.agreement_id)
        doc = s.get(Document, found.pdf_id if found else None)
        assert doc is not None
    return p.app.documents.read(doc)


def _hand_in(p: Portal, who: str, signer: str, data: bytes,
             **fields: str) -> httpx.Response:
    return post(p.clients[who], f"/avtale/{p.agreement_id}/signatur",
                {"signer": signer, **fields}, {"fil": ("signert.pdf", data, "application/pdf")})


def _refused_in_bokmal(p: Portal, bad: Bad, who: str, signer: str, before: bytes | None) -> None:
    with p.app.transaction() as s:
        was = (s.exec(select(func.count()).select_from(Document)).one(),
               s.exec(select(func.count()).select_from(SignatureCheck)).one())
    answer = _hand_in(p, who, signer, bad.make(_sent(p), before))
    assert answer.status_code == 400
    first = TEXTS[bad.code].split("{")[0].split(".")[0]  # the code's own words, up to a value
    if bad.code is Code.COPY_NOT_PDF:  # the portal's form tells types by content
        first = "Filtypen er ikke tillatt"
    assert first and first in html.unescape(answer.text), answer.text[-3000:]
    with p.app.transaction() as s:
        assert (s.exec(select(func.count()).select_from(Document)).one(),
                s.exec(select(func.count()).select_from(SignatureCheck)).one()) == was
    assert not list((p.app.settings.data_dir / "uploads").glob("*/*"))


@pytest.mark.parametrize("case", sorted(FIRST))
def test_a_bad_copy_is_refused_in_the_portal_naming_why_in_bokmal(case: str,
                                                                  portal: Portal) -> None:
    """Oslo's PJD lead hands in each bad copy: refused with the code's own bokmål sentence,
    nothing stored and nothing left staged."""
    _refused_in_bokmal(portal, FIRST[case], "siri", "ola@oslo.kommune.no", None)


@pytest.fixture(scope="module")
def first_signed(second_portal: Portal) -> tuple[Portal, bytes]:
    """The second agreement once Oslo's PJD lead has handed in Ola's good copy."""
    portal = second_portal
    assert _hand_in(portal, "siri", "ola@oslo.kommune.no",
                    signed_copy(portal.app, portal.agreement_id)).status_code == 200
    with portal.app.transaction() as s:
        first = s.exec(select(SignatureCheck)).one()
        doc = s.get(Document, first.document_id)
        assert doc is not None
    return portal, portal.app.documents.read(doc)


@pytest.mark.parametrize("case", sorted(SECOND))
def test_the_second_signers_bad_copy_is_refused_in_the_portal(
        case: str, first_signed: tuple[Portal, bytes]) -> None:
    """KS's coordinator hands in Kim's bad copy once Oslo's is recorded: refused in bokmål."""
    portal, before = first_signed
    _refused_in_bokmal(portal, SECOND[case], "kari", "kim@ks.no", before)


def test_only_the_organisers_coordinator_may_accept_another_signer(
        first_signed: tuple[Portal, bytes]) -> None:
    """KS's deputy signs for Kim: Kim cannot accept that himself (the reason is ignored); KS's
    coordinator can, with the reason, and the agreement is signed by all."""
    portal, before = first_signed
    deputy = sign_with(before, person("Vara Leder"), [shared_pki().ca.cert], field="Signatur2")
    why = "Nestleder signerer med fullmakt"
    refused = _hand_in(portal, "kim", "kim@ks.no", deputy, godta_signatar=why)
    assert refused.status_code == 400 and "men det er Kim Leder som er signatar" in \
        html.unescape(refused.text)
    assert _hand_in(portal, "kari", "kim@ks.no", deputy, godta_signatar=why).status_code == 200
    with portal.app.transaction() as s:
        check = s.exec(select(SignatureCheck).where(SignatureCheck.accepted_reason == why)).one()
        signed = s.get(Agreement, portal.agreement_id)
    assert check.signer_name == "Leder, Vara" and signed is not None
    assert signed.status in ("signed", "active")
