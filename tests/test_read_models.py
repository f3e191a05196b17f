"""The fast read paths give what the slow ones gave, on a database with organisations in every
phase: the same status, the same `org list`, the same follow-up state and planner actions;
in a number of queries that does not grow with the organisations, without the ORM models."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlmodel import SQLModel, select

from agreements.app import App, Clock, open_app
from agreements.config import Settings
from agreements.core.models import Organisation
from agreements.errors import InvalidInput, NotFound
from agreements.followup.plan import Cadence, plan
from agreements.followup.state import load_state
from agreements.registry.lookup import get_organisation
from agreements.reporting import lists, tables, views
from bench.population import populate
from tests import read_reference as slow
from tests.conftest import ROOT, fresh_postgres_database

TODAY = date(2026, 11, 25)


def _world(tmp_path: Path, url: str | None, n: int) -> tuple[App, list[str]]:
    settings = Settings(data_dir=tmp_path / "var", offline=True, actor="test", database_url=url,
                        allow_draft_templates=True, nhn_email="bestilling@nhn.example")
    app = open_app(settings, clock=Clock(TODAY), actor="test")
    # seed 13 holds a reminder to sign due today (chance: the catalogue sets the draws)
    return app, populate(app, n, TODAY, seed=13)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[App, list[str]]:
    """300 organisations on SQLite, in every phase (see bench/population.py)."""
    return _world(tmp_path_factory.mktemp("world"), None, 300)


@contextmanager
def counted(app: App) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(app.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(app.engine, "before_cursor_execute", count)


def test_lightweight_tables_name_real_columns_with_their_types() -> None:
    """Every column the read paths select exists in the models' tables, with the same type."""
    for clause in tables.ALL:
        table = SQLModel.metadata.tables[clause.name]
        for column in clause.columns:
            real = table.c[column.name].type
            assert isinstance(real, type(column.type)) or isinstance(column.type, type(real)), (
                clause.name, column.name)


def test_org_list_is_what_it_was(world: tuple[App, list[str]]) -> None:
    """`org list`, whole and per area, lists the same rows with the same phases."""
    app, _ = world
    with app.transaction() as s:
        for area in (None, "kommuner", "helse-nord", "helse-vest"):
            assert views.organisation_rows(s, TODAY, area=area) == slow.organisation_rows(
                s, TODAY, area=area)
        assert {r["phase"] for r in views.organisation_rows(s, TODAY)} == {
            "preparing", "awaiting signatures", "awaiting NHN", "ready", "live"}


def test_agreement_list_is_what_it_was(world: tuple[App, list[str]]) -> None:
    """`agreement list`, all or in one state, lists the same agreements."""
    app, _ = world
    with app.transaction() as s:
        for status in (None, "sent", "active", "draft"):
            assert lists.agreement_rows(s, status) == slow.agreement_rows(s, status)
        assert len(lists.agreement_rows(s)) > 200


def test_status_is_what_it_was(world: tuple[App, list[str]]) -> None:
    """`status` gives the same JSON for organisations in every phase, by number or by row."""
    app, orgnrs = world
    with app.transaction() as s:
        for orgnr in [*orgnrs[::7], "971032146"]:
            org = get_organisation(s, orgnr)
            expected = slow.organisation_status(s, org, TODAY)
            assert views.status_of(s, orgnr, TODAY) == expected
            assert views.organisation_status(s, org, TODAY) == expected


def test_status_refuses_as_before(world: tuple[App, list[str]]) -> None:
    """An unknown or malformed number fails with the lookup's own messages."""
    app, _ = world
    with app.transaction() as s:
        for orgnr, error in (("974760673", NotFound), ("123", InvalidInput)):
            with pytest.raises(error) as theirs:
                get_organisation(s, orgnr)
            with pytest.raises(error) as mine:
                views.status_of(s, orgnr, TODAY)
            assert str(mine.value) == str(theirs.value)


def test_orm_rows_are_what_they_were(world: tuple[App, list[str]]) -> None:
    """`views.rows` (for the report and the portal) gives the same rows, all or some."""
    app, orgnrs = world
    with app.transaction() as s:
        some = [o.id or 0 for o in s.exec(select(Organisation).where(
            Organisation.orgnr.in_(orgnrs[:40])))]  # type: ignore[attr-defined]
        for ids in (None, some):
            assert [views.row_json(r, TODAY) for r in views.rows(s, ids)] == [
                slow.row_json(r, TODAY) for r in slow.rows(s, ids)]


def test_follow_up_state_and_actions_are_what_they_were(world: tuple[App, list[str]]) -> None:
    """load_state reads the same state from plain columns; the planner plans the same."""
    app, _ = world
    with app.transaction() as s:
        fast, reference = load_state(s), slow.load_state(s)
    assert fast == reference
    assert len(fast.items) > 100 and fast.recurring and fast.signatures and fast.orders
    for day in (TODAY, date(2026, 12, 1), date(2027, 3, 1)):
        actions = plan(fast, day, Cadence())
        assert actions == plan(reference, day, Cadence())
    kinds = {type(a).__name__ for a in plan(fast, TODAY, Cadence())}
    assert {"Remind", "Lapse", "Notice",
            "ExpiryWarning", "RenewalDraft", "OpenOccurrence", "Activate"} <= kinds


