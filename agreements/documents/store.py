"""The document store's local backend (`core.ports.DocumentStore`): files under the data
folder, each recorded with its SHA-256; what every backend shares (names, the row).

Stored documents are immutable. A file is written under a temporary name and then linked to
its final name, which fails if that name exists: two runs at once, or a re-run after a crash,
never replace a file another row points to. The second writer gets a name of its own
(`paaminnelse-7-1-3f2a9c1e.pdf`), so every row's SHA-256 matches its file, always.
The shared backends (`documents.shared`) name documents the same way.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import time
from collections.abc import Collection
from datetime import timedelta
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from sqlmodel import col, func, select

from agreements.core.models import Document
from agreements.documents import durable
from agreements.documents.inserting import inserted
from agreements.errorcodes import Code
from agreements.errors import AvtaleflytError

if TYPE_CHECKING:
    from sqlmodel import Session

    from agreements.core.ports import Clock

MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".json": "application/json",
    ".eml": "message/rfc822",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".csv": "text/csv",
    ".md": "text/markdown",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".txt": "text/plain",
}


class DocumentUnreadable(AvtaleflytError):
    """A recorded document's bytes are missing from the store, or are not the bytes its row
    names (damaged, or changed behind the store's back)."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "fil"


def wanted(folder: str, name: str) -> PurePosixPath:
    """`documents/<folder>/<name>`, each part of `folder` made safe on its own."""
    parts = [safe_name(part) for part in folder.split("/") if part.strip("./")]
    return PurePosixPath("documents", *parts, safe_name(name))


def variants(path: PurePosixPath, digest: str) -> list[PurePosixPath]:
    """The name asked for, then names of its own with more and more of the SHA-256."""
    return [path, *(path.with_name(f"{path.stem}-{digest[:n]}{path.suffix}")
                    for n in (8, 16, 64))]


def row(clock: Clock, *, kind: str, path: PurePosixPath, data: bytes, template: str | None,
        template_sha256: str | None) -> Document:
    return Document(
        kind=kind, path=path.as_posix(), sha256=sha256(data), size=len(data),
        media_type=MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream"),
        template=template, template_sha256=template_sha256, created_at=clock.now())


def checked(document: Document, data: bytes | None) -> bytes:
    """`data` if it is what `document` names; DocumentUnreadable otherwise."""
    if data is None:
        raise DocumentUnreadable(Code.DOCUMENT_MISSING, path=document.path,
                                 sha=document.sha256[:12])
    if sha256(data) != document.sha256:
        raise DocumentUnreadable(Code.DOCUMENT_DAMAGED, path=document.path,
                                 sha=document.sha256[:12])
    return data


def others_named(session: Session, document: Document, column: str) -> int:
    """How many other rows share `document`'s path (or SHA-256)."""
    field = getattr(Document, column)
    return int(session.exec(select(func.count()).select_from(Document).where(
        field == getattr(document, column), col(Document.id) != document.id)).one())


def write_atomically(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all, replacing it (for files no row records)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def write_new(path: Path, data: bytes, *, sync: bool = True) -> Path:
    """Write `data` under `path`, or under a name of its own if `path` exists; never replace.

    Returns where it went. The file appears whole (written aside, then hard-linked); with
    `sync`, its bytes are on the disk before it appears (else the caller syncs it).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        for candidate in variants(PurePosixPath(path.name), sha256(data)):
            target = path.with_name(candidate.name)
            try:
                os.link(tmp, target)
                return target
            except FileExistsError:
                if target.read_bytes() == data:
                    return target  # the same bytes are there already: share the file
        raise FileExistsError(f"no free name for {path.name}")
    finally:
        os.unlink(tmp)


class LocalFolder:
    """Documents as files under `<data dir>/documents`, named as asked (or a free variant),
    and staged uploads under `<data dir>/uploads`: one machine, or a folder every machine
    mounts (the embedded default)."""

    def __init__(self, data_dir: Path, clock: Clock) -> None:
        self.data_dir = data_dir
        self.clock = clock

    def put(self, session: Session, *, kind: str, folder: str, name: str, data: bytes,
            template: str | None = None, template_sha256: str | None = None) -> Document:
        """Write `data` as documents/<folder>/<name> (or a free variant of the name) and
        record it; returns the flushed Document. An existing file is never replaced."""
        path = wanted(folder, name)
        written = write_new(self.data_dir / path, data, sync=False)
        durable.synced_before_commit(session, written)
        return inserted(session, row(self.clock, kind=kind, path=path.with_name(written.name),
                                     data=data, template=template,
                                     template_sha256=template_sha256))

    def path_of(self, doc: Document) -> Path:
        """Where the file is (for a person to open; this backend only)."""
        return self.data_dir / doc.path

    def read(self, document: Document) -> bytes:
        try:
            data: bytes | None = self.path_of(document).read_bytes()
        except FileNotFoundError:
            data = None
        return checked(document, data)

    def _staged_path(self, sha: str) -> Path:
        return self.data_dir / "uploads" / sha[:2] / sha

    def stage(self, data: bytes) -> str:
        digest = sha256(data)
        path = self._staged_path(digest)
        if not path.is_file():
            write_atomically(path, data)
        return digest

    def staged(self, sha256: str) -> bytes | None:
        path = self._staged_path(sha256)
        return path.read_bytes() if path.is_file() else None

    def unstage(self, sha256: str) -> None:
        self._staged_path(sha256).unlink(missing_ok=True)

    def sweep_staged(self, older_than: float, *, now: float | None = None) -> int:
        folder, removed = self.data_dir / "uploads", 0
        if not folder.is_dir():
            return 0
        cutoff = (time.time() if now is None else now) - older_than
        for path in folder.glob("*/*"):
            with contextlib.suppress(OSError):  # gone meanwhile: another sweep, or its command
                if path.is_file() and path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
        return removed

    def discard(self, session: Session, document: Document) -> None:
        path = self.path_of(document) if not others_named(session, document, "path") else None
        session.delete(document)
        session.flush()
        if path is not None:
            durable.at_outer_commit(session, "after", lambda: path.unlink(missing_ok=True))

    def tidy(self, session: Session, folder: str, stems: Collection[str],
             older_than: timedelta) -> tuple[int, int]:
        where = self.data_dir / wanted(folder, "x").parent
        found = [p for stem in stems for p in where.glob(f"{stem}*")
                 if p.name.split(".")[0] == stem or p.name.startswith(f"{stem}-")]
        names = {f"{wanted(folder, p.name).as_posix()}": p for p in found}
        recorded = set(session.exec(select(Document.path).where(col(Document.path).in_(
            list(names)))))
        unrecorded = [p for name, p in names.items() if name not in recorded
                      and _older(p, older_than)]
        temporary = [Path(root, f) for root, _dirs, files in os.walk(self.data_dir / "documents")
                     for f in files if f.startswith(".tmp-")]
        temporary = [p for p in temporary if _older(p, older_than)]
        for path in (*unrecorded, *temporary):
            path.unlink(missing_ok=True)
        return len(unrecorded), len(temporary)

    def location(self, path: str) -> str:
        return str(self.data_dir / path)


def _older(path: Path, age: timedelta) -> bool:
    try:
        return time.time() - path.stat().st_mtime > age.total_seconds()
    except OSError:
        return False
