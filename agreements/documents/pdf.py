"""DOCX to PDF through LibreOffice (`soffice --headless`), many files per process.

A converter is one of the app's transports (`App.converter()`): None where LibreOffice is not
installed, in which case callers keep the DOCX and say so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from agreements.errors import InvalidInput

if TYPE_CHECKING:
    from agreements.config import Settings

PDF_TIMEOUT_SECONDS = 600
PDF_CHUNK = 100


class Converter(Protocol):
    def to_pdf(self, docx_files: Sequence[bytes]) -> list[bytes]:
        """One PDF per DOCX, in order; raises InvalidInput naming what failed."""
        ...


def soffice() -> str | None:
    return os.environ.get("AVTALEFLYT_SOFFICE") or shutil.which("soffice")


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
    """One soffice run per chunk of files.

    A single run given a few hundred files was seen to stop after about 246 of them and still
    exit 0, so chunks stay well below that, and a file missing after its run gets one more try
    in a new run before it counts as failed.
    """

    def __init__(self, binary: str) -> None:
        self.binary = binary

    def to_pdf(self, docx_files: Sequence[bytes]) -> list[bytes]:
        with tempfile.TemporaryDirectory(prefix="avtaleflyt-pdf-") as tmp:
            work = Path(tmp)
            names = []
            for i, data in enumerate(docx_files):
                (work / f"d{i:05d}.docx").write_bytes(data)
                names.append(f"d{i:05d}.docx")
            for chunk in (names[i:i + PDF_CHUNK] for i in range(0, len(names), PDF_CHUNK)):
                _convert(self.binary, work, chunk)
                missing = [n for n in chunk if not _pdf(work, n).is_file()]
                if missing:
                    error = _convert(self.binary, work, missing)
                    still = [n for n in missing if not _pdf(work, n).is_file()]
                    if still:
                        raise InvalidInput(f"LibreOffice could not convert {len(still)} "
                                           f"document(s) to PDF: {error or 'no error output'}")
            return [_pdf(work, n).read_bytes() for n in names]


def _pdf(work: Path, name: str) -> Path:
    return work / "pdf" / (Path(name).stem + ".pdf")


def _convert(binary: str, work: Path, names: Sequence[str]) -> str:
    # A private profile per run: two conversions at once must not share LibreOffice's lock.
    profile = (work / f"profile-{uuid.uuid4().hex}").as_uri()
    result = subprocess.run(
        [binary, f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(work / "pdf"), *names],
        cwd=work, capture_output=True, text=True, timeout=PDF_TIMEOUT_SECONDS,
    )
    lines = [x for x in result.stderr.splitlines() if x.strip() and "javaldx" not in x]
    return lines[-1] if lines else ""
