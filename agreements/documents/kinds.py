"""What a file handed in is, told from its content, never from its name: PDF, PNG and JPEG by
their magic bytes, DOCX and XLSX by the main part named in the ZIP's `[Content_Types].xml`,
the ZIP checked against the limits of `core.bounded` before it is opened. A text file named
`ros.pdf` (or a link to `/etc/hostname`) is none of them."""

from __future__ import annotations

import io

from agreements.core import bounded
from agreements.errorcodes import Code
from agreements.errors import InvalidInput

SUFFIXES = {"pdf": ".pdf", "docx": ".docx", "xlsx": ".xlsx", "png": ".png", "jpeg": ".jpg"}
EVIDENCE = frozenset(SUFFIXES)
_OOXML = {"docx": b"wordprocessingml.document.main+xml",
          "xlsx": b"spreadsheetml.sheet.main+xml"}
_TYPES_MAX = 1_000_000  # bytes of [Content_Types].xml (Word's own: about 1.5 KB)


def kind_of(data: bytes, name: str) -> str | None:
    """"pdf", "png", "jpeg", "docx" or "xlsx" from the content; None when none of them (a
    ZIP that cannot be read included). A ZIP over the limits is refused (InvalidInput)
    before it is opened."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        bounded.check_zip(data, name)
    except InvalidInput as exc:
        if exc.code is Code.ZIP_BROKEN:
            return None
        raise
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            info = z.getinfo("[Content_Types].xml")
            if info.file_size > _TYPES_MAX:
                return None
            types = z.read(info)
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, EOFError):
        return None
    return next((k for k, marker in _OOXML.items() if marker in types), None)


def evidence_suffix(data: bytes, name: str) -> str:
    """The file name suffix evidence is stored under, from its content; refused when it is
    not one of the accepted kinds."""
    kind = kind_of(data, name)
    if kind not in EVIDENCE:
        raise InvalidInput(Code.EVIDENCE_TYPE, name=name)
    return SUFFIXES[kind]
