"""The document store: files under the data folder, each recorded with its SHA-256."""

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
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def store(
    app: App, session: Session, *, kind: str, folder: str, name: str, data: bytes,
    template: str | None = None, template_sha256: str | None = None,
) -> Document:
    """Write `data` to documents/<folder>/<name> and record it; returns the flushed Document.
    `folder` may have subfolders (`evidence/12`); each part is made safe on its own."""
    parts = [safe_name(part) for part in folder.split("/") if part.strip("./")]
    relative = Path("documents", *parts, safe_name(name))
    write_atomically(app.settings.data_dir / relative, data)
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
