"""Files handed in by people (a signed copy, evidence), staged by their SHA-256.

A front door stages the bytes it was given (`stage`) and passes the small `Upload` reference
on — to a command in this process, as a flow parameter, or from a web form — and the command
reads them back (`load`), checked against the hash. The name a person gave a file is kept as
text only; it never becomes a path. Staged files are immutable, content-addressed copies
in the document store (`DocumentStore.stage`: `<data dir>/uploads/`, or the shared store, so
a flow run on another machine takes them back); what a command keeps is stored as a
document.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from agreements.core import bounded
from agreements.errorcodes import Code
from agreements.errors import InvalidInput

if TYPE_CHECKING:
    from pathlib import Path

    from agreements.core.ports import Stores


class Upload(BaseModel):
    """A staged file: its SHA-256, the name it was given and its size."""

    model_config = ConfigDict(frozen=True)

    sha256: str = Field(title="SHA-256", pattern=r"^[0-9a-f]{64}$",
                        description="of a file staged with the CLI or uploaded in the portal")
    filename: str = Field(title="File name", max_length=255,
                          description="as the person named it (shown, never used as a path)")
    size: int = Field(title="Size in bytes", ge=0)


def stage(work: Stores, filename: str, data: bytes, *, what: str = "file") -> Upload:
    """Stage `data`; refused when empty or larger than the upload limit."""
    limit = work.settings.max_signed_file_bytes
    shown = " ".join(filename.split())[:255] or "fil"
    if not data:
        raise InvalidInput(Code.UPLOAD_EMPTY, what=what, name=shown)
    if len(data) > limit:
        raise too_large(what, shown, len(data), limit)
    sha = work.documents.stage(data)
    return Upload(sha256=sha, filename=shown, size=len(data))


def stage_file(work: Stores, path: Path, *, what: str = "file") -> Upload:
    """Stage a file from the local disk (the CLI): a regular file, read no further than the
    upload limit (`core.bounded` refuses a pipe, device, folder or link, one line each)."""
    data = bounded.read_bytes(path, work.settings.max_signed_file_bytes)
    return stage(work, path.name, data, what=what)


def load(work: Stores, upload: Upload) -> bytes:
    """The staged bytes, checked against their hash."""
    data = work.documents.staged(upload.sha256)
    if data is None:
        raise InvalidInput(Code.UPLOAD_NOT_STAGED, name=upload.filename, sha=upload.sha256[:12])
    if hashlib.sha256(data).hexdigest() != upload.sha256:
        raise InvalidInput(Code.UPLOAD_DAMAGED, name=upload.filename)
    return data


def too_large(what: str, name: str, size: int, limit: int) -> InvalidInput:
    """A file over the configured limit (named in bytes, and in MB for people)."""
    return InvalidInput(Code.UPLOAD_TOO_LARGE, what=what, name=name, size=size, limit=limit,
                        limit_mb=megabytes(limit))


def megabytes(size: int) -> str:
    """A size as people read it: 20 MB (a mebibyte, as file managers count), 0,5 MB."""
    mb = round(size / 2**20, 1)
    return f"{mb:g}".replace(".", ",")
