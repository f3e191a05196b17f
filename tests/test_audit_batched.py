"""Audit events are sealed one by one and written together as the transaction commits: the
transaction that appends still reads each of its events, a savepoint rolled back takes its
own with it, and `audit verify` accepts the result. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlmodel import col, func, select

from agreements import commands as c
from agreements.app import App
from agreements.core import audit
from agreements.core.models import Agreement, AuditEvent


def test_the_appending_transaction_reads_its_own_events(any_app: App) -> None:
    """A read of the log in the transaction sees each event appended; one read inside a
    savepoint that rolls back is gone afterwards, and the chain verifies."""
    with any_app.transaction() as session:
        audit.record(session, actor="t", action="test.seen", subject="t")
        seen = audit.head(session)
        with pytest.raises(RuntimeError), audit.savepoint(session):
            audit.record(session, actor="t", action="test.undone", subject="t")
            undone = audit.head(session)
            raise RuntimeError("the row is refused")
        after = audit.head(session)
        audit.record(session, actor="t", action="test.last", subject="t")
    assert seen is not None and undone is not None and after == seen
    assert undone[0] == seen[0] + 1
    assert c.execute(any_app, c.VerifyAudit()).message.startswith("OK: ")
    with any_app.reading() as session:
        actions = list(session.exec(select(AuditEvent.action).order_by(
            col(AuditEvent.seq).desc()).limit(2)))
    assert actions == ["test.last", "test.seen"]


def test_a_read_of_the_log_in_a_join_or_subquery_sees_the_events_appended(
        any_app: App) -> None:
    """Not only a query whose FROM is the log: one that joins it or reads it in a subquery."""
    with any_app.transaction() as session:
        audit.record(session, actor="t", action="test.joined", subject="t")
        joined = session.exec(select(AuditEvent.action).join(
            Agreement, col(Agreement.id) == col(AuditEvent.seq), isouter=True)
            .select_from(AuditEvent).where(col(AuditEvent.action) == "test.joined")).all()
        audit.record(session, actor="t", action="test.counted", subject="t")
        counted = session.exec(select(func.count()).select_from(
            select(AuditEvent).where(col(AuditEvent.action) == "test.counted").subquery()))
        assert (joined, counted.one()) == (["test.joined"], 1)


def test_events_of_rows_written_together_keep_their_order(any_app: App) -> None:
    """Many events of one transaction, some in savepoints rolled back, are written in
    sequence order with each following the one before."""
    with any_app.transaction() as session:
        for i in range(12):
            try:
                with audit.savepoint(session):
                    audit.record(session, actor="t", action=f"test.{i}", subject="t")
                    if i % 4 == 3:
                        raise RuntimeError("refused")
            except RuntimeError:
                pass
    assert c.execute(any_app, c.VerifyAudit()).message.startswith("OK: ")
    with any_app.reading() as session:
        actions = list(session.exec(select(AuditEvent.action).order_by(
            col(AuditEvent.seq).desc()).limit(9)))
    assert actions == [f"test.{i}" for i in reversed(range(12)) if i % 4 != 3]


def test_events_made_before_a_savepoint_survive_its_rollback_after_a_read_wrote_them(
        any_app: App) -> None:
    """An event still pending when a savepoint opens, written inside it by a read of the log,
    is not lost when the savepoint rolls back: it is written again, once, as the transaction
    commits."""
    with any_app.transaction() as session:
        audit.record(session, actor="t", action="test.before", subject="t")
        with pytest.raises(RuntimeError), audit.savepoint(session):
            audit.record(session, actor="t", action="test.inside", subject="t")
            assert audit.head(session) is not None  # the read writes both
            raise RuntimeError("the row is refused")
    assert c.execute(any_app, c.VerifyAudit()).message.startswith("OK: ")
    with any_app.reading() as session:
        actions = list(session.exec(select(AuditEvent.action).where(
            col(AuditEvent.action).startswith("test."))))
    assert actions == ["test.before"]
