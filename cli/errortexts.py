"""The command line's words for the domain's errors: English, with the hints (flags) that
only make sense at a terminal. Looked up by the error's code, never by its message."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from agreements.errorcodes import Code, ErrorCode
from agreements.errors import AvtaleflytError

TEXTS: Mapping[ErrorCode, str] = {
    Code.LEGACY: "{text}",
}


def show(value: Any) -> str:
    """A parameter as the CLI writes it: ISO dates, lists joined by semicolons."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(show(v) for v in value)
    return str(value)


def english(error: AvtaleflytError) -> str:
    return error.words(TEXTS, show)
