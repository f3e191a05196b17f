"""Vedlegg 1 «Dokumenttyper som gjøres tilgjengelige»: made once the forhåndsvurdering is done
and the agreement has gone out, stating the types and the agreement's number and version;
signed by the same parties in the same order through the same provider (by hand, or in the
loopback Posten signering); a change of types is a new version that supersedes the old one
(both kept); go-live waits for a signed annex that states the chosen types."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import docx
import pytest
from sqlmodel import col, select

from agreements import commands as c
from agreements.app import App
from agreements.contracts import annex, drafts, sending
from agreements.contracts import signatures as signing
from agreements.core import replay
from agreements.core.enums import TermsStatus
from agreements.core.models import Agreement, Contact, Document, OutboxMessage, Signature
from agreements.errors import GateClosed
from agreements.nhn import order as nhn
from agreements.outbox import delivery
from agreements.readiness import golive
from agreements.reference import DOCUMENT_TYPES_ITEM
from agreements.reporting.views import status_of
from tests.conftest import requires_soffice
from tests.helpers import OSLO, oslo_kilde, signed_copy
from tests.no_pdf import any_app_without_pdf, app_without_pdf  # noqa: F401 (fixtures)
from tests.posten.server import PostenServer
from tests.test_golive import close_checklist

OLA, KIM = "ola@oslo.kommune.no", "kim@ks.no"
TYPES = ["Epikriser: Fra sykehjem", "Legevaktnotater"]


def sent_agreement(app: App) -> tuple[int, int]:
    """Oslo as kilde with its agreement sent; (participation, agreement)."""
    pid = oslo_kilde(app)
    (created,) = drafts.create_agreements(app, [pid])
    sending.send(app, created.agreement_id)
    return pid, created.agreement_id


def assess(app: App, types: list[str]) -> c.Outcome:
    """The forhåndsvurdering done through its command, as every front door does it."""
    return c.execute(app, c.CompleteItem(
        orgnr=OSLO, item=DOCUMENT_TYPES_ITEM, evidence_url="https://oslo.kommune.no/vurdering",
        by="Siri Koord", document_types=types))


def annex_rows(app: App, pid: int) -> list[Agreement]:
    with app.transaction() as s:
        return annex.annexes(s, pid)


def signers(app: App, aid: int) -> list[str]:
    with app.transaction() as s:
        rows = s.exec(select(Signature).where(Signature.agreement_id == aid)
                      .order_by(col(Signature.position))).all()
        return [s.get(Contact, r.contact_id).email for r in rows]  # type: ignore[union-attr]


def text_of(app: App, document_id: int | None) -> str:
    with app.transaction() as s:
        found = s.get(Document, document_id)
        assert found is not None
    data = app.documents.read(found)
    paragraphs = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    cells = [cell.text for t in docx.Document(io.BytesIO(data)).tables
             for row in t.rows for cell in row.cells]
    return "\n".join(paragraphs + cells)


def sign_by_hand(app: App, aid: int) -> None:
    for who in (OLA, KIM):
        signing.record_signature(app, aid, who, signed_copy(app, aid))


def test_annex_made_when_the_forhandsvurdering_is_done(any_app: App) -> None:
    """The types recorded: an annex of the sent agreement, numbered after it, stating the types
    with their descriptions and the agreement's number and version, sent to its first signer."""
    pid, aid = sent_agreement(any_app)
    outcome = assess(any_app, TYPES)
    (made,) = annex_rows(any_app, pid)
    assert "annex of document types" in outcome.message and outcome.queued
    assert (made.kind, made.annex_of_id, made.status) == ("annex", aid, "sent")
    assert made.number == "PJD-KOMMUNER-958935420-1-VEDLEGG1-1"
    text = text_of(any_app, made.docx_id)
    assert "Vedlegg 1: Dokumenttyper som gjøres tilgjengelige" in text
    assert "samarbeidsavtale PJD-KOMMUNER-958935420-1, versjon 1" in text
    assert "Epikriser" in text and "Fra sykehjem" in text and "Legevaktnotater" in text
    with any_app.transaction() as s:
        request = s.exec(select(OutboxMessage).where(
            col(OutboxMessage.key) == f"agreement:{made.id}:signature:"
            f"{s.exec(select(Signature.id).where(Signature.agreement_id == made.id, Signature.position == 1)).one()}:request")).one()  # noqa: E501
    assert request.recipient.endswith(OLA + ">") or OLA in request.recipient
    assert "vedlegg 1 om dokumenttyper til samarbeidsavtale PJD-KOMMUNER-958935420-1" \
        in request.subject
    assert_same_agreement(any_app, pid, aid)


