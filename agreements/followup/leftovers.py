"""What a follow-up run that died leaves behind, swept by the next run and counted for `status`.

A run claims each reminder's letter before rendering it (`followup.letters`), so whatever it
leaves is found through its claims once their lease has run out:
- a letter stored (row and file) for a reminder no longer due — signed, ended, or sent by
  another run — which no message carries: the row and the file are removed;
- a letter file without a row (the run died between writing it and committing): removed;
- temporary files (`.tmp-*`) under `documents/`, from a write cut short.
A letter whose reminder is still due is not swept: the next run takes its claim over and sends
it. Files are only removed once older than the letters' lease, so a run writing right now is
never swept from under. `status` counts the claims left to sweep (`reporting.health`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import col, select

from agreements.core.models import Document, LetterClaim
from agreements.followup.letters import LEASE
from agreements.outbox import queue
from agreements.outbox.delivery import real_now

if TYPE_CHECKING:
    from agreements.core.ports import Stores


@dataclass
class Swept:
    letters: int = 0  # stored letters no message carries (rows and files)
    files: int = 0  # letter files without a row
    temporary: int = 0  # .tmp-* files

    @property
    def total(self) -> int:
        return self.letters + self.files + self.temporary

    def __str__(self) -> str:
        return (f"swept {self.total} leftover(s) of a run that died: {self.letters} letter(s) "
                f"no message carries, {self.files} file(s) without a row, {self.temporary} "
                "temporary file(s)")


def _letter_stem(key: str) -> str:
    """`followup:remind:signature:<sig>:<n>` → `paaminnelse-<sig>-<n>` (its letter's name)."""
    *_, signature, number = key.split(":")
    return f"paaminnelse-{signature}-{number}"


def sweep(work: Stores, due: Collection[str]) -> Swept:
    """Remove what dead runs left; `due`: the keys of today's reminders (their letters stay,
    for this run to take over and send). The store removes a letter's bytes once the
    transaction that removed its row has committed (`DocumentStore.discard`)."""
    swept, stems = Swept(), []
    with work.transaction() as session:
        for claim in list(session.exec(select(LetterClaim).where(
                col(LetterClaim.lease_until) < real_now()).with_for_update(skip_locked=True))):
            if claim.key in due and not queue.exists(session, claim.key):
                if claim.document_id is None:  # it died while storing: files without rows
                    stems.append(_letter_stem(claim.key))
                continue  # taken over by this run
            doc = session.get(Document, claim.document_id) if claim.document_id else None
            session.delete(claim)
            session.flush()
            if doc is not None and not queue.exists(session, claim.key):
                work.documents.discard(session, doc)
                swept.letters += 1
            elif doc is None:
                stems.append(_letter_stem(claim.key))
        swept.files, swept.temporary = work.documents.tidy(session, "reminders", stems, LEASE)
    return swept
