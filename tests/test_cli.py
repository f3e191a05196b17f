"""The command line: one clear line per error, non-zero exit, stable JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli import main
from tests.conftest import free_port, init_from_env


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AVTALEFLYT_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("AVTALEFLYT_OFFLINE", "1")
    monkeypatch.delenv("AVTALEFLYT_DATABASE_URL", raising=False)
    init_from_env()
    return tmp_path


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_org_add_prints_area_and_organiser(cli_env: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """`org add 958935420 --role kilde --offline` names Oslo kommune, the KS area and KS."""
    capsys.readouterr()
    code, out, _ = run(["org", "add", "958935420", "--role", "kilde", "--offline"], capsys)
    assert code == 0
    assert "Oslo kommune (958935420)" in out and "KS – Kommunesektorens organisasjon" in out


def test_invalid_orgnr_is_one_line_naming_the_check_digit(cli_env: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """958935421 → exit 1, a single stderr line mentioning the check digit, no traceback."""
    code, _, err = run(["org", "add", "958935421", "--role", "kilde"], capsys)
    assert code == 1
    assert err.count("\n") == 1 and "check digit" in err and "Traceback" not in err


def test_missing_role_is_one_line(cli_env: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """A missing required option is reported on one line with a non-zero exit."""
    code, _, err = run(["org", "add", "958935420"], capsys)
    assert code == 2 and err.count("\n") == 1 and "--role" in err


def test_unknown_region_is_one_line(cli_env: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """An unknown region names the choices."""
    code, _, err = run(["org", "add", "123456785", "--role", "kilde", "--kind",
                        "avtalespesialist", "--region", "helse-øst", "--name", "X",
                        "--kommunenummer", "0301"], capsys)
    assert code == 1 and "helse-nord" in err and err.count("\n") == 1


def test_unreachable_register_is_one_line_and_writes_nothing(  # type: ignore[no-untyped-def]
        cli_env: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    """Online with Enhetsregisteret unreachable: exit 1, one line, nothing registered."""
    monkeypatch.setenv("AVTALEFLYT_OFFLINE", "0")
    monkeypatch.setenv("AVTALEFLYT_BRREG_URL", f"http://127.0.0.1:{free_port()}/api")
    code, _, err = run(["org", "add", "123456785", "--role", "konsument", "--kind", "privat"],
                       capsys)
    assert code == 1 and "unreachable" in err and err.count("\n") == 1
    code, out, _ = run(["org", "list", "--format", "json"], capsys)
    assert json.loads(out) == []


def test_status_json_names_the_organiser(cli_env: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """The JSON of `status` names the organiser by name and orgnr."""
    run(["org", "add", "958935420", "--role", "kilde"], capsys)
    code, out, _ = run(["status", "958935420", "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0
    assert data["participations"][0]["organiser"] == {
        "navn": "KS – Kommunesektorens organisasjon", "orgnr": "971032146"}


def test_status_names_a_missing_signatory_as_the_kommunes_own_blocker(  # type: ignore[no-untyped-def]
        cli_env: Path, capsys) -> None:
    """A kilde without a signatory: `status` says it waits for the kommune's signatory (as
    `agreement send` would refuse), and stops saying so once one is added."""
    run(["org", "add", "964965226", "--role", "kilde"], capsys)
    code, out, _ = run(["status", "964965226"], capsys)
    assert code == 0 and "waits for: a signatory of Stavanger kommune" in out
    run(["org", "contact", "add", "964965226", "--name", "Sara", "--email",
         "sara@stavanger.example", "--role", "signatory"], capsys)
    code, out, _ = run(["status", "964965226"], capsys)
    assert "waits for: a signatory" not in out


def test_org_list_csv_and_area_filter(cli_env: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """`org list --area kommuner --format csv` lists the kommune, not the specialist."""
    run(["org", "add", "958935420", "--role", "kilde"], capsys)
    run(["org", "add", "123456785", "--role", "kilde", "--kind", "avtalespesialist",
         "--name", "Hansen", "--kommunenummer", "5501"], capsys)
    code, out, _ = run(["org", "list", "--area", "kommuner", "--format", "csv"], capsys)
    lines = out.strip().splitlines()
    assert code == 0 and lines[0].startswith("orgnr,navn") and len(lines) == 2
    assert "958935420" in lines[1]


def test_contact_add_for_organiser(cli_env: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """The organiser's signatory is set with `org contact add` on KS's orgnr."""
    code, out, _ = run(["org", "contact", "add", "971032146", "--name", "Kim KS",
                        "--email", "kim@ks.no", "--role", "signatory"], capsys)
    assert code == 0 and "KS" in out and "kim@ks.no" in out


def test_audit_verify_reports_ok(cli_env: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """A fresh, untouched log verifies."""
    code, out, _ = run(["audit", "verify"], capsys)
    assert code == 0 and out.startswith("OK")


def test_command_before_init_says_to_run_init(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Any command on an empty data folder asks for `avtaleflyt init`."""
    monkeypatch.setenv("AVTALEFLYT_DATA_DIR", str(tmp_path / "empty"))
    code, _, err = run(["org", "list"], capsys)
    assert code == 1 and "avtaleflyt init" in err
