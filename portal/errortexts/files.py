"""The portal's bokmål for the files codes: what to do, for the people who use it."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.FILE_MISSING: "Filen {path} finnes ikke.",
    Code.FILE_IS_FOLDER: "{path} er en mappe, ikke en fil.",
    Code.FILE_IS_LINK: "{path} er en symbolsk lenke. Bruk filen den peker på.",
    Code.FILE_IS_PIPE: "{path} er en navngitt rørledning (FIFO), ikke en fil.",
    Code.FILE_IS_DEVICE: "{path} er en enhet, ikke en fil.",
    Code.FILE_IS_SOCKET: "{path} er en socket, ikke en fil.",
    Code.FILE_UNREADABLE: "Filen {path} kan ikke leses ({reason}).",
    Code.FILE_EMPTY: "Filen {name} er tom.",
    Code.FILE_TOO_LARGE: "Filen {name} er {size} byte. Største tillatte størrelse er {limit} byte.",
    Code.LINE_TOO_LONG: "Linje {line} i {name} er lengre enn {limit} tegn. Er det en CSV-fil?",
    Code.TOO_MANY_ROWS: "{name} har mer enn {limit} rader. Del den opp i flere filer.",
    Code.ZIP_BROKEN: "Filen {name} er ikke en lesbar Word- eller Excel-fil.",
    Code.ZIP_TOO_MANY_MEMBERS: "Filen {name} inneholder {members} deler. Høyst {limit} er tillatt.",
    Code.ZIP_TOO_LARGE_UNPACKED:
        "Filen {name} blir {size} byte pakket ut. Høyst {limit} byte er tillatt.",
    Code.ZIP_RATIO:
        "Filen {name} blir {ratio} ganger større pakket ut. Høyst {limit} ganger er tillatt.",
    Code.EVIDENCE_TYPE:
        "Filtypen til {name} er ikke tillatt (sjekket ut fra innholdet, ikke navnet). Tillatt: "
        "PDF, Word (DOCX), Excel (XLSX), PNG og JPEG.",
    Code.EVIDENCE_URL_CREDENTIALS:
        "Lenken til dokumentasjonen for {item} inneholder brukernavn eller passord. Oppgi lenken "
        "uten dem.",
    Code.RUN_FILE_UNKNOWN:
        "Ingen fil har koden {code}, eller den er mer enn et døgn gammel og fjernet. Last den "
        "opp igjen.",
    Code.RUN_FILE_PURPOSE:
        "{code} ({name}) ble lastet opp som {purpose}, men her trengs {wanted}.",
    Code.RUN_FILE_KIND:
        "{name} passer ikke som {purpose} (sjekket ut fra innholdet, ikke navnet). Velg riktig "
        "fil, eller riktig formål.",
}
