"""The go-live gate: refused for each open gate, by name; allowed when all are closed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from agreements import reference
from agreements.app import App
from agreements.config import Settings
from agreements.contracts import drafts, sending
from agreements.contracts import signatures as signing
from agreements.core.enums import Phase, Role, TermsStatus
from agreements.core.models import Participation
from agreements.errors import GateClosed, InvalidInput, Refused
from agreements.nhn import order as nhn
from agreements.outbox import delivery
from agreements.readiness import checklist, golive, waivers
from agreements.readiness.checklist import Evidence
from agreements.readiness.gates import Snapshot, gates, phase
from agreements.reference import DOCUMENT_TYPES_ITEM
from tests.helpers import oslo_kilde, refused_saying, sign_annex, signed_copy


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Without PDFs: the gates of go-live are what these tests are about, not the
    documents (LibreOffice's conversions: test_templates_pdf, test_documents,
    test_manual_signing and the signing tests)."""
    return settings.model_copy(update={"pdf": False})



def evidence(path: Path) -> Evidence:
    return Evidence(file_name=path.name, data=path.read_bytes())


ALL_CLOSED = Snapshot(Role.KILDE, agreement="active", order="confirmed", terms="signed",
                      annex="active", annex_matches=True)


@pytest.mark.parametrize(("change", "named"), [
    ({"agreement": "partially_signed"}, "agreement with the organiser signed"),
    ({"agreement": None}, "no agreement yet"),
    ({"order": "submitted"}, "NHN order confirmed"),
    ({"order": None}, "not ordered yet"),
    ({"terms": "link_received"}, "bruksvilkår signed"),
    ({"open_mandatory": ("Risikovurdering",)}, "checklist: Risikovurdering"),
    ({"annex": None}, "annex of document types (Vedlegg 1) signed (no annex yet)"),
    ({"annex": "sent"}, "(annex is sent)"),
    ({"annex_matches": False}, "states other types than the forhåndsvurdering"),
])
def test_each_open_gate_is_named(change: dict[str, object], named: str) -> None:
    """One gate open at a time: exactly that gate is reported."""
    snap = Snapshot(**{**ALL_CLOSED.__dict__, **change})  # type: ignore[arg-type]
    found = gates(snap)
    assert len(found) == 1 and named in str(found[0])


def test_all_closed_is_ready() -> None:
    """No open gate: ready, and live once a date is recorded."""
    assert gates(ALL_CLOSED) == [] and phase(ALL_CLOSED) is Phase.READY
    assert phase(Snapshot(**{**ALL_CLOSED.__dict__, "live_on": date(2027, 1, 4)})) is Phase.LIVE


def test_konsument_needs_no_agreement() -> None:
    """A konsument's gates are NHN's and the checklist's only."""
    assert gates(Snapshot(Role.KONSUMENT, order="confirmed", terms="signed")) == []


@pytest.mark.parametrize(("snap", "expected"), [
    (Snapshot(Role.KILDE), Phase.PREPARING),
    (Snapshot(Role.KILDE, agreement="sent"), Phase.AWAITING_SIGNATURES),
    (Snapshot(Role.KILDE, agreement="active", order="submitted"), Phase.AWAITING_NHN),
    (Snapshot(Role.KONSUMENT, order="confirmed", terms="link_received"), Phase.AWAITING_NHN),
])
def test_phase_is_derived(snap: Snapshot, expected: Phase) -> None:
    """The phase follows from agreement, order, terms and checklist."""
    assert phase(snap) is expected


