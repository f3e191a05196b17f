"""Finding 10 of issue 11, with a Prefect server configured: the command line's output holds
no Prefect log lines, an error inside a flow run is one line, and no telemetry is attempted."""

from __future__ import annotations

import os

import pytest

from cli import main


@pytest.fixture
def served(served: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line with the test server (tests/prefect_harness.py), DO_NOT_TRACK unset:
    the command line sets it itself."""
    monkeypatch.delenv("DO_NOT_TRACK", raising=False)


def test_flow_runs_from_the_cli_print_no_prefect_lines(served: None,
                                                       capfd: pytest.CaptureFixture[str]) -> None:
    """Flow runs from the CLI print their own output only, and the client does not track."""
    capfd.readouterr()
    assert main(["onboard", "958935420", "--role", "kilde", "--offline"]) == 0
    assert main(["follow-up", "--dry-run"]) == 0
    out, err = capfd.readouterr()
    assert "| INFO" not in out + err and "Finished in state" not in out + err
    assert "Oslo kommune (958935420): registered" in out
    assert os.environ.get("DO_NOT_TRACK") == "1"


def test_an_error_inside_a_flow_run_is_one_line(served: None,
                                                capfd: pytest.CaptureFixture[str]) -> None:
    """A registration refused inside the flow run: one line on stderr, exit 1, no traceback."""
    capfd.readouterr()
    code = main(["onboard", "123456785", "--role", "konsument", "--kind", "privat",
                 "--offline"])
    _, err = capfd.readouterr()
    assert code == 1 and err.count("\n") == 1 and "--name and --kommunenummer" in err
    assert "Traceback" not in err
