"""Runs at the same time, through the real CLI in forked processes, on SQLite and PostgreSQL:
two batch onboardings of the same CSV, and two follow-ups of the same day (reminder letters
converted to PDF by LibreOffice in both). Every message leaves once, every agreement exists
once, every stored document matches its SHA-256, and the audit log verifies."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlmodel import col, select

from agreements import reference
from agreements.core.models import Document, OutboxMessage
from tests.conftest import requires_soffice
from tests.fault_world import KS_SIGNER, Place, follow_up_day, new_place, ok, servers
from tests.figures import record
from tests.forked import Run, spawn_cli
from tests.invariants import Tally, app_of, check, sent_keys

pytestmark = pytest.mark.faults
KOMMUNER = 8


def csv_of(n: int) -> str:
    rows = [f"{orgnr},kilde,K{i} Signatar,k{i}@kommune{i}.no"
            for i, orgnr in enumerate(list(reference.kommuner())[:n])]
    return "orgnr,role,signatory_name,signatory_email\n" + "\n".join(rows) + "\n"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server_url(request: pytest.FixtureRequest) -> str | None:
    return None if request.param == "sqlite" else request.getfixturevalue("postgres_server")


def at_once(place: object, *commands: list[str]) -> list[Run]:
    children = [spawn_cli(argv, place.env, db_url=place.url)  # type: ignore[attr-defined]
                for argv in commands]
    return [ok(child.wait(300)) for child in children]


def letters_of(place: Place) -> tuple[int, int, int]:
    """Reminders queued, reminder letters recorded, and letter files on disk."""
    app = app_of(place)
    try:
        with app.transaction() as session:
            reminders = len(list(session.exec(select(OutboxMessage.id).where(
                col(OutboxMessage.key).startswith("followup:remind:")))))
            rows = len(list(session.exec(select(Document.id).where(
                Document.kind == "reminder"))))
    finally:
        app.close()
    files = [p for p in (place.data_dir / "documents" / "reminders").glob("*") if p.is_file()]
    return reminders, rows, len(files)


def figure(request: pytest.FixtureRequest, kind: str, what: str, tally: Tally) -> None:
    record(request, f"concurrent runs on {kind}", what + ": {duplicates} duplicates, "
           "{losses} losses", duplicates=tally.duplicates, losses=tally.losses)


def test_two_batch_onboardings_at_once(server_url: str | None, tmp_path: Path,
                                       request: pytest.FixtureRequest) -> None:
    """Two `onboard --csv` of the same file at once: one agreement and one request each."""
    kind = "PostgreSQL" if server_url else "SQLite"
    (tmp_path / "rows.csv").write_text(csv_of(KOMMUNER), encoding="utf-8")
    with servers() as s:
        place = new_place(tmp_path / "world", server_url, s)
        ok(place.cli("init"))
        ok(place.cli("org", "contact", "add", "971032146", "--name", "Kim", "--email",
                     KS_SIGNER, "--role", "signatory"))
        s.clear()
        onboard = ["onboard", "--csv", str(tmp_path / "rows.csv"), "--offline"]
        at_once(place, onboard, onboard)
        ok(place.cli("outbox", "send"))
        tally = Tally()
        check(place, s, tally, "two onboardings", kilder=KOMMUNER)
    figure(request, kind, f"2 onboardings of {KOMMUNER} rows", tally)
    assert tally.broken == [] and tally.duplicates == 0


def test_two_follow_ups_at_once(server_url: str | None, tmp_path: Path,
                               request: pytest.FixtureRequest) -> None:
    """Two follow-ups at once, both making PDF letters: each reminder once with one letter
    (rows and files counted), every file intact, and each run reports only what it did."""
    requires_soffice()
    kind = "PostgreSQL" if server_url else "SQLite"
    (tmp_path / "rows.csv").write_text(csv_of(KOMMUNER), encoding="utf-8")
    with servers() as s:
        place = new_place(tmp_path / "world", server_url, s)
        ok(place.cli("init"))
        ok(place.cli("org", "contact", "add", "971032146", "--name", "Kim", "--email",
                     KS_SIGNER, "--role", "signatory"))
        ok(place.cli("onboard", "--csv", str(tmp_path / "rows.csv"), "--offline"))
        before = sent_keys(place)
        s.clear()
        place.env["AVTALEFLYT_PDF"] = "1"
        follow = ["follow-up", "--today", follow_up_day()]
        runs = at_once(place, follow, follow)
        ok(place.cli("outbox", "send"))
        tally = Tally()
        check(place, s, tally, "two follow-ups", kilder=KOMMUNER, already_sent=before)
        reminders, rows, files = letters_of(place)
    figure(request, kind, f"2 follow-ups reminding {KOMMUNER} signatories", tally)
    assert tally.broken == [] and tally.duplicates == 0
    assert (reminders, rows, files) == (KOMMUNER, KOMMUNER, KOMMUNER)  # one letter each
    said = [int(re.search(r"did (\d+) new action", r.out).group(1)) for r in runs]  # type: ignore[union-attr]
    assert sum(said) == KOMMUNER, [r.out for r in runs]  # each run reports only its own