def close_checklist(app: App, pid: int, tmp_path: Path, *, annex: bool = True) -> None:
    """Every open item done with evidence of its own, those that need it accepted by the
    organiser, and (with `annex`) Vedlegg 1 signed, once the agreement is out and the types
    recorded."""
    with app.transaction() as s:
        p = s.get(Participation, pid)
        assert p is not None
        for item in checklist.items(s, pid):
            if item.status == "open":
                proof = tmp_path / f"bevis-{pid}-{item.process_key}.pdf"
                proof.write_bytes(f"%PDF-1.4 {item.process_key}".encode())
                types = ["Epikriser"] if item.process_key == DOCUMENT_TYPES_ITEM else []
                checklist.complete(app, s, p, item.process_key, evidence(proof), "Siri", types)
        for item in checklist.items(s, pid):
            if item.status == "done" and reference.process(item.process_key).review:
                checklist.review(app, s, p, item.process_key, accept=True, reason=None)
    if annex:
        sign_annex(app, pid)


def test_kilde_goes_live_only_when_every_gate_is_closed(app: App, tmp_path: Path) -> None:
    """Refused with the open gates listed at each step; live at the end, recorded."""
    pid = oslo_kilde(app)
    with pytest.raises(GateClosed) as refused:
        golive.go_live(app, pid)
    assert len(refused.value.gates) >= 4
    (created,) = drafts.create_agreements(app, [pid])
    sending.send(app, created.agreement_id)
    signing.record_signature(app, created.agreement_id, "ola@oslo.kommune.no",
                             signed_copy(app, created.agreement_id))
    signing.record_signature(app, created.agreement_id, "kim@ks.no",
                             signed_copy(app, created.agreement_id))
    nhn.place_order(app, pid, by="siri@oslo.kommune.no", without_her_id=True)
    delivery.deliver(app)
    nhn.decide(app, pid, confirmed=True, text="NHN-1")
    nhn.terms(app, pid, TermsStatus.SIGNED)
    with pytest.raises(GateClosed) as refused:
        golive.go_live(app, pid)
    assert all(g.what in ("checklist", "annex") for g in refused.value.gates)
    close_checklist(app, pid, tmp_path)
    assert golive.go_live(app, pid, date(2026, 12, 1)).live_on == date(2026, 12, 1)
    with pytest.raises(Refused, match="already live"):
        golive.go_live(app, pid)


def test_mandatory_item_waived_only_as_the_organisers_coordinators_decision(app: App) -> None:
    """A mandatory item is waived only as the decision of the organiser's coordinator, named,
    with the reason kept; an optional one by anyone with a reason."""
    pid = oslo_kilde(app)
    with app.transaction() as s:
        p = s.get(Participation, pid)
        assert p is not None
        with refused_saying(Refused, "--by"):
            waivers.waive(app, s, p, "dpia", "Ikke nødvendig")
        with refused_saying(Refused, "siri@oslo.kommune.no is not a coordinator of KS"):
            waivers.waive(app, s, p, "dpia", "Ikke nødvendig", by="siri@oslo.kommune.no")
        item = waivers.waive(app, s, p, "dpia", "Dekket av felles DPIA i KS", by="Kari@KS.no")
        assert item.status == "waived" and item.reason == "Dekket av felles DPIA i KS"
        assert item.done_by == "kari@ks.no"
        optional = waivers.waive(app, s, p, "helseteknologiordningen", "Søker ikke")
        assert optional.status == "waived"


def test_evidence_file_is_stored_with_its_hash(app: App, tmp_path: Path) -> None:
    """A file given as evidence is copied into the store with its SHA-256."""
    import hashlib

    from agreements.core.models import Document

    pid = oslo_kilde(app)
    proof = tmp_path / "ros.pdf"
    proof.write_bytes(b"%PDF-1.4 risikovurdering")
    with app.transaction() as s:
        p = s.get(Participation, pid)
        assert p is not None
        item = checklist.complete(app, s, p, "risikovurdering", evidence(proof), None)
        doc = s.get(Document, item.evidence_id)
        assert doc is not None
        assert doc.sha256 == hashlib.sha256(proof.read_bytes()).hexdigest()
        with refused_saying(InvalidInput, "--evidence"):
            checklist.complete(app, s, p, "dpia", Evidence(), None)
