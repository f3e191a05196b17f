"""The document store's local backend (`core.ports.DocumentStore`): files under the data
folder, each recorded with its SHA-256.

Stored documents are immutable. A file is written under a temporary name and then linked to
its final name, which fails if that name exists: two runs at once, or a re-run after a crash,
never replace a file another row points to. The second writer gets a name of its own
(`paaminnelse-7-1-3f2a9c1e.pdf`), so every row's SHA-256 matches its file, always.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from agreements.core.models import Document

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
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".txt": "text/plain",
}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "fil"


def write_atomically(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all, replacing it (for files no row records)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def write_new(path: Path, data: bytes) -> Path:
    """Write `data` under `path`, or under a name of its own if `path` exists; never replace.

    Returns where it went. The file appears whole (written aside, then hard-linked).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        digest = sha256(data)
        candidates = [path, *(path.with_name(f"{path.stem}-{digest[:n]}{path.suffix}")
                              for n in (8, 16, 64))]
        for candidate in candidates:
            try:
                os.link(tmp, candidate)
                return candidate
            except FileExistsError:
                if candidate.read_bytes() == data:
                    return candidate  # the same bytes are there already: share the file
        raise FileExistsError(f"no free name for {path.name}")
    finally:
        os.unlink(tmp)


class LocalFolder:
    """Documents as files under `<data dir>/documents`, named as asked (or a free variant).
    The one backend for now; a shared one (the database, object storage) takes its place
    behind the same `DocumentStore` port."""

    def __init__(self, data_dir: Path, clock: Clock) -> None:
        self.data_dir = data_dir
        self.clock = clock

    def put(self, session: Session, *, kind: str, folder: str, name: str, data: bytes,
            template: str | None = None, template_sha256: str | None = None) -> Document:
        """Write `data` as documents/<folder>/<name> (or a free variant of the name) and
        record it; returns the flushed Document. An existing file is never replaced.
        `folder` may have subfolders (`evidence/12`); each part is made safe on its own."""
        parts = [safe_name(part) for part in folder.split("/") if part.strip("./")]
        wanted = Path("documents", *parts, safe_name(name))
        written = write_new(self.data_dir / wanted, data)
        relative = wanted.with_name(written.name)
        doc = Document(
            kind=kind, path=relative.as_posix(), sha256=sha256(data), size=len(data),
            media_type=MEDIA_TYPES.get(relative.suffix.lower(), "application/octet-stream"),
            template=template, template_sha256=template_sha256, created_at=self.clock.now(),
        )
        session.add(doc)
        session.flush()
        return doc

    def path_of(self, doc: Document) -> Path:
        """Where the file is (for a person to open; this backend only)."""
        return self.data_dir / doc.path

    def read(self, document: Document) -> bytes:
        return self.path_of(document).read_bytes()
