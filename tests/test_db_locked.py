"""`locked` on PostgreSQL: the row comes back as it is under the lock, even when the session
held an older copy of it (read before the lock was taken, while another writer committed)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, SQLModel

from agreements.core.db import get_engine, locked
from agreements.core.models import Organisation
from tests.conftest import fresh_postgres_database

pytestmark = pytest.mark.postgres


def test_a_row_held_before_the_lock_is_read_again_under_it(postgres_server: str) -> None:
    """Another writer renames the organisation after this session read it: the locked row
    carries the new name, not the one the session held."""
    engine = get_engine(fresh_postgres_database(postgres_server))
    SQLModel.metadata.create_all(engine, tables=[Organisation.__table__])  # type: ignore[list-item]
    try:
        with Session(engine) as setup, setup.begin():
            setup.add(Organisation(orgnr="921234567", navn="Før", kind="kommune",
                                   source="manual", created_at=datetime.now(UTC)))
        with Session(engine) as mine, mine.begin():
            held = mine.get(Organisation, 1)
            assert held is not None and held.navn == "Før"
            with Session(engine) as other, other.begin():
                renamed = other.get(Organisation, 1)
                assert renamed is not None
                renamed.navn = "Etter"
            row = locked(mine, Organisation, 1)
            assert row is held and row.navn == "Etter"
    finally:
        engine.dispose()
