"""Files and the transactions that name them: a transaction's new documents reach the disk
before it commits, synced together, several at once, instead of one journal commit per file;
a file whose row a transaction deletes goes only once that transaction has committed.

Both wait for the *outermost* commit. SQLAlchemy fires `before_commit`/`after_commit` when a
savepoint is released too (the poll records each change in one), and a savepoint's work
still rolls back with the transaction around it."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import event

if TYPE_CHECKING:
    from sqlalchemy.orm import SessionTransaction
    from sqlmodel import Session

_UNSYNCED = "avtaleflyt.documents.unsynced"


def synced_before_commit(session: Session, path: Path) -> None:
    """`path` reaches the disk before the transaction that records it commits. The files a
    transaction wrote are synced together, several at once (the file system commits them in
    one go instead of one journal commit per file). A file whose bytes a power cut lost is
    named by no committed row: a later writer of that name takes a name of its own."""
    root = session.get_transaction()
    held: tuple[object, list[Path]] | None = session.info.get(_UNSYNCED)
    if held is None or held[0] is not root:  # this transaction's first file
        waiting: list[Path] = []
        session.info[_UNSYNCED] = (root, waiting)
        # a savepoint rolled back meanwhile does not stop it: syncing a file more is harmless
        at_outer_commit(session, "before", lambda: _sync(waiting), whole=True)
        held = (root, waiting)
    held[1].append(path)


def at_outer_commit(session: Session, when: Literal["before", "after"],
                    action: Callable[[], None], *, whole: bool = False) -> None:
    """`action` runs once, just before or just after the outermost transaction commits — not
    when a savepoint is released. If the savepoint open now rolls back, or the transaction
    around it does, `action` never runs: its work was undone (`whole`: only the transaction's
    rollback stops it, not a savepoint's)."""
    opened = session.get_transaction() if whole else (
        session.get_nested_transaction() or session.get_transaction())
    pending = [True]  # listeners cannot be removed while SQLAlchemy dispatches: they go quiet

    def run(s: Session) -> None:
        if pending and not s.in_nested_transaction():
            pending.clear()
            action()

    def undone(_s: Session, rolled_back: SessionTransaction) -> None:
        if any(t is rolled_back for t in _outwards(opened)):
            pending.clear()

    event.listen(session, f"{when}_commit", run)
    event.listen(session, "after_soft_rollback", undone)


def when_undone(session: Session, action: Callable[[], None]) -> None:
    """`action` runs once if the savepoint open now, or the transaction around it, rolls
    back: what was written in it is undone."""
    opened = session.get_nested_transaction() or session.get_transaction()
    pending = [True]

    def undone(_s: Session, rolled_back: SessionTransaction) -> None:
        if pending and any(t is rolled_back for t in _outwards(opened)):
            pending.clear()
            action()

    event.listen(session, "after_soft_rollback", undone)


def _outwards(transaction: Any) -> list[Any]:
    chain = []
    while transaction is not None:
        chain.append(transaction)
        transaction = transaction.parent
    return chain


def _sync(paths: list[Path]) -> None:
    def one(path: Path) -> None:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    if len(paths) < 2:
        for path in paths:
            one(path)
        return
    with ThreadPoolExecutor(min(8, len(paths)), thread_name_prefix="documents-sync") as pool:
        list(pool.map(one, paths))
