"""The portal's plain rows (`reporting.flat`: named tuples, no ORM objects) are the read
models' ORM rows: the same status and the same overview lines, on a database with
organisations in every phase."""

from __future__ import annotations

import pytest
from sqlmodel import select

from agreements.app import App
from agreements.core.models import CollaborationArea, Organisation
from agreements.reporting import flat, overview, views
from tests.test_read_models import TODAY, _world


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[App, list[str]]:
    """150 organisations on SQLite, in every phase (see bench/population.py)."""
    return _world(tmp_path_factory.mktemp("world"), None, 150)


def test_plain_rows_are_the_orm_rows(world: tuple[App, list[str]]) -> None:
    """`flat.rows` (the portal's pages) gives the rows `views.rows` gives, by organisations
    and by area, and the overview's lines made of them are the same."""
    app, orgnrs = world
    with app.transaction() as s:
        some = [o.id or 0 for o in s.exec(select(Organisation).where(
            Organisation.orgnr.in_(orgnrs[:40])))]  # type: ignore[attr-defined]
        assert [views.row_json(r, TODAY) for r in flat.rows(s, organisation_ids=some)] == [
            views.row_json(r, TODAY) for r in views.rows(s, some)]
        everyone = views.rows(s)
        for area in s.exec(select(CollaborationArea)):
            orm = [r for r in everyone if r.participation.area_id == area.id]
            plain = flat.rows(s, area_id=area.id)
            assert [views.row_json(r, TODAY) for r in plain] == [
                views.row_json(r, TODAY) for r in orm]
            signers = overview.signers_of(s, [r.agreement.id for r in orm if r.agreement])
            assert [overview.line(r, signers.get(r.agreement.id, []) if r.agreement else [],
                                  TODAY, 10) for r in plain] == [
                overview.line(r, signers.get(r.agreement.id, []) if r.agreement else [],
                              TODAY, 10) for r in orm]
        assert any(flat.rows(s, area_id=a.id) for a in s.exec(select(CollaborationArea)))
