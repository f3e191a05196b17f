"""The document store's shared backends, for several machines: the database itself, or
object storage by an fsspec URL (`AVTALEFLYT_DOCUMENT_STORE=database` or `s3://…`).

Both keep a document's bytes once, addressed by their SHA-256 (`DocumentBlob`, or the object
`<url>/sha256/<ab>/<sha256>`); the `Document` row names them, under the same names as the
local folder (`documents/agreements/PJD-….pdf`, a free variant when a name is taken by other
bytes), so `avtaleflyt documents export DIR` writes the files a person opens.

- **database**: the bytes are written in the transaction that records the row naming them,
  so they commit together or not at all; nothing more to run or back up. The database grows
  by every document (a few hundred KB an agreement).
- **object storage**: the bytes are written before the row commits; a crash in between
  leaves an object no row names (harmless: content-addressed, never read). The database
  stays small; the bucket needs its own backup and credentials (fsspec's own configuration
  or the environment, never in the URL).

Staged uploads are bytes under their SHA-256 too (`stage`, `staged`), so a file handed in to
the portal on one machine is stored by a flow run on another.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Collection
from datetime import UTC, datetime, timedelta
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, exists
from sqlmodel import col, select

from agreements.core.db import insert_ignoring_conflict, reading
from agreements.core.models import Document, DocumentBlob, StagedUpload
from agreements.documents import durable
from agreements.documents.store import checked, others_named, row, sha256, variants, wanted

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from agreements.config import Settings
    from agreements.core.ports import Clock, DocumentStore


class _Named:
    """Names as the local folder gives them: the name asked for, or, when another document's
    bytes have it, the first free variant (the same bytes share a name)."""

    clock: Clock

    def _record(self, session: Session, *, kind: str, folder: str, name: str, data: bytes,
                template: str | None, template_sha256: str | None) -> Document:
        digest = sha256(data)
        candidates = variants(wanted(folder, name), digest)
        taken = {p: s for p, s in session.exec(select(Document.path, Document.sha256).where(
            col(Document.path).in_([c.as_posix() for c in candidates]))).all()}
        path = next((c for c in candidates if taken.get(c.as_posix(), digest) == digest),
                    candidates[-1])
        doc = row(self.clock, kind=kind, path=PurePosixPath(path), data=data,
                  template=template, template_sha256=template_sha256)
        session.add(doc)
        session.flush()
        return doc

    def tidy(self, session: Session, folder: str, stems: Collection[str],
             older_than: timedelta) -> tuple[int, int]:
        return 0, 0  # bytes and rows are written together (database) or content-addressed


class DatabaseStore(_Named):
    """Documents in the database: the bytes in `documentblob`, in the row's transaction."""

    def __init__(self, engine: Engine, clock: Clock) -> None:
        self.engine, self.clock = engine, clock

    def put(self, session: Session, *, kind: str, folder: str, name: str, data: bytes,
            template: str | None = None, template_sha256: str | None = None) -> Document:
        insert_ignoring_conflict(session, DocumentBlob, ["sha256"], sha256=sha256(data),
                                 size=len(data), data=data)
        return self._record(session, kind=kind, folder=folder, name=name, data=data,
                            template=template, template_sha256=template_sha256)

    def _blob(self, sha: str) -> bytes | None:
        with reading(self.engine) as session:  # waits for no writer (SQLite)
            found = session.exec(select(DocumentBlob.data).where(
                DocumentBlob.sha256 == sha)).first()
        return bytes(found) if found is not None else None

    def read(self, document: Document) -> bytes:
        return checked(document, self._blob(document.sha256))

    def stage(self, data: bytes) -> str:
        from sqlmodel import Session

        digest = sha256(data)
        with Session(self.engine) as session, session.begin():
            insert_ignoring_conflict(session, StagedUpload, ["sha256"], sha256=digest,
                                     size=len(data), data=data, staged_at=datetime.now(UTC))
        return digest

    def staged(self, sha256: str) -> bytes | None:
        with reading(self.engine) as session:
            found = session.exec(select(StagedUpload.data).where(
                StagedUpload.sha256 == sha256)).first()
        return bytes(found) if found is not None else None

    def unstage(self, sha256: str) -> None:
        from sqlmodel import Session

        with Session(self.engine) as session, session.begin():
            session.execute(delete(StagedUpload).where(col(StagedUpload.sha256) == sha256))

    def sweep_staged(self, older_than: float, *, now: float | None = None) -> int:
        from sqlmodel import Session

        cutoff = datetime.fromtimestamp((time.time() if now is None else now) - older_than, UTC)
        with Session(self.engine) as session, session.begin():
            gone = session.execute(delete(StagedUpload).where(
                col(StagedUpload.staged_at) < cutoff))
        return int(gone.rowcount)  # type: ignore[attr-defined]

    def discard(self, session: Session, document: Document) -> None:
        session.delete(document)
        session.flush()
        if not others_named(session, document, "sha256"):
            session.execute(delete(DocumentBlob).where(
                col(DocumentBlob.sha256) == document.sha256,
                ~exists().where(col(Document.sha256) == document.sha256)))

    def location(self, path: str) -> str:
        return f"{path} (in the database)"


