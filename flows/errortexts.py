"""The Prefect UI's words for the domain's errors: bokmål for the coordinators who start runs
there, naming the run form's fields rather than command-line flags. Looked up by the error's
code, never by its message."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from agreements.core.calendar import norsk_dato
from agreements.errorcodes import Code, ErrorCode
from agreements.errors import AvtaleflytError

TEXTS: Mapping[ErrorCode, str] = {
    Code.LEGACY: "{text}",  # an English sentence from before the codes
}


def show(value: Any) -> str:
    """A parameter as a run's message writes it: Norwegian dates, lists by commas."""
    if isinstance(value, date):
        return norsk_dato(value)
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(show(v) for v in value)
    return str(value)


def bokmal(error: AvtaleflytError) -> str:
    return error.words(TEXTS, show)
