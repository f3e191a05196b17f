"""Runs at the same time, through the real CLI in forked processes, on SQLite and PostgreSQL:
two batch onboardings of the same CSV, and two follow-ups of the same day (reminder letters
converted to PDF by LibreOffice in both). Every message leaves once, every agreement exists
once, every stored document matches its SHA-256, and the audit log verifies."""

from __future__ import annotations

from pathlib import Path

import pytest

from agreements import reference
from tests.conftest import requires_soffice
from tests.fault_world import KS_SIGNER, follow_up_day, new_place, ok, servers
from tests.figures import record
from tests.forked import spawn_cli
from tests.invariants import Tally, check, sent_keys

pytestmark = pytest.mark.faults
KOMMUNER = 8


def csv_of(n: int) -> str:
    rows = [f"{orgnr},kilde,K{i} Signatar,k{i}@kommune{i}.no"
            for i, orgnr in enumerate(list(reference.kommuner())[:n])]
    return "orgnr,role,signatory_name,signatory_email\n" + "\n".join(rows) + "\n"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server_url(request: pytest.FixtureRequest) -> str | None:
    return None if request.param == "sqlite" else request.getfixturevalue("postgres_server")


def at_once(place: object, *commands: list[str]) -> None:
    children = [spawn_cli(argv, place.env, db_url=place.url)  # type: ignore[attr-defined]
                for argv in commands]
    for child in children:
        ok(child.wait(300))


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
    """Two follow-ups at once, both making PDF letters: each reminder once, every file intact."""
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
        at_once(place, follow, follow)
        ok(place.cli("outbox", "send"))
        tally = Tally()
        check(place, s, tally, "two follow-ups", kilder=KOMMUNER, already_sent=before)
    figure(request, kind, f"2 follow-ups reminding {KOMMUNER} signatories", tally)
    assert tally.broken == [] and tally.duplicates == 0
