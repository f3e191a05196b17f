"""Gates that mean something: each mandatory item needs evidence of its own (one file for two
is refused unless the organiser's coordinator accepts it with a reason); items the catalogue
marks for review gate go-live until the organiser accepts them; a mandatory item is waived
only as the organiser's coordinator's decision, never from the organisation's side; a
konsument's gates are what the seed asks of every participant; the agreement asserts no fact
that an open item is about."""

from __future__ import annotations

import io

import docx
import pytest
from sqlmodel import select

from agreements import commands as c
from agreements import reference
from agreements.access.rules import person
from agreements.app import App
from agreements.config import Settings
from agreements.contracts import drafts
from agreements.core.enums import Role
from agreements.core.models import Agreement, ChecklistItem, Document
from agreements.documents.uploads import Upload
from agreements.errorcodes import Code
from agreements.errors import Refused
from agreements.readiness import checklist
from agreements.readiness.gates import Snapshot, gates
from agreements.registry.register import Registration, register
from agreements.reporting.views import status_of
from tests.helpers import OSLO, oslo_kilde


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Without PDFs: these tests are about the gates and their evidence, not the documents
    (LibreOffice's conversions: test_templates_pdf, test_documents, test_manual_signing and
    the signing tests)."""
    return settings.model_copy(update={"pdf": False})


KS_COORDINATOR, PJD_LEAD = "kari@ks.no", "siri@oslo.kommune.no"


def staged(app: App, data: bytes, name: str = "bevis.pdf") -> Upload:
    """A file staged as the front doors stage uploads."""
    return Upload(sha256=app.documents.stage(data), filename=name, size=len(data))


def done(app: App, item: str, upload: Upload, **more: object) -> c.Outcome:
    return c.execute(app, c.CompleteItem(orgnr=OSLO, item=item, evidence_file=upload,
                                         by="Siri", **more))  # type: ignore[arg-type]


def as_person(app: App, email: str) -> App:
    with app.transaction() as s:
        found = person(s, email, "session-hash")
    assert found is not None
    return app.acting_as(found)


def item_of(app: App, key: str) -> ChecklistItem:
    with app.transaction() as s:
        return s.exec(select(ChecklistItem).where(ChecklistItem.process_key == key,
                                                  ChecklistItem.occurrence == "")).one()


def test_one_evidence_file_for_two_items_is_refused(app: App) -> None:
    """The same file (by SHA-256) for DPIA after risikovurdering is refused naming the item
    it already proves; a file of its own is taken."""
    oslo_kilde(app)
    shared = b"%PDF-1.4 Risikovurdering, DPIA og rutiner"
    done(app, "risikovurdering", staged(app, shared))
    with pytest.raises(Refused) as refused:
        done(app, "dpia", staged(app, shared, "kopi.pdf"))
    assert refused.value.code is Code.EVIDENCE_REUSED
    assert "already the evidence for Risikovurdering" in str(refused.value)
    assert item_of(app, "dpia").status == "open"
    done(app, "dpia", staged(app, b"%PDF-1.4 DPIA for Oslo"))
    assert item_of(app, "dpia").status == "done"


def test_one_evidence_file_for_two_items_accepted_by_the_organisers_coordinator(
        app: App) -> None:
    """The organiser's coordinator may accept the same file with a reason (kept on the item);
    the organisation's own PJD lead may not."""
    oslo_kilde(app)
    shared = b"%PDF-1.4 Felles ROS og DPIA"
    done(app, "risikovurdering", staged(app, shared))
    with pytest.raises(Refused) as refused:
        done(as_person(app, PJD_LEAD), "dpia", staged(app, shared),
             same_evidence_reason="Det er samme dokument")
    assert refused.value.code is Code.SHARED_EVIDENCE_BY_COORDINATOR
    done(as_person(app, KS_COORDINATOR), "dpia", staged(app, shared),
         same_evidence_reason="ROS og DPIA er ett dokument i Oslo, godkjent av KS")
    dpia = item_of(app, "dpia")
    assert dpia.status == "done"
    assert dpia.shared_evidence == "ROS og DPIA er ett dokument i Oslo, godkjent av KS"


def test_review_required_item_gates_go_live_until_the_organiser_accepts(app: App) -> None:
    """Risikovurdering done is still a gate, named as the organiser's review, until KS's
    coordinator accepts it; an item that needs no review is closed when done."""
    assert {p.key for p in reference.processes() if p.review} >= {"risikovurdering", "dpia"}
    oslo_kilde(app)
    done(app, "risikovurdering", staged(app, b"%PDF-1.4 ROS"))
    c.execute(app, c.CompleteItem(orgnr=OSLO, item="helsenett_medlemskap", by="Siri"))

    def open_gates() -> list[str]:
        with app.transaction() as s:
            return status_of(s, OSLO, app.clock.today())["participations"][0]["gates"]

    assert "the organiser's review accepted: Risikovurdering" in open_gates()
    assert not any("Medlemskap i Helsenettet" in g for g in open_gates())
    c.execute(as_person(app, KS_COORDINATOR), c.ReviewItem(orgnr=OSLO, item="risikovurdering",
                                                           decision="accept"))
    assert not any("Risikovurdering" in g for g in open_gates())


