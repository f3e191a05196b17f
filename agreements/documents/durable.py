"""Files on the disk before the rows that name them commit: a transaction's new documents are
synced together when it commits, several at once, instead of one journal commit per file."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import event

if TYPE_CHECKING:
    from sqlmodel import Session

_UNSYNCED = "avtaleflyt.documents.unsynced"


def synced_before_commit(session: Session, path: Path) -> None:
    """`path` reaches the disk before the transaction that records it commits. The files a
    transaction wrote are synced together, several at once (the file system commits them in
    one go instead of one journal commit per file). A file whose bytes a power cut lost is
    named by no committed row: a later writer of that name takes a name of its own."""
    waiting: list[Path] | None = session.info.get(_UNSYNCED)
    if waiting is None:
        waiting = session.info[_UNSYNCED] = []
        event.listen(session, "before_commit", lambda s: _sync(s.info.pop(_UNSYNCED, [])),
                     once=True)
    waiting.append(path)


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