class ObjectStore(_Named):
    """Documents in object storage (any fsspec URL: `s3://bucket/avtaleflyt`, `gs://…`,
    `file:///mnt/shared/avtaleflyt`): the bytes as `<url>/sha256/<ab>/<sha256>`."""

    def __init__(self, url: str, clock: Clock) -> None:
        self.url, self.clock = url.rstrip("/"), clock
        self._fs: Any = None

    def _where(self, sha: str, prefix: str = "sha256") -> tuple[Any, str]:
        """The object of `sha`: a document's bytes (`sha256/`), or staged bytes (`staged/`)."""
        if self._fs is None:
            import fsspec

            self._fs, self._root = fsspec.core.url_to_fs(self.url)
        return self._fs, f"{self._root}/{prefix}/{sha[:2]}/{sha}"

    def _write(self, data: bytes, prefix: str = "sha256") -> str:
        digest = sha256(data)
        fs, path = self._where(digest, prefix)
        if not fs.exists(path):
            fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
            fs.pipe_file(path, data)  # content-addressed: a concurrent write is the same bytes
        return digest

    def _cat(self, sha: str, prefix: str) -> bytes | None:
        fs, path = self._where(sha, prefix)
        try:
            return bytes(fs.cat_file(path))
        except FileNotFoundError:
            return None

    def put(self, session: Session, *, kind: str, folder: str, name: str, data: bytes,
            template: str | None = None, template_sha256: str | None = None) -> Document:
        self._write(data)
        return self._record(session, kind=kind, folder=folder, name=name, data=data,
                            template=template, template_sha256=template_sha256)

    def read(self, document: Document) -> bytes:
        return checked(document, self._cat(document.sha256, "sha256"))

    def stage(self, data: bytes) -> str:
        return self._write(data, "staged")

    def staged(self, sha256: str) -> bytes | None:
        return self._cat(sha256, "staged")

    def unstage(self, sha256: str) -> None:
        fs, path = self._where(sha256, "staged")
        with contextlib.suppress(FileNotFoundError):
            fs.rm_file(path)

    def sweep_staged(self, older_than: float, *, now: float | None = None) -> int:
        fs, path = self._where("00", "staged")
        cutoff = datetime.fromtimestamp((time.time() if now is None else now) - older_than, UTC)
        removed = 0
        for found in fs.find(path.rsplit("/", 2)[0]) if fs.exists(path.rsplit("/", 2)[0]) else []:
            with contextlib.suppress(FileNotFoundError, NotImplementedError):
                when = fs.modified(found)
                if (when if when.tzinfo else when.replace(tzinfo=UTC)) < cutoff:
                    fs.rm_file(found)
                    removed += 1
        return removed

    def discard(self, session: Session, document: Document) -> None:
        session.delete(document)
        session.flush()
        if not others_named(session, document, "sha256"):
            fs, path = self._where(document.sha256)
            durable.at_outer_commit(session, "after", lambda: fs.rm_file(path))

    def location(self, path: str) -> str:
        return f"{path} (in {self.url})"


def store_for(settings: Settings, engine: Engine, clock: Clock) -> DocumentStore:
    """The backend the `document_store` setting names."""
    from agreements.documents.store import LocalFolder

    if settings.document_store == "folder":
        return LocalFolder(settings.data_dir, clock)
    if settings.document_store == "database":
        return DatabaseStore(engine, clock)
    return ObjectStore(settings.document_store, clock)