def assert_same_agreement(app: App, pid: int, aid: int) -> None:
    """The annex is never taken for the organisation's agreement."""
    with app.transaction() as s:
        assert drafts.open_agreement(s, pid).id == aid  # type: ignore[union-attr]
        assert annex.agreement_of(s, pid).id == aid  # type: ignore[union-attr]
        shown = status_of(s, OSLO, date(2026, 11, 25))["participations"][0]
    assert shown["agreement"]["id"] == aid and shown["annex"]["status"] == "sent"
    assert [t["navn"] for t in shown["annex"]["document_types"]] == ["Epikriser",
                                                                      "Legevaktnotater"]


def test_no_annex_before_the_agreement_is_sent_then_one_when_it_is(app: App) -> None:
    """Types recorded while the agreement is a draft: no annex yet; sending the agreement
    makes and sends it."""
    pid = oslo_kilde(app)
    (created,) = drafts.create_agreements(app, [pid])
    assess(app, ["Epikriser"])
    assert annex_rows(app, pid) == []
    outcome = c.execute(app, c.SendAgreement(agreement_id=created.agreement_id))
    (made,) = annex_rows(app, pid)
    assert made.status == "sent" and f"#{made.id}" in outcome.message
    assert made.annex_of_id == outcome.agreement_id


def test_annex_signed_in_order_by_hand_and_certified(app: App) -> None:
    """The organisation signs first, then the organiser; the annex is in force with its own
    signeringsbekreftelse, and the agreement is untouched."""
    pid, aid = sent_agreement(app)
    assess(app, TYPES)
    (made,) = annex_rows(app, pid)
    assert signers(app, made.id or 0) == [OLA, KIM]
    with pytest.raises(Exception, match=r"not|turn|order|first"):
        signing.record_signature(app, made.id or 0, KIM, signed_copy(app, made.id or 0, KIM))
    sign_by_hand(app, made.id or 0)
    (done,) = annex_rows(app, pid)
    assert done.status == "active" and done.certificate_id is not None
    with app.transaction() as s:
        assert s.get(Agreement, aid).status == "sent"  # type: ignore[union-attr]
        assert replay.check(s) == []


def test_annex_signed_in_order_in_posten(esign_app: App, posten: PostenServer) -> None:
    """Through Posten signering like the agreement: one job, the same signers in the same
    order, titled as the annex; the poll records both signatures and completes it."""
    requires_soffice()
    from tests.test_esign import poll

    pid, _ = sent_agreement(esign_app)
    assess(esign_app, TYPES)
    (made,) = annex_rows(esign_app, pid)
    jobs = {j.reference: j for j in posten.jobs.values()}
    remote = jobs[made.number or ""]
    assert remote.title.startswith("Vedlegg 1")
    assert [(s.order, s.email) for s in remote.signers] == [(1, OLA), (2, KIM)]
    posten.sign(remote.id, OLA)
    poll(esign_app)
    posten.sign(remote.id, KIM)
    poll(esign_app)
    (done,) = annex_rows(esign_app, pid)
    assert done.status == "active" and done.certificate_pdf_id is not None