@pytest.mark.postgres
def test_fast_paths_agree_on_postgres(tmp_path: Path, postgres_server: str) -> None:
    """The same on PostgreSQL, whose rows come back in no particular order unless asked."""
    app, orgnrs = _world(tmp_path, fresh_postgres_database(postgres_server), 60)
    with app.transaction() as s:
        assert load_state(s) == slow.load_state(s)
        assert views.organisation_rows(s, TODAY) == slow.organisation_rows(s, TODAY)
        org = get_organisation(s, orgnrs[3])
        assert views.status_of(s, orgnrs[3], TODAY) == slow.organisation_status(s, org, TODAY)


def test_queries_do_not_grow_with_the_organisations(tmp_path: Path) -> None:
    """40 or 160 organisations: the same number of queries for each read path."""
    counts = []
    for n in (40, 160):
        app, orgnrs = _world(tmp_path / str(n), None, n)
        with counted(app) as statements, app.transaction() as s:
            load_state(s)
            views.organisation_rows(s, TODAY)
            views.status_of(s, orgnrs[5], TODAY)
            views.rows(s)
        counts.append(len(statements))
    assert counts[0] == counts[1]


def _cli(args: list[str], data: Path, after: str = "") -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "AVTALEFLYT_DATA_DIR": str(data), "AVTALEFLYT_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-c", f"from cli import main; main({args!r})\n{after}"],
                          capture_output=True, text=True, check=True, cwd=ROOT, env=env)


@pytest.fixture(scope="module")
def registered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("cli")
    _cli(["init"], data)
    _cli(["org", "add", "958935420", "--role", "kilde"], data)
    return data


@pytest.mark.parametrize("args", [["status", "958935420"], ["org", "list"],
                                  ["status", "958935420", "--format", "json"],
                                  ["agreement", "list"]])
def test_read_commands_load_no_models_templates_or_http(registered: Path,
                                                       args: list[str]) -> None:
    """`status`, `org list` and `agreement list` import neither the ORM models nor Jinja,
    docxtpl, httpx, Prefect or the signature verifier."""
    check = ("import sys; print([m for m in ('agreements.core.models', 'jinja2', 'docxtpl',"
             " 'httpx', 'prefect', 'pyhanko') if m in sys.modules], file=sys.stderr)")
    result = _cli(args, registered, check)
    assert "958935420" in result.stdout or args == ["agreement", "list"]
    assert result.stderr.strip().splitlines()[-1] == "[]"


def test_the_dry_follow_up_loads_no_signing_templates_or_http(registered: Path) -> None:
    """`follow-up --dry-run` only plans: no signature verifier, Jinja, docxtpl, httpx, Prefect."""
    check = ("import sys; print([m for m in ('pyhanko', 'signxml', 'jinja2', 'docxtpl', 'httpx',"
             " 'prefect') if m in sys.modules], file=sys.stderr)")
    result = _cli(["follow-up", "--dry-run", "--today", "2026-11-25"], registered, check)
    assert "Follow-up 2026-11-25" in result.stdout
    assert result.stderr.strip().splitlines()[-1] == "[]"


def test_the_command_line_process_runs_one_command(registered: Path) -> None:
    """`avtaleflyt` as a process answers and exits with its command's code (0, or 1 with one
    line on stderr), its imports frozen for the collector."""
    env = {"PATH": "/usr/bin:/bin", "AVTALEFLYT_DATA_DIR": str(registered),
           "AVTALEFLYT_OFFLINE": "1"}
    script = Path(sys.executable).parent / "avtaleflyt"
    ok = subprocess.run([str(script), "status", "958935420"], capture_output=True, text=True,
                        env=env)
    assert ok.returncode == 0 and "Oslo kommune" in ok.stdout
    bad = subprocess.run([str(script), "status", "974760673"], capture_output=True, text=True,
                         env=env)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "not registered" in bad.stderr


def test_a_bulk_read_pauses_the_collector_and_resumes_it() -> None:
    """The collector is off inside a bulk read and on again after it, also after an error."""
    import gc

    from agreements.core.bulk import collector_paused

    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_the_governing_agreement_is_the_newest_in_force_else_the_newest_not_superseded(
        ) -> None:
    """A signed or active agreement governs over newer drafts; otherwise the newest counts,
    except a superseded one, which never does."""
    from datetime import UTC, datetime

    from agreements.core.lifecycle import governing
    from agreements.core.models import Agreement

    def made(*states: str) -> list[Agreement]:
        return [Agreement(id=i + 1, participation_id=1, area_id=1, status=s,
                          created_at=datetime.now(UTC)) for i, s in enumerate(states)]

    def chosen(*states: str) -> int | None:
        found = governing(made(*states))
        return found.id if found else None

    assert chosen() is None
    assert chosen("active", "draft") == 1
    assert chosen("signed", "active", "sent") == 2
    assert chosen("declined", "draft") == 2
    assert chosen("draft", "superseded") == 1
    assert chosen("superseded") is None
