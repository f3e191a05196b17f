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

from contextlib import AbstractContextManager
from datetime import date, datetime
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
    """Where documents live. A stored document is never replaced: a second document under a
    taken name gets a name of its own, and the bytes a row names are the bytes of its
    SHA-256. A backend writes the bytes and records the `Document` row in the caller's
    transaction (`session`), so a shared backend can keep both in one commit."""

    def put(self, session: Session, *, kind: str, folder: str, name: str, data: bytes,
            template: str | None = None, template_sha256: str | None = None) -> Document:
        """Store `data` as `<folder>/<name>` (or a free variant of the name) and record it;
        returns the flushed row. `folder` may have subfolders (`evidence/12`)."""
        ...

    def read(self, document: Document) -> bytes:
        """The bytes of a stored document."""
        ...


class Work(Protocol):
    """A unit of work and what every use case may ask of it.

    Each `transaction()` commits as a whole or not at all; the audit events it appends are
    sealed with the audit key and, once it has committed, the new head of the chain is
    anchored outside the database (whoever writes: a command, a flow run, the portal)."""

    @property
    def actor(self) -> str: ...

    @property
    def clock(self) -> Clock: ...

    @property
    def settings(self) -> Settings: ...

    def transaction(self) -> AbstractContextManager[Session]: ...


class Stores(Work, Protocol):
    """A unit of work that also stores or reads documents."""

    @property
    def documents(self) -> DocumentStore: ...
