"""A clock for every command that changes state: `--today DATE [--force]` like `follow-up`,
within a year of the real date unless forced, and recorded in the audit log as that day."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import click
import pytest

from tests.test_entry_checks import cli_env, output, sent_agreement

__all__ = ["cli_env"]  # the fixture, used by name

STATE_CHANGING = [
    ("agreement", "create"), ("agreement", "send"), ("agreement", "sign"),
    ("agreement", "decline"), ("agreement", "withdraw"), ("agreement", "terminate"),
    ("agreement", "renew"), ("checklist", "done"), ("checklist", "waive"),
    ("checklist", "reopen"), ("checklist", "review"), ("nhn", "order"), ("nhn", "confirm"),
    ("nhn", "reject"), ("nhn", "terms"), ("golive",)]


@pytest.mark.parametrize("path", STATE_CHANGING, ids=" ".join)
def test_every_state_changing_command_takes_today_and_force(path: tuple[str, ...]) -> None:
    """Each names --today and --force in its options."""
    from cli import cli

    found: click.Command = cli
    for name in path:
        assert isinstance(found, click.Group)
        found = found.commands[name]
    options = {o for p in found.params for o in getattr(p, "opts", [])}
    assert {"--today", "--force"} <= options


def test_a_withdrawal_on_a_simulated_day_is_recorded_as_that_day(
        cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`agreement withdraw --today` within the year: done, and its event names the day; a day
    two years on is refused naming --force, and nothing changes."""
    sent_agreement(capsys)
    far = (date.today() + timedelta(days=800)).isoformat()
    code, _, err = output(capsys, "agreement", "withdraw", "1", "--reason", "Feil mal",
                          "--today", far)
    assert code == 1 and err.count("\n") == 1 and "--force" in err
    day = (date.today() + timedelta(days=20)).isoformat()
    code, _, err = output(capsys, "agreement", "withdraw", "1", "--reason", "Feil mal",
                          "--today", day)
    assert code in (0, 3), err
    events = json.loads(output(capsys, "audit", "list", "--format", "json")[1])
    (withdrawn,) = [e for e in events if e["action"] == "agreement.withdrawn"]
    assert withdrawn["simulated_day"] == day  # its time stays the real one, as follow-up's
