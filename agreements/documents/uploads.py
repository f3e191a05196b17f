"""Files handed in by people (a signed copy, evidence), staged by their SHA-256.

A front door stages the bytes it was given (`stage`) and passes the small `Upload` reference
on — to a command in this process, as a flow parameter, or from a web form — and the command
reads them back (`load`), checked against the hash. The name a person gave a file is kept as
text only; it never becomes a path. Staged files are immutable, content-addressed copies
under `<data dir>/uploads/`; what a command keeps is stored again as a document.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from agreements.core import bounded
from agreements.documents.store import write_atomically
from agreements.errors import InvalidInput

if TYPE_CHECKING:
    from pathlib import Path

    from agreements.app import App


class Upload(BaseModel):
    """A staged file: its SHA-256, the name it was given and its size."""

    model_config = ConfigDict(frozen=True)

    sha256: str = Field(title="SHA-256", pattern=r"^[0-9a-f]{64}$",
                        description="of a file staged with the CLI or uploaded in the portal")
    filename: str = Field(title="File name", max_length=255,
                          description="as the person named it (shown, never used as a path)")
    size: int = Field(title="Size in bytes", ge=0)


def _path(app: App, sha256: str) -> Path:
    return app.settings.data_dir / "uploads" / sha256[:2] / sha256


def stage(app: App, filename: str, data: bytes, *, what: str = "file") -> Upload:
    """Stage `data`; refused when empty or larger than the upload limit."""
    limit = app.settings.max_signed_file_bytes
    shown = " ".join(filename.split())[:255] or "fil"
    if not data:
        raise InvalidInput(f"{what} {shown} is empty")
    if len(data) > limit:
        raise InvalidInput(f"{what} {shown} is {len(data)} bytes; the limit is {limit}")
    sha = hashlib.sha256(data).hexdigest()
    path = _path(app, sha)
    if not path.is_file():
        write_atomically(path, data)
    return Upload(sha256=sha, filename=shown, size=len(data))


def stage_file(app: App, path: Path, *, what: str = "file") -> Upload:
    """Stage a file from the local disk (the CLI): a regular file, read no further than the
    upload limit (`core.bounded` refuses a pipe, device, folder or link, one line each)."""
    data = bounded.read_bytes(path, app.settings.max_signed_file_bytes)
    return stage(app, path.name, data, what=what)


def load(app: App, upload: Upload) -> bytes:
    """The staged bytes, checked against their hash."""
    path = _path(app, upload.sha256)
    if not path.is_file():
        raise InvalidInput(f"{upload.filename} ({upload.sha256[:12]}…) is not staged here: "
                           "upload it again")
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != upload.sha256:
        raise InvalidInput(f"the staged copy of {upload.filename} is damaged: upload it again")
    return data
