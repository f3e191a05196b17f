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
    Code.NOT_ALLOWED: "a {actor} may not run {action} (see README: Who acts)",
    Code.OUT_OF_REACH: "{action} concerns an organisation or agreement you do not reach",
    Code.ROLE_NOT_YOURS: "at an organiser only one of its coordinators gives or takes the "
                         "{role} role",
    Code.PAPER_SIGNATURE_BY_COORDINATOR: "only the organiser's coordinator records a signature "
                                         "on paper",
    Code.MARKUP_IN_NAME: "the name '{name}' contains < or >: an organisation's name is plain "
                         "text",
    Code.ONE_CSV_SOURCE: "give the CSV as a file or as text, one of the two",
    Code.ONBOARDING_INCOMPLETE: "{orgnr} is registered, but not all went through: {outcome}",
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
