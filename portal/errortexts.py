"""The portal's words for the domain's errors: bokmål for the people who use it, saying what
to do. Looked up by the error's code, never by its message; configured values (a size limit,
a link's lifetime) come as the error's parameters."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from agreements.core.calendar import norsk_dato
from agreements.errorcodes import Code, ErrorCode
from agreements.errors import AvtaleflytError

TEXTS: Mapping[ErrorCode, str] = {
    Code.LEGACY: "{text}",  # not shown: see `bokmal`
    Code.NOT_ALLOWED: "Du har ikke tilgang til å gjøre dette i portalen.",
    Code.OUT_OF_REACH: "Du har ikke tilgang til dette.",
    Code.ROLE_NOT_YOURS: "Bare organisatorens koordinatorer kan gi eller ta fra noen rollen "
                         "som koordinator eller signatar her.",
    Code.PAPER_SIGNATURE_BY_COORDINATOR: "Bare organisatorens koordinator kan registrere en "
                                         "signatur på papir.",
    Code.MARKUP_IN_NAME: "Navnet kan ikke inneholde < eller >.",
    Code.ONE_CSV_SOURCE: "Last opp CSV-filen eller lim inn teksten, ikke begge.",
    Code.ONBOARDING_INCOMPLETE: "Virksomheten er registrert, men ikke alt gikk gjennom.",
}


def show(value: Any) -> str:
    """A parameter as the portal writes it: Norwegian dates, lists as «a, b og c»."""
    if isinstance(value, date):
        return norsk_dato(value)
    if isinstance(value, list | tuple | set | frozenset):
        items = [show(v) for v in value]
        return f"{', '.join(items[:-1])} og {items[-1]}" if len(items) > 1 else "".join(items)
    return str(value)


def bokmal(error: AvtaleflytError) -> str:
    if error.code is Code.LEGACY:  # an English sentence from before the codes
        from portal.texts import bokmal as by_pattern

        return by_pattern(error)
    return error.words(TEXTS, show)
