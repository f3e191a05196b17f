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
    Code.FILE_MISSING: "Filen {path} finnes ikke på maskinen som kjører flyten.",
    Code.FILE_IS_FOLDER: "{path} er en mappe, ikke en fil.",
    Code.FILE_IS_LINK: "{path} er en symbolsk lenke: oppgi filen den peker på.",
    Code.FILE_IS_PIPE: "{path} er en navngitt rørledning (FIFO), ikke en fil.",
    Code.FILE_IS_DEVICE: "{path} er en enhet, ikke en fil.",
    Code.FILE_IS_SOCKET: "{path} er en socket, ikke en fil.",
    Code.FILE_UNREADABLE: "Filen {path} kan ikke leses: {reason}.",
    Code.FILE_EMPTY: "Filen {name} er tom.",
    Code.FILE_TOO_LARGE: "Filen {name} er {size} byte; grensen er {limit} byte.",
    Code.LINE_TOO_LONG: "Linje {line} i {name} er lengre enn {limit} tegn: er det en CSV-fil?",
    Code.TOO_MANY_ROWS: "{name} har mer enn {limit} rader: del den opp i flere filer.",
    Code.ZIP_BROKEN: "{name} er ikke en lesbar ZIP-fil (DOCX/XLSX).",
    Code.ZIP_TOO_MANY_MEMBERS: "{name} inneholder {members} filer; en DOCX/XLSX kan ha "
                               "{limit}.",
    Code.ZIP_TOO_LARGE_UNPACKED: "{name} blir {size} byte pakket ut; grensen er {limit}.",
    Code.ZIP_RATIO: "{name} blir {ratio} ganger større pakket ut; grensen er {limit} "
                    "(en ZIP-bombe?).",
    Code.EVIDENCE_TYPE: "Dokumentasjonen {name} er ikke PDF, DOCX, XLSX, PNG eller JPEG "
                        "(sjekket ut fra innholdet, ikke navnet).",
    Code.EVIDENCE_URL_CREDENTIALS: "Lenken til dokumentasjonen for {item} inneholder "
                                   "brukernavn eller passord: oppgi lenken uten dem.",
    Code.SETTING_URL_CREDENTIALS: "Innstillingen {variable} har brukernavn eller passord i "
                                  "adressen: slikt lagres aldri i en adresse.",
    Code.SETTING_NOT_A_HOST: "Innstillingen {variable}={value} er ikke et vertsnavn eller en "
                             "adresse.",
    Code.DATA_DIR_NOT_A_FOLDER: "Innstillingen AVTALEFLYT_DATA_DIR peker på {path}, som ikke "
                                "er en mappe.",
    Code.DAY_EMPTY: "Feltet {option} er tomt: skriv en dato som 2026-11-25, eller la feltet "
                    "stå tomt helt.",
    Code.DAY_OUTSIDE_CALENDAR: "{day} i feltet {option} er utenfor kalenderen avtaleflyt "
                               "bruker ({first} til {last}).",
    Code.DAY_ENDS_AGREEMENTS: "Å kjøre som {day} ville la {lapse} avtale(r) falle bort og "
                              "{expire} utløpe: kryss av for «force» for å kjøre likevel.",
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
