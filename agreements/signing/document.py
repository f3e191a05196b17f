"""Whether a signed PDF is the document: the sent bytes (and the copy signed before) are its
exact beginning, or its text holds the agreement number; and where the file really ends."""

from __future__ import annotations

import io
import re

from agreements.errorcodes import Code
from agreements.signing.problems import Problem, problem


def holds_text(data: bytes, wanted: str) -> bool:
    """Whether the PDF's text holds `wanted` (whitespace-normalised). Pages are read in order
    only until it is found: extracting text is most of the cost of checking a PAdES."""
    from pypdf import PdfReader  # imported late: only needed for PAdES made as a new file

    text = ""
    for page in PdfReader(io.BytesIO(data), strict=False).pages:
        text = re.sub(r"\s+", " ", f"{text} {page.extract_text() or ''}")
        if wanted in text:
            return True
    return False


def end_of(data: bytes) -> int:
    """Where the file ends: after its last %%EOF marker and one line ending."""
    at = data.rfind(b"%%EOF")
    if at < 0:
        return len(data)
    end = at + 5
    for eol in (b"\r\n", b"\n", b"\r"):
        if data.startswith(eol, end):
            return end + len(eol)
    return end


def identity(data: bytes, sent_pdf: bytes | None, previous: tuple[bytes, str] | None,
              expected_text: str | None, found: list[Problem]) -> bool:
    """Rule 2: whether this is the document that was sent (and signed before)."""
    if sent_pdf is not None and not (len(data) > len(sent_pdf) and data.startswith(sent_pdf)):
        found.append(problem(Code.SIGNED_COPY_NOT_SENT))
        return False
    if previous is not None and not data.startswith(previous[0]):
        found.append(problem(Code.SIGNED_COPY_NOT_ON_PREVIOUS, previous=previous[1]))
        return False
    if expected_text is not None:
        wanted = re.sub(r"\s+", " ", expected_text).strip()
        try:
            held = holds_text(data, wanted)
        except Exception:
            held = False
        if not held:
            found.append(problem(Code.SIGNED_COPY_WITHOUT_NUMBER, number=wanted))
            return False
    return True
