"""Issue 22, items 4 and 5, at the command line: a command whose own e-mail failed for good
says so and exits 1 (3 when it is only queued); a `--today` on which agreements would lapse
asks for --force and says how many; `--today ""` is refused."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from agreements.core.calendar import add_working_days
from cli import main
from tests.smtp_server import smtp_server


def output(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    found = capsys.readouterr()
    return code, found.out, found.err


@pytest.fixture
def sent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
         capsys: pytest.CaptureFixture[str]) -> None:
    """Oslo's agreement sent to Ola, KS to countersign, e-mail as .eml files."""
    for key, value in {"AVTALEFLYT_DATA_DIR": str(tmp_path / "var"), "AVTALEFLYT_OFFLINE": "1",
                       "AVTALEFLYT_PDF": "0"}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("AVTALEFLYT_DATABASE_URL", raising=False)
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    for args in (["init"], ["org", "contact", "add", "971032146", "--name", "Kim", "--email",
                            "kim@ks.no", "--role", "signatory"],
                 ["org", "add", "958935420", "--role", "kilde", "--signatory",
                  "Ola <ola@oslo.kommune.no>"],
                 ["agreement", "create", "958935420"], ["agreement", "send", "1"]):
        assert output(capsys, *args)[0] == 0


def status_of(capsys: pytest.CaptureFixture[str]) -> str:
    return str(json.loads(output(capsys, "agreement", "show", "1", "--format", "json")[1])[
        "status"])


def test_a_withdrawal_whose_notice_failed_for_good_says_so(
        sent: None, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The mail server refuses Ola's address: the agreement is withdrawn, and the command
    says, on one line with exit 1, that its e-mail will not be sent."""
    with smtp_server() as (inbox, port):
        inbox.refuse.add("ola@oslo.kommune.no")
        monkeypatch.setenv("AVTALEFLYT_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("AVTALEFLYT_SMTP_PORT", str(port))
        code, out, err = output(capsys, "agreement", "withdraw", "1", "--reason", "Feil mal")
    assert code == 1 and err.count("\n") == 1, err
    assert "agreement #1 withdrawn, but 1 of its e-mail(s) failed for good" in err
    assert "outbox retry" in err and "withdrawn" in out
    assert status_of(capsys) == "withdrawn"


def test_a_withdrawal_whose_notice_is_queued_exits_3(
        sent: None, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The mail server is down: withdrawn, the e-mail queued, exit 3."""
    monkeypatch.setenv("AVTALEFLYT_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("AVTALEFLYT_SMTP_PORT", "9")
    code, _, err = output(capsys, "agreement", "withdraw", "1", "--reason", "Feil mal")
    assert code == 3 and err.startswith("pending: ") and "queued" in err, err
    assert status_of(capsys) == "withdrawn"


def test_a_day_that_would_lapse_agreements_asks_for_force(
        sent: None, capsys: pytest.CaptureFixture[str]) -> None:
    """Within a year, but past the signing deadline: refused, saying how many would lapse,
    and nothing changes; --dry-run shows it; --force runs it."""
    day = add_working_days(date.today(), 40).isoformat()
    before = output(capsys, "audit", "list", "--format", "json")[1]
    code, _, err = output(capsys, "follow-up", "--today", day)
    assert code == 1 and err.count("\n") == 1, err
    assert f"--today {day} would lapse 1 and expire 0 agreement(s): give --force" in err
    assert output(capsys, "audit", "list", "--format", "json")[1] == before
    code, out, _ = output(capsys, "follow-up", "--today", day, "--dry-run")
    assert code == 0 and "lapse: 1" in out and status_of(capsys) == "sent"
    assert output(capsys, "follow-up", "--today", day, "--force")[0] in (0, 3)
    assert status_of(capsys) == "lapsed"


@pytest.mark.parametrize("args", [("follow-up", "--today", ""), ("report", "--today", " "),
                                  ("golive", "958935420", "--date", "")])
def test_an_empty_day_is_refused(sent: None, capsys: pytest.CaptureFixture[str],
                                 args: tuple[str, ...]) -> None:
    """An empty date is not "today": one line naming the option, exit 1."""
    code, _, err = output(capsys, *args)
    assert code == 1 and err.count("\n") == 1 and "is empty" in err, err
