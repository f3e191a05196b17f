"""A document's row written by one plain INSERT, held by the session as a flush would leave
it: a store's `put` then costs one statement, not a flush of everything the session has
pending (a poll's batch stores hundreds of documents in one transaction). Like a flushed
new row, it is forgotten by the session when the savepoint it was written in rolls back."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert
from sqlalchemy.orm import make_transient, make_transient_to_detached

from agreements.core.db import check_values
from agreements.core.models import Document
from agreements.documents import durable

if TYPE_CHECKING:
    from sqlmodel import Session


def inserted(session: Session, doc: Document) -> Document:
    """`doc` inserted by one plain INSERT and held by the session with its id, as a flush
    would leave it, without flushing everything else pending (a poll's batch stores hundreds
    of documents in one transaction: a flush each was most of its recording)."""
    check_values(Document, doc)
    statement, keys = _insert()
    doc.id = session.connection().execute(
        statement, {key: getattr(doc, key) for key in keys}).scalar_one()
    make_transient_to_detached(doc)
    session.add(doc)  # persistent, with nothing to write

    def forget() -> None:  # as a flushed new row is when its savepoint rolls back
        if doc in session:
            session.expunge(doc)
        make_transient(doc)
    durable.when_undone(session, forget)
    return doc


@functools.cache
def _insert() -> tuple[Any, tuple[str, ...]]:
    """The INSERT of a document row returning its id (built once), and the keys it binds."""
    table = Document.__table__  # type: ignore[attr-defined]
    return insert(table).returning(table.c.id), tuple(c.key for c in table.columns
                                                       if c.key != "id")
