"""A transaction's audit events are sealed into the chain as it commits: on PostgreSQL it
holds the chain's lock only from then on, so another writer of the log (a person signing in)
does not wait while it works; the chain stays whole and a rolled-back part drops its events."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlmodel import col, select

from agreements.config import Settings
from agreements.core import audit
from agreements.core.models import AuditEvent
from tests.conftest import fresh_postgres_database, make_app


def _events(app: object) -> list[tuple[int, str]]:
    with app.reading() as session:  # type: ignore[attr-defined]
        return [(e.seq, e.action) for e in session.exec(
            select(AuditEvent).order_by(col(AuditEvent.seq)))]


@pytest.mark.postgres
def test_another_writer_appends_while_a_transaction_with_events_is_still_open(
        settings: Settings, postgres_server: str) -> None:
    """The second transaction commits its event while the first, which made one earlier,
    is still open; the first then commits after it, and the chain verifies."""
    app = make_app(settings.model_copy(update={
        "database_url": fresh_postgres_database(postgres_server)}), date(2026, 11, 25))
    before = len(_events(app))
    other_done = threading.Event()

    def other() -> None:
        with app.transaction() as session:
            audit.record(session, actor="b", action="test.second", subject="x")
        other_done.set()

    with app.transaction() as session:
        audit.record(session, actor="a", action="test.first", subject="x")
        thread = threading.Thread(target=other)
        thread.start()
        assert other_done.wait(60), "the other writer waited for this open transaction"
    thread.join(60)
    events = _events(app)
    assert [a for _, a in events[before:]] == ["test.second", "test.first"]
    with app.transaction() as session:
        assert audit.verify(session).ok
    app.close()


def test_a_rolled_back_part_drops_its_events_and_the_chain_verifies(any_app: object) -> None:
    """Events of a savepoint that rolls back are not sealed; the others follow one another."""
    app = any_app
    before = len(_events(app))
    with app.transaction() as session:  # type: ignore[attr-defined]
        audit.record(session, actor="a", action="test.kept", subject="x")
        with pytest.raises(ValueError), audit.savepoint(session):
            audit.record(session, actor="a", action="test.dropped", subject="x")
            raise ValueError("this row fails")
        with audit.savepoint(session):
            audit.record(session, actor="a", action="test.also_kept", subject="x")
    events = _events(app)[before:]
    assert [a for _, a in events] == ["test.kept", "test.also_kept"]
    assert events[1][0] == events[0][0] + 1
    with app.transaction() as session:  # type: ignore[attr-defined]
        assert audit.verify(session).ok
