"""The Prefect UI's bokmål for the files codes: the run form's fields, never flags."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
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
    Code.ZIP_TOO_MANY_MEMBERS: "{name} inneholder {members} filer; en DOCX/XLSX kan ha {limit}.",
    Code.ZIP_TOO_LARGE_UNPACKED: "{name} blir {size} byte pakket ut; grensen er {limit}.",
    Code.ZIP_RATIO:
        "{name} blir {ratio} ganger større pakket ut; grensen er {limit} (en ZIP-bombe?).",
    Code.EVIDENCE_TYPE:
        "Dokumentasjonen {name} er ikke PDF, DOCX, XLSX, PNG eller JPEG (sjekket ut fra "
        "innholdet, ikke navnet).",
    Code.EVIDENCE_URL_CREDENTIALS:
        "Lenken til dokumentasjonen for {item} inneholder brukernavn eller passord: oppgi lenken "
        "uten dem.",
    Code.RUN_FILE_UNKNOWN:
        "Ingen fil lastet opp til kjøringer har koden {code}, eller den er mer enn et døgn "
        "gammel og fjernet: last den opp igjen i portalen under «Filer til kjøringer».",
    Code.RUN_FILE_PURPOSE:
        "{code} ({name}) ble lastet opp som {purpose}; her trengs {wanted}. Velg en annen fil.",
    Code.RUN_FILE_KIND:
        "{name} er ikke {purpose} (sjekket ut fra innholdet, ikke navnet).",
}