def test_review_gate_is_only_for_a_kilde() -> None:
    """A konsument has no organiser to review its items: no review gate."""
    done_item = type("I", (), {"process_key": "risikovurdering", "occurrence": "",
                               "status": "done", "review_status": None})()
    from agreements.readiness.gates import unreviewed

    assert unreviewed([done_item], Role.KILDE) == ("Risikovurdering",)
    assert unreviewed([done_item], Role.KONSUMENT) == ()
    assert [g.what for g in gates(Snapshot(Role.KILDE, agreement="active", order="confirmed",
                                           terms="signed", annex="active", annex_matches=True,
                                           unreviewed=("Risikovurdering",)))] == ["review"]


def test_mandatory_waiver_refused_from_the_organisations_side(app: App) -> None:
    """Oslo's PJD lead cannot waive the DPIA; KS's coordinator can, with a reason; from the
    command line only naming KS's coordinator."""
    oslo_kilde(app)
    with pytest.raises(Refused) as refused:
        c.execute(as_person(app, PJD_LEAD), c.WaiveItem(orgnr=OSLO, item="dpia",
                                                        reason="Vi trenger den ikke"))
    assert refused.value.code is Code.ITEM_MANDATORY
    with pytest.raises(Refused) as refused:
        c.execute(app, c.WaiveItem(orgnr=OSLO, item="dpia", reason="R", by=PJD_LEAD))
    assert refused.value.code is Code.WAIVER_NOT_COORDINATOR
    c.execute(as_person(app, PJD_LEAD), c.WaiveItem(orgnr=OSLO, item="helseteknologiordningen",
                                                    reason="Søker ikke"))
    c.execute(as_person(app, KS_COORDINATOR), c.WaiveItem(
        orgnr=OSLO, item="dpia", reason="Dekket av KS' felles DPIA"))
    dpia = item_of(app, "dpia")
    assert (dpia.status, dpia.done_by) == ("waived", KS_COORDINATOR)


def test_konsument_gates_are_what_every_participant_needs(app: App) -> None:
    """A konsument's checklist: Helsenettet, EPJ vendor and integration tested, trained
    personnel (plus NHN's order and bruksvilkår); the kilde processes only for a kilde; its
    mandatory items cannot be waived, having no organiser."""
    konsument = {p.key for p in checklist.initial_processes(Role.KONSUMENT, "privat")}
    assert konsument == {"helsenett_medlemskap", "epj_leverandor", "epj_integrasjon_testet",
                         "opplaering_helsepersonell"}
    kilde = {p.key for p in checklist.initial_processes(Role.KILDE, "kommune")}
    assert {"forhandsvurdering_dokumenttyper", "risikovurdering", "dpia",
            "informasjon_innbyggere", "hendelseshandtering", "loggkontroll",
            "personvernrettigheter"} <= kilde
    register(app, Registration(orgnr="937884117", role="konsument", kind="privat",
                               name="Klinikk Nord AS", kommunenummer="5501"))
    with pytest.raises(Refused) as refused:
        c.execute(app, c.WaiveItem(orgnr="937884117", item="opplaering_helsepersonell",
                                   reason="R", by=KS_COORDINATOR))
    assert refused.value.code is Code.NO_ORGANISER_TO_WAIVE
    gated = gates(Snapshot(Role.KONSUMENT, order="confirmed", terms="link_received"))
    assert [g.what for g in gated] == ["terms"]


def test_agreement_asserts_no_fact_an_open_item_is_about(app: App) -> None:
    """Membership of Helsenettet is an open item: the agreement makes it a condition before
    start, never says the kommune is a member."""
    pid = oslo_kilde(app)
    (made,) = drafts.create_agreements(app, [pid])
    with app.transaction() as s:
        found = s.get(Agreement, made.agreement_id)
        document = s.get(Document, found.docx_id if found else None)
        assert document is not None
    text = " ".join(p.text for p in docx.Document(io.BytesIO(
        app.documents.read(document))).paragraphs).replace("\u00a0", " ")
    assert "skal være medlem av Helsenettet før oppstart" in text
    assert "er medlem av Helsenettet" not in text.replace("skal være medlem", "")
    assert item_of(app, "helsenett_medlemskap").status == "open"
