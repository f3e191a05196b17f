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
    Code.NOT_ALLOWED: "{action} kan ikke kjøres av denne typen aktør ({actor}).",
    Code.OUT_OF_REACH: "{action} gjelder en virksomhet eller avtale du ikke har tilgang til.",
    Code.ROLE_NOT_YOURS: "Hos en organisator er det bare organisatorens koordinatorer som kan "
                         "gi eller ta fra noen rollen {role}.",
    Code.PAPER_SIGNATURE_BY_COORDINATOR: "Bare organisatorens koordinator kan registrere en "
                                         "signatur på papir.",
    Code.MARKUP_IN_NAME: "Navnet «{name}» inneholder < eller >: en virksomhets navn er ren "
                         "tekst.",
    Code.ONE_CSV_SOURCE: "Fyll inn enten stien til CSV-filen eller selve CSV-teksten, én av dem.",
    Code.ONBOARDING_INCOMPLETE: "{orgnr} er registrert, men ikke alt gikk gjennom: {outcome}",
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
