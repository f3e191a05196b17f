"""DOCX to PDF through LibreOffice (`soffice --headless`): a batch split over one soffice per
core, each converting chunks of files.

A converter is one of the app's transports (the `Converts` port): None where LibreOffice is not
installed, in which case callers keep the DOCX and say so. Starting soffice costs about a
second and each file then about 0.12 s of one core, so a batch is converted by as many
soffice processes as there are cores, side by side, each with its own profile (two never
share LibreOffice's lock), fed chunks of at most `CHUNK` files: a run given a few hundred
files was seen to stop after about 246 and still exit 0, and one soffice slows down per file
as it converts more. A file without a PDF after its run is tried once more in a fresh soffice
with a fresh profile (today's one-process path) before the batch fails. Every soffice is
started in its own session and its process group killed when its run ends, times out or is
interrupted; the temporary folder is always removed. Results come back in input order.
"""

from __future__ import annotations

import itertools
import math
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from agreements.core.ports import Stores
from agreements.documents.soffice import run_soffice
from agreements.errorcodes import Code
from agreements.errors import InvalidInput

if TYPE_CHECKING:
    from agreements.config import Settings

CHUNK = 60
BASE_TIMEOUT_SECONDS = 120.0  # a whole batch: this, plus PER_FILE_SECONDS for each file
PER_FILE_SECONDS = 3.0


class PdfConversionError(InvalidInput):
    """LibreOffice timed out or produced no PDF for some documents."""


class Converter(Protocol):
    def to_pdf(self, docx_files: Sequence[bytes]) -> list[bytes]:
        """One PDF per DOCX, in order; raises InvalidInput naming what failed."""
        ...


class Converts(Stores, Protocol):
    """A unit of work that makes documents: the store, and the converter (None where
    LibreOffice is not installed)."""

    def converter(self) -> Converter | None: ...


def soffice() -> str | None:
    return os.environ.get("AVTALEFLYT_SOFFICE") or shutil.which("soffice")


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def converter_for(settings: Settings) -> Converter | None:
    binary = soffice() if settings.pdf else None
    return LibreOffice(binary) if binary else None


def convert(converter: Converter | None, docx_files: Sequence[bytes]) -> list[bytes] | None:
    """PDFs for the files, or None when there is no converter (or nothing to convert)."""
    if converter is None or not docx_files:
        return None
    return converter.to_pdf(docx_files)


def to_pdf(docx_files: Sequence[bytes]) -> list[bytes] | None:
    """Convert with the LibreOffice on PATH; None when it is not installed."""
    binary = soffice()
    return LibreOffice(binary).to_pdf(docx_files) if binary else None


class LibreOffice:
    """Converts a batch with `workers` soffice processes side by side (default: the cores),
    in a temporary folder under `tmp` (default: the system's)."""

    def __init__(self, binary: str, *, workers: int | None = None, chunk: int = CHUNK,
                 timeout: float | None = None, tmp: Path | None = None) -> None:
        self.binary, self.workers, self.chunk, self.timeout = binary, workers, chunk, timeout
        self.tmp = tmp

    def to_pdf(self, docx_files: Sequence[bytes]) -> list[bytes]:
        if not docx_files:
            return []
        workers = max(1, min(self.workers or cores(), len(docx_files)))
        timeout = self.timeout or BASE_TIMEOUT_SECONDS + PER_FILE_SECONDS * len(docx_files)
        with tempfile.TemporaryDirectory(prefix="avtaleflyt-pdf-", dir=self.tmp) as tmp:
            work = Path(tmp)
            (work / "in").mkdir()
            names = [f"d{i:05d}.docx" for i in range(len(docx_files))]
            for name, data in zip(names, docx_files, strict=True):
                (work / "in" / name).write_bytes(data)
            chunks = plan(len(names), workers, self.chunk)
            batch = _Batch(self.binary, work, time.monotonic() + timeout)
            with ThreadPoolExecutor(workers, thread_name_prefix="soffice") as pool:
                slots = [pool.submit(batch.run_slot, k, [[names[i] for i in c]
                                                         for c in chunks[k::workers]])
                         for k in range(workers)]
                errors = [f.exception() for f in slots]
            failed = [e for e in errors if e is not None]
            if failed:
                raise failed[0]
            return [batch.pdf(n).read_bytes() for n in names]


def plan(n: int, workers: int, chunk: int) -> list[range]:
    """Contiguous, near-equal slices of range(n): at least one per worker (if n allows),
    at most `chunk` long, their count a multiple of `workers` so the workers end together."""
    if n == 0:
        return []
    count = max(math.ceil(n / chunk), min(workers, n))
    count = min(n, math.ceil(count / workers) * workers)
    bounds = [round(i * n / count) for i in range(count + 1)]
    return [range(a, b) for a, b in itertools.pairwise(bounds) if b > a]


class _Batch:
    """The runs of one batch: each worker slot converts its chunks with its own profile;
    once one slot fails, the others stop before their next run."""

    def __init__(self, binary: str, work: Path, deadline: float) -> None:
        self.binary, self.work, self.deadline = binary, work, deadline
        self.cancelled = threading.Event()

    def pdf(self, name: str) -> Path:
        return self.work / "out" / (name.removesuffix(".docx") + ".pdf")

    def run_slot(self, slot: int, chunks: list[list[str]]) -> None:
        try:
            for names in chunks:
                self._chunk(slot, names)
        except BaseException:
            self.cancelled.set()
            raise

    def _chunk(self, slot: int, names: list[str]) -> None:
        error = self._run(self.work / f"profile-{slot}", names)
        missing = [n for n in names if not self.pdf(n).is_file()]
        if not missing:
            return
        error = self._run(self.work / f"profile-{slot}-retry-{missing[0]}", missing)
        still = [n for n in missing if not self.pdf(n).is_file()]
        if still:
            raise PdfConversionError(Code.PDF_NOT_CONVERTED, count=len(still), names=still[:5],
                                     detail=error or "no error output")

    def _run(self, profile: Path, names: list[str]) -> str:
        if self.cancelled.is_set():
            raise PdfConversionError(Code.PDF_CANCELLED)
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise PdfConversionError(Code.PDF_TIMED_OUT, files=len(names))
        return run_soffice(self.binary, profile, self.work / "in", self.work / "out", names,
                           timeout=remaining, error=PdfConversionError)

