"""Checks on text that enters from outside (a command, a register, a setting, a header)."""

from __future__ import annotations

import unicodedata

CONTROL = ("Cc", "Cf", "Zl", "Zp")


def has_control(text: str) -> bool:
    """Control, format and line/paragraph separator characters (CR, LF, NUL, bidi marks …)."""
    if text.isprintable():  # no character of those categories (the common case, at once)
        return False
    return any(unicodedata.category(c) in CONTROL for c in text)


def has_markup(text: str) -> bool:
    """Angle brackets: an organisation's name is plain text, never a tag (it is shown in
    pages, e-mails, documents and the NHN order)."""
    return "<" in text or ">" in text
