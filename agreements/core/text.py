"""Checks on text that enters from outside (a command, a register, a setting, a header)."""

from __future__ import annotations

import unicodedata

CONTROL = ("Cc", "Cf", "Zl", "Zp")


def has_control(text: str) -> bool:
    """Control, format and line/paragraph separator characters (CR, LF, NUL, bidi marks …)."""
    return any(unicodedata.category(c) in CONTROL for c in text)
