"""The command line through a whole story: agreement, outbox, checklist, NHN, go-live, report."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from agreements.app import open_app
from cli import main
from tests.helpers import signed_copy
from tests.posten.pki import shared_pki
from tests.waiting import wait_for


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
        pdf_stand_in: None):
    """The CLI in a fresh data folder; its PDFs made by the stand-in for LibreOffice (valid
    PDFs that signers sign incrementally: the commands are the subject, not the rendering)."""
    monkeypatch.setenv("AVTALEFLYT_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("AVTALEFLYT_OFFLINE", "1")
    monkeypatch.setenv("AVTALEFLYT_SIGNING_TRUST_ROOTS", str(shared_pki().ca_pem))
    monkeypatch.delenv("AVTALEFLYT_DATABASE_URL", raising=False)
    monkeypatch.delenv("PREFECT_API_URL", raising=False)

    def run(*args: str, ok: bool = True) -> str:
        code = main(list(args))
        assert (code == 0) is ok, args
        return ""

    assert main(["init"]) == 0
    return run


def signed_pdf(tmp_path: Path, agreement_id: int, name: str) -> Path:
    """A signed copy of the agreement as sent, in a file for --file."""
    path = tmp_path / f"{name}.pdf"
    with open_app() as app:
        path.write_bytes(signed_copy(app, agreement_id))
    return path


def out(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_story_from_registration_to_live(cli, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Each command works on what the previous one left, and the refusals are one line."""
    cli("org", "contact", "add", "971032146", "--name", "Kim", "--email", "kim@ks.example",
        "--role", "signatory")
    cli("org", "add", "958935420", "--role", "kilde", "--signatory", "Ola <ola@oslo.example>",
        "--coordinator", "Siri <siri@oslo.example>")
    code, text, _ = out(capsys, "agreement", "create", "958935420")
    assert code == 0 and "agreement #1 v1 for Oslo kommune (958935420): draft" in text
    code, text, _ = out(capsys, "agreement", "send", "1")
    asked_by = datetime.now(UTC)
    assert code == 0 and "e-mail: 1 sent" in text
    code, text, _ = out(capsys, "agreement", "list", "--status", "sent", "--format", "json")
    assert [a["id"] for a in json.loads(text)] == [1]
    code, _, err = out(capsys, "nhn", "order", "958935420", "--by", "siri@oslo.example")
    assert code == 1 and "org update 958935420 --her-id" in err and err.count("\n") == 1
    code, _, err = out(capsys, "agreement", "sign", "1", "--signer", "ola@oslo.example",
                       "--file", str(signed_pdf(tmp_path, 1, "ola")), "--at", "2020-01-01T10:15")
    assert code == 1 and "before Ola was asked" in err

    def whole_seconds_after_asking() -> datetime | None:  # --at has whole seconds; it must
        now = datetime.now(UTC).replace(microsecond=0)  # not precede the request to sign
        return now if now >= asked_by else None

    just_now = wait_for(whole_seconds_after_asking, "a whole second after Ola was asked")
    cli("agreement", "sign", "1", "--signer", "ola@oslo.example", "--file",
        str(signed_pdf(tmp_path, 1, "ola")), "--at", just_now.isoformat())
    cli("agreement", "sign", "1", "--signer", "kim@ks.example", "--file",
        str(signed_pdf(tmp_path, 1, "kim")))
    code, text, _ = out(capsys, "agreement", "show", "1", "--format", "json")
    shown = json.loads(text)
    assert shown["status"] == "active" and shown["documents"]["signeringsbekreftelse"]
    assert [s["status"] for s in shown["signatures"]] == ["signed", "signed"]
    checks = [s["verification"] for s in shown["signatures"]]
    assert all(c["valid"] and c["trusted"] and c["matches_sent"] for c in checks)
    assert {c["method"] for c in checks} == {"incremental"}
    code, text, _ = out(capsys, "agreement", "show", "1")
    assert text.count("verified: signed at") == 2
    code, text, _ = out(capsys, "outbox", "list", "--format", "json")
    assert all(m["status"] == "sent" for m in json.loads(text))
    cli("org", "update", "958935420", "--her-id", "12345")
    cli("nhn", "order", "958935420", "--by", "ola@oslo.example")
    cli("nhn", "confirm", "958935420", "--reference", "NHN-1")
    cli("nhn", "terms", "958935420", "--signed")
    code, _, err = out(capsys, "golive", "958935420")
    assert code == 1 and "checklist: Risikovurdering" in err and err.count("\n") == 1
    code, text, _ = out(capsys, "checklist", "show", "958935420", "--format", "json")
    for item in json.loads(text):
        if item["mandatory"] == "yes":
            types = (["--document-type", "Epikriser: Fra sykehjem"]
                     if item["item"] == "forhandsvurdering_dokumenttyper" else [])
            cli("checklist", "done", "958935420", item["item"], "--evidence",
                f"https://oslo.example/pjd/{item['item']}", "--by", "Siri", *types)
    for key in ("forhandsvurdering_dokumenttyper", "risikovurdering", "dpia"):  # KS reviews
        cli("checklist", "review", "958935420", key, "--accept")
    code, _, err = out(capsys, "golive", "958935420", "--date", "2026-12-01")
    assert code == 1 and "annex of document types (Vedlegg 1) signed (annex is sent)" in err
    code, text, _ = out(capsys, "status", "958935420", "--format", "json")
    annex = json.loads(text)["participations"][0]["annex"]
    assert annex["number"] == "PJD-KOMMUNER-958935420-1-VEDLEGG1-1" and annex["id"] == 2
    assert annex["document_types"] == [{"navn": "Epikriser", "beskrivelse": "Fra sykehjem"}]
    for signer, name in (("ola@oslo.example", "ola2"), ("kim@ks.example", "kim2")):
        cli("agreement", "sign", "2", "--signer", signer, "--file", str(signed_pdf(tmp_path, 2,
                                                                                  name)))
    code, text, _ = out(capsys, "golive", "958935420", "--date", "2026-12-01")
    assert code == 0 and "live since 2026-12-01" in text
    code, text, _ = out(capsys, "follow-up", "--today", "2027-01-04", "--force", "--dry-run")
    assert code == 0 and "open_occurrence" in text and "would do" in text
    code, text, _ = out(capsys, "report", "--out", str(tmp_path / "rep"))
    assert code == 0 and "I drift" in text
    assert sorted(p.suffix for p in (tmp_path / "rep").iterdir()) == [
        ".csv", ".md", ".png", ".svg", ".xlsx"]
    code, text, _ = out(capsys, "audit", "verify")
    assert text.startswith("OK")


