"""The document store: files under the data folder, each recorded with its SHA-256.

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

    from agreements.app import App

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


def store(
    app: App, session: Session, *, kind: str, folder: str, name: str, data: bytes,
    template: str | None = None, template_sha256: str | None = None,
) -> Document:
    """Write `data` as documents/<folder>/<name> (or a free variant of the name) and record
    it; returns the flushed Document. An existing file is never replaced. `folder` may have
    subfolders (`evidence/12`); each part is made safe on its own."""
    parts = [safe_name(part) for part in folder.split("/") if part.strip("./")]
    wanted = Path("documents", *parts, safe_name(name))
    written = write_new(app.settings.data_dir / wanted, data)
    relative = wanted.with_name(written.name)
    doc = Document(
        kind=kind, path=relative.as_posix(), sha256=sha256(data), size=len(data),
        media_type=MEDIA_TYPES.get(relative.suffix.lower(), "application/octet-stream"),
        template=template, template_sha256=template_sha256, created_at=app.clock.now(),
    )
    session.add(doc)
    session.flush()
    return doc


def path_of(app: App, doc: Document) -> Path:
    return app.settings.data_dir / doc.path


def read(app: App, doc: Document) -> bytes:
    return path_of(app, doc).read_bytes()
