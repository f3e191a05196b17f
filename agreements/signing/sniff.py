"""What a file that should be a PDF looks like, for a refusal that says why (no PDF library)."""

from __future__ import annotations


def kind_of(data: bytes) -> str:
    """"a PNG image", "a ZIP archive" …, or "not a PDF"."""
    for magic, kind in ((b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
                        (b"PK\x03\x04", "a ZIP archive"), (b"<", "XML or HTML")):
        if data.lstrip()[:8].startswith(magic):
            return kind
    return "not a PDF"
