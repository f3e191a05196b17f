"""What a file that should be a PDF looks like, for a refusal that says why (no PDF library)."""

from __future__ import annotations


def kind_of(data: bytes) -> str:
    """"PNG", "JPEG", "ZIP", "XML/HTML" by the file's first bytes; "" when none of these."""
    for magic, kind in ((b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"PK\x03\x04", "ZIP"),
                        (b"<", "XML/HTML")):
        if data.lstrip()[:8].startswith(magic):
            return kind
    return ""
