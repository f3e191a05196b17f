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
    Code.FILE_MISSING: "Filen {path} finnes ikke.",
    Code.FILE_IS_FOLDER: "{path} er en mappe, ikke en fil.",
    Code.FILE_IS_LINK: "{path} er en symbolsk lenke. Bruk filen den peker på.",
    Code.FILE_IS_PIPE: "{path} er en navngitt rørledning (FIFO), ikke en fil.",
    Code.FILE_IS_DEVICE: "{path} er en enhet, ikke en fil.",
    Code.FILE_IS_SOCKET: "{path} er en socket, ikke en fil.",
    Code.FILE_UNREADABLE: "Filen {path} kan ikke leses ({reason}).",
    Code.FILE_EMPTY: "Filen {name} er tom.",
    Code.FILE_TOO_LARGE: "Filen {name} er {size} byte. Største tillatte størrelse er "
                         "{limit} byte.",
    Code.LINE_TOO_LONG: "Linje {line} i {name} er lengre enn {limit} tegn. Er det en "
                        "CSV-fil?",
    Code.TOO_MANY_ROWS: "{name} har mer enn {limit} rader. Del den opp i flere filer.",
    Code.ZIP_BROKEN: "Filen {name} er ikke en lesbar Word- eller Excel-fil.",
    Code.ZIP_TOO_MANY_MEMBERS: "Filen {name} inneholder {members} deler. Høyst {limit} er "
                               "tillatt.",
    Code.ZIP_TOO_LARGE_UNPACKED: "Filen {name} blir {size} byte pakket ut. Høyst {limit} "
                                 "byte er tillatt.",
    Code.ZIP_RATIO: "Filen {name} blir {ratio} ganger større pakket ut. Høyst {limit} ganger "
                    "er tillatt.",
    Code.EVIDENCE_TYPE: "Filtypen til {name} er ikke tillatt (sjekket ut fra innholdet, ikke "
                        "navnet). Tillatt: PDF, Word (DOCX), Excel (XLSX), PNG og JPEG.",
    Code.EVIDENCE_URL_CREDENTIALS: "Lenken til dokumentasjonen for {item} inneholder "
                                   "brukernavn eller passord. Oppgi lenken uten dem.",
    Code.SETTING_URL_CREDENTIALS: "Innstillingen {variable} har brukernavn eller passord i "
                                  "adressen. Kontakt den som drifter avtaleflyt.",
    Code.SETTING_NOT_A_HOST: "Innstillingen {variable} er ikke et gyldig vertsnavn. Kontakt "
                             "den som drifter avtaleflyt.",
    Code.DATA_DIR_NOT_A_FOLDER: "Datamappen til avtaleflyt er ikke en mappe. Kontakt den "
                                "som drifter avtaleflyt.",
    Code.DAY_EMPTY: "Datoen mangler. Skriv en dato som 25.11.2026.",
    Code.DAY_OUTSIDE_CALENDAR: "{day} er utenfor kalenderen avtaleflyt bruker ({first} til "
                               "{last}).",
    Code.DAY_ENDS_AGREEMENTS: "Å kjøre som {day} ville la {lapse} avtale(r) falle bort og "
                              "{expire} utløpe.",
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
