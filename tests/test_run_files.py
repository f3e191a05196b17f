"""Files through the portal, not the worker's disk: a coordinator of an organiser stages a
file for a run (`stage-run-file`), and the real flows take it by the code the run form
offers; a file for another purpose, an unknown code or one more than a day old is refused in
one line; the rollout report's files are kept in the document store, not in a folder."""

from __future__ import annotations

from datetime import timedelta

import pytest

from agreements import commands as c
from agreements.access.actors import Person
from agreements.access.rules import person
from agreements.app import App, Clock, open_app
from agreements.config import Settings
from agreements.core.models import Agreement, ChecklistItem
from agreements.documents import runfiles
from agreements.documents.runfiles import Purpose
from agreements.errorcodes import Code
from agreements.errors import InvalidInput
from flows.errortexts import Refusal
from tests.helpers import OSLO, signed_copy
from tests.world import World, build_world, one

CSV = "orgnr,role\n964338531,kilde\n"  # Halden kommune


def coordinator(app: App) -> App:
    """The app acting as KS's coordinator, signed in to the portal."""
    with app.transaction() as session:
        kari = person(session, "kari@ks.no", "session-hash")
    assert isinstance(kari, Person)
    return app.acting_as(kari)


def staged(app: App, purpose: Purpose, name: str, data: bytes) -> c.RunFileOutcome:
    outcome = c.execute(coordinator(app), c.StageRunFile(purpose=purpose, filename=name,
                                                         data=data))
    assert isinstance(outcome, c.RunFileOutcome)
    return outcome


def test_a_staged_file_gets_a_code_and_its_label_names_file_and_person(
        env_settings: Settings) -> None:
    """The code is six characters no one misreads; the label starts with it and names the
    file and who uploaded it; the run forms offer it for its purpose only."""
    w = build_world(env_settings)
    found = staged(w.app, Purpose.EVIDENCE, "ros.pdf", b"%PDF-1.4\n")
    assert runfiles.CODE.match(found.code)
    assert found.label.startswith(f"{found.code} · ros.pdf · ")
    assert "Kari" in found.label
    assert [f.code for f in runfiles.recent(w.app, Purpose.EVIDENCE)] == [found.code]
    assert runfiles.recent(w.app, Purpose.SIGNED_COPY) == []


@pytest.mark.parametrize(("purpose", "data"), [
    (Purpose.SIGNED_COPY, b"orgnr,role\n"), (Purpose.ORGANISATIONS, b"%PDF-1.4\n"),
    (Purpose.ORGANISATIONS, b"\xff\xfe bad utf-8")])
def test_a_file_that_is_not_what_its_purpose_takes_is_refused(
        env_settings: Settings, purpose: Purpose, data: bytes) -> None:
    """A CSV as a signed copy, a PDF or undecodable bytes as a CSV: refused by content."""
    w = build_world(env_settings)
    with pytest.raises(InvalidInput) as refused:
        staged(w.app, purpose, "fil.pdf", data)
    assert refused.value.code is Code.RUN_FILE_KIND
    assert runfiles.recent(w.app) == []


def test_a_code_for_another_purpose_unknown_or_a_day_old_is_refused(
        env_settings: Settings) -> None:
    """The code must name a file of the field's purpose, uploaded within the last day."""
    w = build_world(env_settings)
    found = staged(w.app, Purpose.EVIDENCE, "ros.pdf", b"%PDF-1.4\n")
    with pytest.raises(InvalidInput) as wrong:
        runfiles.upload_of(w.app, found.label, Purpose.SIGNED_COPY)
    assert wrong.value.code is Code.RUN_FILE_PURPOSE
    with pytest.raises(InvalidInput) as unknown:
        runfiles.upload_of(w.app, "ZZZZZZ", Purpose.EVIDENCE)
    assert unknown.value.code is Code.RUN_FILE_UNKNOWN
    assert runfiles.upload_of(w.app, found.code.lower(), Purpose.EVIDENCE).filename == "ros.pdf"
    with open_app(w.app.settings, clock=Clock.simulating(
            w.app.clock.today() + timedelta(days=2), force=True)) as later:
        with pytest.raises(InvalidInput) as old:
            runfiles.upload_of(later, found.code, Purpose.EVIDENCE)
        assert old.value.code is Code.RUN_FILE_UNKNOWN
        assert runfiles.recent(later) == []


