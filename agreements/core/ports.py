"""The ports: what a use case is given, instead of the app that builds it.

    Clock           now() and today(): real time, or the day a run simulates
    DocumentStore   puts a document (named, immutable, addressed by its SHA-256) and reads it
    Work            a unit of work: `transaction()`, and the clock, who acts, the settings
    Stores          Work and the document store

A use case takes the narrowest port that covers what it (and what it calls) uses; a package
that adds a capability defines its port beside it (`documents.pdf.Converts`,
`outbox.delivery.Delivers`, `contracts.starting.Signs`, `registry.register.Registers`).
The composition root's app is every port at once; only it, `agreements.commands` and the front
doors know it. Tests may hand a use case anything that has the port's members.
"""

from __future__ import annotations

from collections.abc import Collection
from contextlib import AbstractContextManager
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from sqlmodel import Session

    from agreements.config import Settings
    from agreements.core.models import Document


class Clock(Protocol):
    def now(self) -> datetime:
        """This moment (timezone-aware), on the simulated day if there is one."""
        ...

    def today(self) -> date:
        """Today in Norway, or the simulated day."""
        ...

    @property
    def simulated(self) -> bool:
        """Running as another day than the real one."""
        ...


class DocumentStore(Protocol):
    """Where documents live: the local folder, the database, or object storage (the
    `document_store` setting). A stored document is never replaced: a second document under
    a taken name gets a name of its own, and the bytes a row names are the bytes of its
    SHA-256. A backend records the `Document` row in the caller's transaction (`session`);
    the database backend writes the bytes in it too, so both commit together."""

    def put(self, session: Session, *, kind: str, folder: str, name: str, data: bytes,
            template: str | None = None, template_sha256: str | None = None) -> Document:
        """Store `data` as `<folder>/<name>` (or a free variant of the name) and record it;
        returns the flushed row. `folder` may have subfolders (`evidence/12`)."""
        ...

    def read(self, document: Document) -> bytes:
        """The bytes of a stored document (checked against its SHA-256)."""
        ...

    def stage(self, data: bytes) -> str:
        """Keep bytes handed in (an upload) under their SHA-256, which it returns, until a
        command stores them; every process of the installation can take them back."""
        ...

    def staged(self, sha256: str) -> bytes | None:
        """Staged bytes by their SHA-256 (unchecked), or None when none are staged."""
        ...

    def unstage(self, sha256: str) -> None:
        """Remove staged bytes once their command is done (never a stored document's)."""
        ...

    def sweep_staged(self, older_than: float, *, now: float | None = None) -> int:
        """Remove bytes staged more than `older_than` seconds ago and never used; how many."""
        ...

    def discard(self, session: Session, document: Document) -> None:
        """Remove a document that nothing needs (a swept letter): its row, and its bytes once
        no other row names them, when the caller's transaction commits."""
        ...

    def tidy(self, session: Session, folder: str, stems: Collection[str],
             older_than: timedelta) -> tuple[int, int]:
        """Remove what writes cut short left (older than `older_than`): files under `folder`
        named after `stems` that no row records, and temporary files; how many of each."""
        ...

    def location(self, path: str) -> str:
        """Where a person finds the document recorded under `path`."""
        ...


class Work(Protocol):
    """A unit of work and what every use case may ask of it.

    Each `transaction()` commits as a whole or not at all; the audit events it appends are
    sealed with the audit key and, once it has committed, the new head of the chain is
    anchored outside the database (whoever writes: a command, a flow run, the portal).
    `reading()` is a unit of work that only reads (`core.db.reading`)."""

    @property
    def actor(self) -> str: ...

    @property
    def clock(self) -> Clock: ...

    @property
    def settings(self) -> Settings: ...

    def transaction(self) -> AbstractContextManager[Session]: ...

    def reading(self) -> AbstractContextManager[Session]:
        """A unit of work that only reads: it neither waits for a writer nor holds one up."""
        ...


class Stores(Work, Protocol):
    """A unit of work that also stores or reads documents."""

    @property
    def documents(self) -> DocumentStore: ...