def test_decline_and_withdraw_from_the_cli(cli, capsys) -> None:  # type: ignore[no-untyped-def]
    """decline needs the signer whose turn it is; withdraw ends an agreement not yet signed."""
    cli("org", "contact", "add", "971032146", "--name", "Kim", "--email", "kim@ks.example",
        "--role", "signatory")
    cli("org", "add", "958935420", "--role", "kilde", "--signatory", "Ola <ola@oslo.example>")
    cli("agreement", "create", "958935420")
    cli("agreement", "send", "1")
    code, _, err = out(capsys, "agreement", "decline", "1", "--signer", "kim@ks.example",
                       "--reason", "x")
    assert code == 1 and "no pending request" in err
    code, text, _ = out(capsys, "agreement", "withdraw", "1", "--reason", "Feil mal")
    assert code == 0 and "withdrawn — Feil mal" in text


def test_checklist_waive_of_a_mandatory_item_names_the_organisers_coordinator(cli, capsys) -> None:  # type: ignore[no-untyped-def]
    """A mandatory item is waived from the command line only naming a coordinator of the
    organisation's organiser (--by), never by a flag."""
    cli("org", "contact", "add", "971032146", "--name", "Kari", "--email", "kari@ks.example",
        "--role", "coordinator")
    cli("org", "add", "958935420", "--role", "kilde", "--coordinator", "Siri <siri@oslo.example>")
    code, _, err = out(capsys, "checklist", "waive", "958935420", "dpia", "--reason", "x")
    assert code == 1 and "--by" in err and err.count("\n") == 1
    code, _, err = out(capsys, "checklist", "waive", "958935420", "dpia", "--reason", "x",
                       "--by", "siri@oslo.example")
    assert code == 1 and "not a coordinator of KS" in err
    code, text, _ = out(capsys, "checklist", "waive", "958935420", "dpia", "--reason",
                        "Felles DPIA", "--by", "kari@ks.example")
    assert code == 0 and "waived" in text


def test_follow_up_dry_run_lists_each_persons_email_as_json(cli, capsys) -> None:  # type: ignore[no-untyped-def]
    """`follow-up --dry-run --format json`: one message per recipient, its items with kind,
    what they concern and how many reminders went before; nothing is queued."""
    from datetime import date

    from agreements.core.calendar import add_working_days

    cli("org", "contact", "add", "971032146", "--name", "Kim", "--email", "kim@ks.example",
        "--role", "signatory")
    cli("org", "add", "958935420", "--role", "kilde", "--signatory", "Ola <ola@oslo.example>",
        "--coordinator", "Siri <siri@oslo.example>")
    day = add_working_days(date.today(), 12).isoformat()
    code, text, _ = out(capsys, "follow-up", "--today", day, "--dry-run", "--format", "json")
    assert code == 0, text
    messages = {m["recipient"]: m for m in json.loads(text)["messages"]}
    message = messages["siri@oslo.example"]  # the organisation's: reminders of its own items
    # and, where items became overdue that day, KS's digest (to its signatory: no coordinator)
    assert set(messages) <= {"siri@oslo.example", "kim@ks.example"}
    assert all(i["kind"] == "overdue" for i in messages.get("kim@ks.example", {"items": []})
               ["items"])
    assert {(i["kind"], i["reminders_before"]) for i in message["items"]} == {("reminder", 0)}
    assert all(i["concerns"].startswith("Oslo kommune: ") for i in message["items"])
    code, text, _ = out(capsys, "outbox", "list")
    assert "followup:notice" not in text
