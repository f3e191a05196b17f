"""Findings 5, 6 and 7 of issue 11: `--today` within a year of the real date unless forced,
and recorded in the audit log when simulated; no NHN order sent unsigned; answers from
Enhetsregisteret trusted only when they describe the organisation asked about."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from agreements.app import App
from agreements.config import Settings
from agreements.core.calendar import add_working_days
from agreements.core.models import OutboxMessage
from agreements.nhn import order
from agreements.outbox import delivery
from cli import main
from tests.brreg_fakes import enhet
from tests.brreg_server import register_server
from tests.conftest import init_from_env, make_app
from tests.helpers import SPECIALIST
from tests.nhn_server import order_desk
from tests.test_nhn import konsument


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for key, value in {"AVTALEFLYT_DATA_DIR": str(tmp_path / "var"), "AVTALEFLYT_OFFLINE": "1",
                       "AVTALEFLYT_PDF": "0"}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("AVTALEFLYT_DATABASE_URL", raising=False)
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    init_from_env()
    return tmp_path


def output(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    found = capsys.readouterr()
    return code, found.out, found.err


def sent_agreement(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["org", "contact", "add", "971032146", "--name", "Kim", "--email", "kim@ks.no",
                  "--role", "signatory"],
                 ["org", "add", "958935420", "--role", "kilde", "--signatory",
                  "Ola <ola@oslo.kommune.no>"],
                 ["agreement", "create", "958935420"], ["agreement", "send", "1"]):
        assert output(capsys, *args)[0] == 0


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_a_day_far_from_today_is_refused_and_changes_nothing(
        cli_env: Path, capsys: pytest.CaptureFixture[str], day: str) -> None:
    """A --today years away is refused naming --force; nothing lapses, nobody is told."""
    sent_agreement(capsys)
    before = [output(capsys, "outbox", "list", "--format", "json")[1],
              output(capsys, "audit", "list", "--format", "json")[1]]
    code, _, err = output(capsys, "follow-up", "--today", day)
    assert code == 1 and err.count("\n") == 1 and "--force" in err
    assert [output(capsys, "outbox", "list", "--format", "json")[1],
            output(capsys, "audit", "list", "--format", "json")[1]] == before
    assert json.loads(output(capsys, "agreement", "show", "1", "--format", "json")[1])[
        "status"] == "sent"


def test_a_forced_simulated_day_is_recorded_in_the_audit_log(
        cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With --force the follow-up runs as that day, and its events say which day it was."""
    sent_agreement(capsys)
    day = add_working_days(date.today(), 550).isoformat()  # over two years on, a working day
    code, _, err = output(capsys, "follow-up", "--today", day, "--force")
    assert code in (0, 3), err
    events = json.loads(output(capsys, "audit", "list", "--format", "json")[1])
    lapsed = [e for e in events if e["action"] == "agreement.lapsed"]
    assert lapsed and lapsed[0]["simulated_day"] == day
    assert all(e["simulated_day"] is None for e in events if e["action"] == "agreement.sent")


def test_no_secret_no_signed_order(settings: Settings) -> None:
    """Without AVTALEFLYT_NHN_SECRET a queued HTTP order fails naming it and is never posted."""
    with order_desk() as (desk, url):
        app = make_app(settings.model_copy(update={"nhn_channel": "http", "nhn_url": url,
                                                   "nhn_secret": "s3cret-for-the-test"}))
        order.place_order(app, konsument(app), by="kai@klinikk.no")
        unsigned = make_app(settings.model_copy(update={"nhn_secret": None}))
        report = delivery.deliver(unsigned)
        assert report.sent == [] and desk.requests == []
        with unsigned.transaction() as s:
            row = s.exec(select(OutboxMessage)).one()
        assert row.status == "failed" and "AVTALEFLYT_NHN_SECRET" in (row.last_error or "")


