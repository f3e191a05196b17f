"""A discarded document's file goes only when the transaction that deleted its row has
committed — the outermost one. A savepoint (the poll records each change in one) that is
released is not a commit: if the transaction around it rolls back, the row is back and so must
its file be. The files a transaction wrote are synced once, as it commits."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlmodel import Session, select

from agreements.app import App
from agreements.config import Settings
from agreements.core.models import Document
from agreements.documents import durable
from tests.conftest import make_app


class Undone(Exception):
    """Raised inside a transaction to roll it back."""


@pytest.fixture(params=["folder", "fsspec"])
def app(request: pytest.FixtureRequest, settings: Settings, tmp_path: Path) -> App:
    """An installation whose files are on disk: the local folder, or a file:// object store."""
    where = "folder" if request.param == "folder" else f"file://{tmp_path / 'bucket'}"
    return make_app(settings.model_copy(update={
        "database_url": f"sqlite:///{tmp_path / 'db.sqlite'}", "data_dir": tmp_path / "data",
        "document_store": where, "pdf": False}), date(2026, 11, 25))


def stored(app: App, tmp_path: Path) -> tuple[int, Path]:
    """One stored document: its id and the one file holding its bytes."""
    with app.transaction() as s:
        doc = app.documents.put(s, kind="x", folder="t", name="a.txt", data=b"kept or not")
        doc_id = doc.id
    (file,) = [p for p in tmp_path.rglob("*") if p.is_file() and p.read_bytes() == b"kept or not"]
    assert doc_id is not None
    return doc_id, file


def discard(app: App, s: Session, doc_id: int) -> None:
    doc = s.get(Document, doc_id)
    assert doc is not None
    app.documents.discard(s, doc)


def assert_kept(app: App, doc_id: int, file: Path) -> None:
    """The document's row is there, and so is the file it names."""
    with app.transaction() as s:
        assert s.get(Document, doc_id) is not None
    assert file.exists()


def test_a_discard_in_a_released_savepoint_keeps_the_file_when_the_transaction_rolls_back(
        app: App, tmp_path: Path) -> None:
    """Releasing the savepoint is no commit: the outer rollback brings the row back, and the
    file it names stays."""
    doc_id, file = stored(app, tmp_path)
    with pytest.raises(Undone), app.transaction() as s:
        with s.begin_nested():
            discard(app, s, doc_id)
        assert file.exists()
        raise Undone
    assert_kept(app, doc_id, file)


def test_a_discard_in_a_savepoint_rolled_back_keeps_the_file_though_the_transaction_commits(
        app: App, tmp_path: Path) -> None:
    """The savepoint's delete is undone, so the commit around it removes nothing."""
    doc_id, file = stored(app, tmp_path)
    with app.transaction() as s:
        nested = s.begin_nested()
        discard(app, s, doc_id)
        nested.rollback()
    assert_kept(app, doc_id, file)


def test_a_discard_in_a_savepoint_removes_the_file_once_the_transaction_commits(
        app: App, tmp_path: Path) -> None:
    """Released and then committed: the row is gone, and so is its file."""
    doc_id, file = stored(app, tmp_path)
    with app.transaction() as s:
        with s.begin_nested():
            discard(app, s, doc_id)
        assert file.exists()
    assert not file.exists()


def test_an_action_waits_for_the_outermost_commit_and_runs_once(settings: Settings,
                                                                tmp_path: Path) -> None:
    """Three savepoints released, one commit: the action runs once, at that commit."""
    app = make_app(settings.model_copy(update={
        "database_url": f"sqlite:///{tmp_path / 'db.sqlite'}", "data_dir": tmp_path}),
        date(2026, 11, 25))
    ran: list[str] = []
    commits: list[bool] = []
    with app.transaction() as s:
        event.listen(s, "before_commit", lambda t: commits.append(t.in_nested_transaction()))
        durable.at_outer_commit(s, "before", lambda: ran.append("before"))
        durable.at_outer_commit(s, "after", lambda: ran.append("after"))
        for _ in range(3):
            with s.begin_nested():
                pass
        assert ran == []
    assert commits == [True, True, True, False]
    assert ran == ["before", "after"]


def test_files_after_a_savepoint_rolled_back_are_still_synced_before_the_commit(
        settings: Settings, tmp_path: Path) -> None:
    """The transaction's first file was written in a savepoint that rolled back: the files
    written after it are still synced as the transaction commits (a path that is not there
    shows that the sync ran over it: the commit fails on it)."""
    app = make_app(settings.model_copy(update={
        "database_url": f"sqlite:///{tmp_path / 'db.sqlite'}", "data_dir": tmp_path}),
        date(2026, 11, 25))
    first, later = tmp_path / "first", tmp_path / "not-there"
    first.write_bytes(b"x")
    with pytest.raises(FileNotFoundError), app.transaction() as s:
        with pytest.raises(Undone), s.begin_nested():
            durable.synced_before_commit(s, first)
            raise Undone
        durable.synced_before_commit(s, later)


def test_a_document_stored_in_a_savepoint_rolled_back_is_gone_from_the_session_too(
        app: App) -> None:
    """As a flushed row would be: not found by its id in the same transaction, and the next
    document stored (SQLite may give it the same id) is stored, alone."""
    with app.transaction() as s:
        nested = s.begin_nested()
        gone = app.documents.put(s, kind="x", folder="t", name="gone.txt", data=b"gone")
        nested.rollback()
        assert gone not in s and s.get(Document, gone.id) is None
        kept_id = app.documents.put(s, kind="x", folder="t", name="kept.txt", data=b"kept").id
    with app.transaction() as s:
        assert [d.id for d in s.exec(select(Document))] == [kept_id]
