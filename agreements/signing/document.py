"""Whether a signed PDF is the document: the sent bytes (and the copy signed before) are its
exact beginning, or its text holds the agreement number; and where the file really ends."""

from __future__ import annotations

import io
import re

from agreements.errorcodes import Code
from agreements.signing.problems import Problem, problem


class _Found(BaseException):
    """The text sought was read: pypdf stops extracting. (A BaseException: pypdf turns an
    Exception raised while it reads a form XObject, where Posten's PAdES holds the pages,
    into a warning and reads on.)"""


def holds_text(data: bytes, wanted: str) -> bool:
    """Whether the PDF's text holds `wanted` (whitespace-normalised). The text is read in
    order (pages, and within a page the pieces pypdf reports as it extracts them) only until
    it is found: extracting text is most of the cost of checking a PAdES. A page read to its
    end is also searched in the text pypdf returns for it, as a whole."""
    from pypdf import PdfReader  # imported late: only needed for PAdES made as a new file

    keep = max(len(wanted) - 1, 0)
    tail, text = "", ""  # the last `keep` characters read, normalised; the pages read

    def visit(piece: str, *_: object) -> None:
        nonlocal tail
        if piece:
            seen = re.sub(r"\s+", " ", tail + piece)
            if wanted in seen:
                raise _Found
            tail = seen[-keep:] if keep else ""

    try:
        for page in PdfReader(io.BytesIO(data), strict=False).pages:
            tail = re.sub(r"\s+", " ", tail + " ")
            whole = page.extract_text(visitor_text=visit) or ""
            text = re.sub(r"\s+", " ", f"{text} {whole}")
            if wanted in text:
                return True
    except _Found:
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
