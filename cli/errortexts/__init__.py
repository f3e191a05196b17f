"""The command line's words for the domain's errors: English, with the hints (flags) that
only make sense at a terminal. Looked up by the error's code, never by its message; one
module per concern, as the codes are (`agreements.errorcodes`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from agreements.errorcodes import ErrorCode
from agreements.errors import AvtaleflytError, joined
from cli.errortexts import (
    access,
    contracts,
    core,
    documents,
    files,
    onboarding,
    ordering,
    outbox,
    readiness,
    registry,
    runs,
    settings,
    signedcopies,
    signing,
)

TEXTS: Mapping[ErrorCode, str] = {
    **core.TEXTS,
    **registry.TEXTS,
    **documents.TEXTS,
    **outbox.TEXTS,
    **signing.TEXTS,
    **contracts.TEXTS,
    **signedcopies.TEXTS,
    **readiness.TEXTS,
    **ordering.TEXTS,
    **access.TEXTS,
    **onboarding.TEXTS,
    **settings.TEXTS,
    **runs.TEXTS,
    **files.TEXTS,
}


def show(name: str, value: Any) -> str:
    """A parameter as the CLI writes it: ISO dates, lists of names by commas, of phrases by
    semicolons."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | set | frozenset) or type(value) is tuple:
        if name == "sides":  # the parties of an agreement: "Oslo kommune and KS"
            return " and ".join(show(name, v) for v in value)
        return joined([show(name, v) for v in value], value)
    return str(value)


def english(error: AvtaleflytError) -> str:
    return error.words(TEXTS, show)