def test_only_an_organisers_coordinator_or_an_operator_stages_files(
        env_settings: Settings) -> None:
    """Oslo's own PJD lead reaches no organiser's area: not allowed."""
    from agreements.errors import Refused

    w = build_world(env_settings)
    with w.app.transaction() as session:
        siri = person(session, "siri@oslo.kommune.no", "session-hash")
    assert siri is not None
    with pytest.raises(Refused) as refused:
        c.execute(w.app.acting_as(siri), c.StageRunFile(
            purpose=Purpose.EVIDENCE, filename="ros.pdf", data=b"%PDF-1.4\n"))
    assert refused.value.code is Code.NOT_ALLOWED


def test_record_signature_flow_takes_the_signed_copy_from_the_portal(
        env_settings: Settings, prefect_harness: None) -> None:
    """The form's «Signert kopi» is the label the drop-down offers; the signature is
    recorded from the staged file."""
    from flows.actions import record_signature

    w = build_world(env_settings)
    found = staged(w.app, Purpose.SIGNED_COPY, "signert.pdf", signed_copy(w.app, w.sent))
    outcome = record_signature(command={"agreement_id": w.sent, "signed_copy": found.label,
                                        "signer_email": "ola@oslo.kommune.no"})
    assert outcome.action == "record-signature"
    assert one(w.app, Agreement, Agreement.id == w.sent).status == "partially_signed"


def test_complete_item_flow_takes_evidence_by_its_code(env_settings: Settings,
                                                      prefect_harness: None) -> None:
    """Evidence typed as its code alone is stored with the item."""
    from flows.actions import complete_checklist_item

    w = build_world(env_settings)
    found = staged(w.app, Purpose.EVIDENCE, "ros.pdf", b"%PDF-1.4\n%%EOF\n")
    complete_checklist_item(command={"orgnr": OSLO, "item": "risikovurdering",
                                     "evidence_file": found.code})
    item = one(w.app, ChecklistItem, ChecklistItem.process_key == "risikovurdering",
               ChecklistItem.participation_id == 1, ChecklistItem.occurrence == "")
    assert item.status == "done" and item.evidence_id is not None


def test_a_flow_given_a_file_for_another_purpose_fails_in_one_line(
        env_settings: Settings, prefect_harness: None) -> None:
    """A CSV chosen as a signed copy: the run fails, saying so in bokmål."""
    from flows.actions import record_signature

    w = build_world(env_settings)
    found = staged(w.app, Purpose.ORGANISATIONS, "kommuner.csv", CSV.encode())
    with pytest.raises(Refusal, match="her trengs signert kopi") as refused:
        record_signature(command={"agreement_id": w.sent, "signed_copy": found.label,
                                  "signer_email": "ola@oslo.kommune.no"})
    assert "\n" not in str(refused.value)


def test_onboard_batch_flow_takes_the_csv_from_the_portal(env_settings: Settings,
                                                         prefect_harness: None) -> None:
    """The CSV uploaded for runs is onboarded; the form has no path on the worker."""
    from flows.onboarding import onboard_batch

    w: World = build_world(env_settings)
    found = staged(w.app, Purpose.ORGANISATIONS, "halden.csv", CSV.encode())
    outcome = onboard_batch(csv_file=found.label, offline=True)
    assert [r.orgnr for r in outcome.rows] == ["964338531"] and outcome.rows[0].ok
    assert "csv_path" not in onboard_batch.parameters.properties


def test_staged_files_are_listed_and_found_on_both_databases(any_app: App) -> None:
    """SQLite and PostgreSQL: the newest first, within the day, found by code or label."""
    first = c.execute(any_app, c.StageRunFile(purpose=Purpose.EVIDENCE, filename="a.pdf",
                                              data=b"%PDF-1.4\na"))
    second = c.execute(any_app, c.StageRunFile(purpose=Purpose.EVIDENCE, filename="b.pdf",
                                               data=b"%PDF-1.4\nb"))
    assert isinstance(first, c.RunFileOutcome) and isinstance(second, c.RunFileOutcome)
    assert [f.filename for f in runfiles.recent(any_app)] == ["b.pdf", "a.pdf"]
    assert runfiles.upload_of(any_app, first.label, Purpose.EVIDENCE).filename == "a.pdf"
    assert "test" in second.label  # the operator who staged it
