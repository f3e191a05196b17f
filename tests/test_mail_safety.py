"""Findings 1 and 2 of issue 11, and the e-mail headers: a name cannot add a header or a
recipient, a message that cannot be built fails at once while the rest go out, subjects are
never folded with a leading space, and the Date is Norwegian time."""

from __future__ import annotations

import email
import email.policy
from datetime import date
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from sqlmodel import select

from agreements.config import Settings
from agreements.core.models import OutboxMessage
from agreements.outbox import delivery, queue
from agreements.outbox.compose import build_email
from cli import main
from tests.conftest import init_from_env, make_app
from tests.smtp_server import smtp_server


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AVTALEFLYT_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("AVTALEFLYT_OFFLINE", "1")
    monkeypatch.setenv("AVTALEFLYT_PDF", "0")
    monkeypatch.delenv("AVTALEFLYT_DATABASE_URL", raising=False)
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    init_from_env()
    return tmp_path


def audit_rows(capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    main(["audit", "list", "--format", "json", "--limit", "1000"])
    return capsys.readouterr().out


def test_a_line_break_in_a_contact_name_is_refused_and_nothing_is_written(
        cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--name $'Kari\\r\\nBcc: x@y'` is one clear line, exit 1, and no contact is stored."""
    before = audit_rows(capsys)
    code = main(["org", "contact", "add", "971032146", "--name", "Kari\r\nBcc: x@y.example",
                 "--email", "kari@ks.no", "--role", "signatory"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "control character" in err
    assert audit_rows(capsys) == before


def test_a_message_that_cannot_be_built_fails_at_once_and_the_rest_go_out(
        settings: Settings) -> None:
    """A row with CR/LF in its recipient fails at once with the reason; the rest go out."""
    with smtp_server() as (inbox, port):
        app = make_app(settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": port}))
        with app.transaction() as s:
            queue.enqueue(app, s, queue.Mail("bad", "Kari\r\nBcc: evil@x.example <k@ks.no>",
                                             "Emne", "Tekst"))
            for i in range(2):
                queue.enqueue(app, s, queue.Mail(f"good:{i}", f"p{i}@ks.no", "Emne", "Tekst"))
        report = delivery.deliver(app)
        assert sorted(report.sent) == ["good:0", "good:1"] and list(report.failed) == ["bad"]
        with app.transaction() as s:
            bad = s.exec(select(OutboxMessage).where(OutboxMessage.key == "bad")).one()
        assert bad.status == "failed" and "control character" in (bad.last_error or "")
        assert delivery.deliver(app).sent == [] and sorted(inbox.keys()) == ["good:0", "good:1"]


def test_a_comma_in_a_name_adds_no_recipient(cli_env: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """A signatory named "Nordmann, Ola" gets the agreement alone: one RCPT, one To address."""
    with smtp_server() as (inbox, port):
        monkeypatch.setenv("AVTALEFLYT_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("AVTALEFLYT_SMTP_PORT", str(port))
        assert main(["org", "contact", "add", "971032146", "--name", "Leder, Kim", "--email",
                     "kim@ks.no", "--role", "signatory"]) == 0
        assert main(["org", "add", "958935420", "--role", "kilde", "--signatory",
                     '"Nordmann, Ola" <ola@oslo.kommune.no>']) == 0
        assert main(["agreement", "create", "958935420"]) == 0
        assert main(["agreement", "send", "1"]) == 0
    (message,) = inbox.messages
    assert inbox.recipients == [["ola@oslo.kommune.no"]]
    to = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)["To"]
    assert [(a.display_name, a.addr_spec) for a in to.addresses] == [
        ("Nordmann, Ola", "ola@oslo.kommune.no")]


@pytest.mark.parametrize("person", [
    '"evil@x.example, Eirik" <eirik@oslo.kommune.no>',
    "evil@x.example, Eirik <eirik@oslo.kommune.no>",
    "Eirik <eirik@oslo.kommune.no, evil@x.example>",
])
def test_an_address_smuggled_into_a_person_is_refused(
        cli_env: Path, capsys: pytest.CaptureFixture[str], person: str) -> None:
    """One person, one address: anything else is refused before anything is registered."""
    before = audit_rows(capsys)
    code = main(["org", "add", "958935420", "--role", "kilde", "--signatory", person])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert audit_rows(capsys) == before


def test_a_nul_byte_in_a_csv_name_is_refused_naming_the_line(
        cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A NUL byte never reaches a header: the file is refused with its line, nothing written."""
    path = cli_env / "rows.csv"
    path.write_text("orgnr,role,signatory_name,signatory_email\n"
                    "958935420,kilde,Ola,ola@oslo.kommune.no\n"
                    "964338531,kilde,Be\x00rit,berit@bergen.kommune.no\n", encoding="utf-8")
    before = audit_rows(capsys)
    code = main(["onboard", "--csv", str(path), "--offline"])
    err = capsys.readouterr().err
    assert code == 1 and "line 3" in err and "NUL" in err and err.count("\n") == 1
    assert audit_rows(capsys) == before


@pytest.mark.parametrize("subject", [
    "Eskalering: avtale PJD-KOMMUNER-958935420-1 er ikke signert av Oslo kommune",
    "Påminnelse 1: avtale PJD-HELSE-MIDT-NORGE-123456785-1 venter på din signatur nå",
    "Forfalte punkter i sjekklisten for Pasientens journaldokumenter (Nærøysund kommune)",
    "Utkast_til_fornyet_avtale_for_Oslo_kommune_med_et_veldig_langt_ord_uten_mellomrom (PJD)",
])
def test_subjects_are_never_folded_with_a_leading_space(settings: Settings,
                                                        subject: str) -> None:
    """Read back as a mail program reads it, the subject is the text, with no leading space."""
    app = make_app(settings, date(2026, 11, 25))
    message = OutboxMessage(key="k", channel="email", recipient="a@ks.no", subject=subject,
                            body="x", status="pending", created_at=app.clock.now())
    raw = build_email(app, message, []).as_bytes()
    header = email.message_from_bytes(raw)["Subject"]
    unfolded = str(make_header(decode_header(header.replace("\r\n", "").replace("\n", ""))))
    assert unfolded == subject and not raw.split(b"Subject:")[1].startswith((b"\r", b"\n"))


def test_the_date_header_is_norwegian_time(settings: Settings) -> None:
    """The Date header carries Oslo's offset (+0100 in winter, +0200 in summer)."""
    for day, offset in ((date(2026, 11, 25), "+0100"), (date(2026, 6, 15), "+0200")):
        app = make_app(settings, day)
        message = OutboxMessage(key="k", channel="email", recipient="a@ks.no", subject="Hei",
                                body="x", status="pending", created_at=app.clock.now())
        assert build_email(app, message, [])["Date"].endswith(offset)