def test_annex_new_version_supersedes_the_signed_one(app: App) -> None:
    """Other types after a new forhåndsvurdering: version 2 names the one it replaces; once
    signed, version 1 is superseded and both are kept. One still out for signing is withdrawn."""
    pid, _ = sent_agreement(app)
    assess(app, TYPES)
    (first,) = annex_rows(app, pid)
    sign_by_hand(app, first.id or 0)
    c.execute(app, c.ReopenItem(orgnr=OSLO, item=DOCUMENT_TYPES_ITEM, reason="Ny vurdering"))
    assess(app, ["Epikriser: Fra sykehjem", "Legevaktnotater", "Sykepleienotater"])
    _, second = annex_rows(app, pid)
    assert second.number == "PJD-KOMMUNER-958935420-1-VEDLEGG1-2"
    assert second.supersedes_id == first.id and "Sykepleienotater" in (second.document_types
                                                                       or "")
    assert "erstatter vedlegg PJD-KOMMUNER-958935420-1-VEDLEGG1-1" in text_of(app,
                                                                             second.docx_id)
    c.execute(app, c.ReopenItem(orgnr=OSLO, item=DOCUMENT_TYPES_ITEM, reason="Enda en"))
    assess(app, ["Epikriser"])
    old, replaced, third = annex_rows(app, pid)
    assert (old.status, replaced.status, third.status) == ("active", "withdrawn", "sent")
    sign_by_hand(app, third.id or 0)
    old, replaced, third = annex_rows(app, pid)
    assert (old.status, replaced.status, third.status) == ("superseded", "withdrawn", "active")
    assert json.loads(third.document_types or "")[0]["navn"] == "Epikriser"
    with app.transaction() as s:
        assert replay.check(s) == []  # every status change has its audit event


def ready_but_for_the_annex(app: App, tmp_path: Path) -> tuple[int, int]:
    """Oslo with its agreement signed, NHN confirmed, bruksvilkår signed and the checklist
    done (the forhåndsvurdering through its command): everything but the annex."""
    pid, aid = sent_agreement(app)
    sign_by_hand(app, aid)
    nhn.place_order(app, pid, by="siri@oslo.kommune.no", without_her_id=True)
    delivery.deliver(app)
    nhn.decide(app, pid, confirmed=True, text="NHN-1")
    nhn.terms(app, pid, TermsStatus.SIGNED)
    assess(app, TYPES)
    close_checklist(app, pid, tmp_path, annex=False)
    return pid, aid


def test_go_live_refused_without_a_signed_annex_allowed_with_it(app: App,
                                                                tmp_path: Path) -> None:
    """Only the annex open: go-live refused naming it; once both have signed it, live."""
    pid, _ = ready_but_for_the_annex(app, tmp_path)
    with pytest.raises(GateClosed) as refused:
        golive.go_live(app, pid)
    assert [g.what for g in refused.value.gates] == ["annex"]
    assert "annex is sent" in str(refused.value.gates[0])
    (made,) = annex_rows(app, pid)
    sign_by_hand(app, made.id or 0)
    assert golive.go_live(app, pid, date(2026, 12, 1)).live_on == date(2026, 12, 1)


def test_go_live_refused_when_the_signed_annex_states_other_types(app: App,
                                                                  tmp_path: Path) -> None:
    """A signed annex whose types are no longer the forhåndsvurdering's keeps the gate open
    until the new version is signed."""
    pid, _ = ready_but_for_the_annex(app, tmp_path)
    (first,) = annex_rows(app, pid)
    sign_by_hand(app, first.id or 0)
    c.execute(app, c.ReopenItem(orgnr=OSLO, item=DOCUMENT_TYPES_ITEM, reason="Ny vurdering"))
    assess(app, ["Epikriser"])
    c.execute(app, c.ReviewItem(orgnr=OSLO, item=DOCUMENT_TYPES_ITEM, decision="accept"))
    with pytest.raises(GateClosed) as refused:
        golive.go_live(app, pid)
    assert [g.what for g in refused.value.gates] == ["annex"]
    _, second = annex_rows(app, pid)
    sign_by_hand(app, second.id or 0)
    assert golive.go_live(app, pid).live_on is not None


def test_vedlegg_is_what_section_5_refers_to(app: App) -> None:
    """§ 5 of the agreement points to Vedlegg 1 and names no file; the contacts are Vedlegg 2."""
    pid = oslo_kilde(app)
    (created,) = drafts.create_agreements(app, [pid])
    with app.transaction() as s:
        found = s.get(Agreement, created.agreement_id)
        assert found is not None
    text = text_of(app, found.docx_id)
    assert "Vedlegg 1 «Dokumenttyper som gjøres tilgjengelige»" in text
    assert "Vedlegg 2 Kontaktpersoner" in text and "dokumentasjon:" not in text
