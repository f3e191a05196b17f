"""Files handed in by people (a signed copy, evidence), staged by their SHA-256.

A front door stages the bytes it was given (`stage`) and passes the small `Upload` reference
on — to a command in this process, as a flow parameter, or from a web form — and the command
reads them back (`load`), checked against the hash. The name a person gave a file is kept as
text only; it never becomes a path. Staged files are immutable, content-addressed copies
under `<data dir>/uploads/`; what a command keeps is stored again as a document.

A front door that runs the command itself stages for that run only (`staged`, `staged_file`):
the staged copy is removed when the command is done, whether it stored the file or refused
it, so a refused upload leaves nothing behind. What is staged for a later run (a flow) and
never used is swept once it is a day old (`sweep`, at every staging and daily follow-up).
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from agreements.core import bounded
from agreements.documents.store import write_atomically
from agreements.errorcodes import Code
from agreements.errors import InvalidInput

if TYPE_CHECKING:
    from pathlib import Path

    from agreements.core.ports import Work

SWEEP_AFTER_SECONDS = 24 * 3600


class Upload(BaseModel):
    """A staged file: its SHA-256, the name it was given and its size."""

    model_config = ConfigDict(frozen=True)

    sha256: str = Field(title="SHA-256", pattern=r"^[0-9a-f]{64}$",
                        description="of a file staged with the CLI or uploaded in the portal")
    filename: str = Field(title="File name", max_length=255,
                          description="as the person named it (shown, never used as a path)")
    size: int = Field(title="Size in bytes", ge=0)


@dataclass(frozen=True)
class _Staged:
    upload: Upload
    fresh: bool  # this call wrote the staged copy (nobody else had staged the same bytes)


def _folder(work: Work) -> Path:
    return work.settings.data_dir / "uploads"


def _path(work: Work, sha256: str) -> Path:
    return _folder(work) / sha256[:2] / sha256


def _stage(work: Work, filename: str, data: bytes, what: str) -> _Staged:
    limit = work.settings.max_signed_file_bytes
    shown = " ".join(filename.split())[:255] or "fil"
    if not data:
        raise InvalidInput(Code.UPLOAD_EMPTY, what=what, name=shown)
    if len(data) > limit:
        raise too_large(what, shown, len(data), limit)
    sweep(work)
    sha = hashlib.sha256(data).hexdigest()
    path = _path(work, sha)
    fresh = not path.is_file()
    if fresh:
        write_atomically(path, data)
    return _Staged(Upload(sha256=sha, filename=shown, size=len(data)), fresh)


def stage(work: Work, filename: str, data: bytes, *, what: str = "file") -> Upload:
    """Stage `data` for a later run (a flow); refused when empty or larger than the limit."""
    return _stage(work, filename, data, what).upload


def _read_file(work: Work, path: Path) -> bytes:
    """A file from the local disk (the CLI): a regular file, read no further than the upload
    limit (`core.bounded` refuses a pipe, device, folder or link, one line each)."""
    return bounded.read_bytes(path, work.settings.max_signed_file_bytes)


def stage_file(work: Work, path: Path, *, what: str = "file") -> Upload:
    """Stage a file from the local disk (the CLI) for a later run."""
    return stage(work, path.name, _read_file(work, path), what=what)


@contextlib.contextmanager
def staged(work: Work, filename: str, data: bytes, *, what: str = "file"
           ) -> Iterator[Upload]:
    """Stage `data` for the command run inside the block; the staged copy is gone afterwards
    (a command that keeps the file has stored it as a document of its own)."""
    found = _stage(work, filename, data, what)
    try:
        yield found.upload
    finally:
        if found.fresh:  # bytes someone else staged meanwhile are theirs to use
            _path(work, found.upload.sha256).unlink(missing_ok=True)


@contextlib.contextmanager
def staged_file(work: Work, path: Path, *, what: str = "file") -> Iterator[Upload]:
    """`staged` for a file from the local disk (the CLI)."""
    with staged(work, path.name, _read_file(work, path), what=what) as upload:
        yield upload


def sweep(work: Work, *, now: float | None = None) -> int:
    """Remove staged files older than a day (staged and never used); returns how many."""
    folder, removed = _folder(work), 0
    if not folder.is_dir():
        return 0
    cutoff = (time.time() if now is None else now) - SWEEP_AFTER_SECONDS
    for path in folder.glob("*/*"):
        with contextlib.suppress(OSError):  # gone meanwhile: another sweep, or its command
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
    return removed


def load(work: Work, upload: Upload) -> bytes:
    """The staged bytes, checked against their hash."""
    path = _path(work, upload.sha256)
    if not path.is_file():
        raise InvalidInput(Code.UPLOAD_NOT_STAGED, name=upload.filename, sha=upload.sha256[:12])
    data = path.read_bytes()
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