def test_the_http_channel_without_a_secret_is_refused_when_the_app_is_built(
        cli_env: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """AVTALEFLYT_NHN_CHANNEL=http without AVTALEFLYT_NHN_SECRET: every command says so."""
    monkeypatch.setenv("AVTALEFLYT_NHN_CHANNEL", "http")
    monkeypatch.setenv("AVTALEFLYT_NHN_URL", "https://bestilling.example/orders")
    code, _, err = output(capsys, "org", "list")
    assert code == 1 and "AVTALEFLYT_NHN_SECRET" in err and err.count("\n") == 1


@pytest.mark.parametrize(("smtp", "portal", "refused"), [
    ("smtp.ks.no", "http://127.0.0.1:8000", True),
    ("smtp.ks.no", "http://[::1]:8000", True),
    ("smtp.ks.no", "https://pjd.ks.no", False),
    ("127.0.0.1", "http://127.0.0.1:8000", False),  # the tests' own loopback SMTP server
    (None, "http://127.0.0.1:8000", False),  # e-mails as .eml files
])
def test_links_in_e_mails_must_reach_their_readers(smtp: str | None, portal: str,
                                                   refused: bool) -> None:
    """Mail leaving this machine with the portal's address still on loopback is refused."""
    from agreements.config import Settings
    from agreements.errors import InvalidInput

    env = {"AVTALEFLYT_PORTAL_URL": portal, **({"AVTALEFLYT_SMTP_HOST": smtp} if smtp else {})}
    if refused:
        with pytest.raises(InvalidInput, match=r"AVTALEFLYT_PORTAL_URL .* reach no one"):
            Settings.from_env(env)
    else:
        assert Settings.from_env(env).portal_url == portal


@pytest.mark.parametrize(("body", "said"), [
    (b"<html>Vedlikehold</html>", "not JSON"),
    (json.dumps({k: v for k, v in enhet(SPECIALIST, "X").items() if k != "navn"}).encode(),
     "navn"),
    (json.dumps(enhet("912345726", "Someone Else AS")).encode(), "describes 912345726"),
])
def test_an_unexpected_register_answer_is_one_line_and_registers_nothing(
        cli_env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        body: bytes, said: str) -> None:
    """Not JSON, no navn, or another orgnr: one line, exit 1, nothing registered."""
    with register_server({SPECIALIST: (200, body)}) as url:
        monkeypatch.setenv("AVTALEFLYT_OFFLINE", "0")
        monkeypatch.setenv("AVTALEFLYT_BRREG_URL", url)
        code, _, err = output(capsys, "org", "add", SPECIALIST, "--role", "konsument",
                              "--kind", "privat")
    assert code == 1 and err.count("\n") == 1
    assert "answered something unexpected" in err and said in err
    assert output(capsys, "org", "list", "--format", "json")[1].strip() == "[]"


def test_an_undefined_template_variable_in_onboard_is_a_row_outcome(
        cli_env: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An undefined template variable: each row says so, exit 1, no traceback, no agreement."""
    from tests.template_copies import undefined_variable

    monkeypatch.setenv("AVTALEFLYT_TEMPLATES_DIR", str(undefined_variable(cli_env / "tpl")))
    rows = cli_env / "rows.csv"
    rows.write_text("orgnr,role\n958935420,kilde\n964338531,kilde\n", encoding="utf-8")
    code, out, err = output(capsys, "onboard", "--csv", str(rows), "--offline")
    assert code == 1 and "Traceback" not in out + err
    assert out.count("agreement was not created") == 2 and "finnes_ikke" in out
    assert output(capsys, "agreement", "list", "--format", "json")[1].strip() == "[]"


def test_a_value_too_long_is_refused_the_same_on_sqlite_and_postgresql(any_app: App) -> None:
    """SQLite would store a 301-character name; every flush refuses it, naming the column."""
    from agreements.core.models import Organisation
    from agreements.errors import InvalidInput

    too_long = Organisation(orgnr="910000071", navn="n" * 301, kind="privat", source="manual",
                            created_at=any_app.clock.now())
    with pytest.raises(InvalidInput, match=r"organisation\.navn would be 301 characters"), \
            any_app.transaction() as s:
        s.add(too_long)
