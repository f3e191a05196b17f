"""A unit of work that only reads (the portal's pages) neither waits for a writer nor writes:
on SQLite it starts deferred and reads a snapshot, on PostgreSQL it is READ ONLY."""

from __future__ import annotations

import threading

import pytest
from sqlmodel import select

from agreements.app import App
from agreements.core.models import Organisation
from tests.waiting import PATIENCE


def _names(app: App) -> set[str]:
    with app.reading() as session:
        return set(session.exec(select(Organisation.navn)))


def test_a_page_reads_while_a_writer_holds_its_transaction_open(any_app: App) -> None:
    """A read started while another unit of work is writing answers at once, from what was
    committed before (not the writer's rows)."""
    before = _names(any_app)
    answered: list[set[str]] = []
    with any_app.transaction() as session:  # a writer, mid-transaction
        session.add(Organisation(orgnr="999888777", navn="Ikke ennå", kind="kommune",
                                  source="manual", created_at=any_app.clock.now()))
        session.flush()
        reader = threading.Thread(target=lambda: answered.append(_names(any_app)))
        reader.start()
        reader.join(PATIENCE)  # a hang (waiting for the writer) is what this would catch
        assert not reader.is_alive(), "the read waited for the writer to commit"
    assert answered == [before]
    assert "Ikke ennå" in _names(any_app)


def test_writing_in_a_reading_unit_of_work_is_an_error(any_app: App) -> None:
    """A page that tried to write in a read would be a bug; it is refused, nothing stored."""
    with pytest.raises(RuntimeError, match="does not write"), any_app.reading() as session:
        session.add(Organisation(orgnr="999888776", navn="Skrevet i lesing", kind="kommune",
                                  source="manual", created_at=any_app.clock.now()))
        session.flush()
    assert "Skrevet i lesing" not in _names(any_app)
