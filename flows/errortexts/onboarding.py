"""The Prefect UI's bokmål for the onboarding codes: the run form's fields, never flags."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.CSV_NOT_UTF8:
        "{name} er ikke UTF-8 (rundt linje {line}): lagre den som «CSV UTF-8» i Excel.",
    Code.CSV_NUL:
        "Linje {line} i {name} inneholder et nulltegn: dette er ikke en tekstfil. Lagre den som "
        "«CSV UTF-8» i Excel.",
    Code.CSV_EMPTY: "CSV-en er tom: den må ha en overskriftsrad med kolonnene orgnr og role.",
    Code.CSV_MALFORMED: "Linje {line} i {name} kan ikke leses: {reason}",
    Code.CSV_QUOTE_OPEN: "Linje {line} i {name} har et anførselstegn som ikke er lukket.",
    Code.CSV_CELL_TOO_LONG:
        "Linje {line} i {name} har en celle med mer enn {limit} tegn. Mangler et avsluttende "
        "anførselstegn?",
    Code.CSV_HEADER:
        "Overskriftsraden i CSV-en mangler kolonnene {missing} og har ukjente kolonner: {unknown}.",
    Code.CSV_HEADER_MISSING: "Overskriftsraden i CSV-en mangler kolonnene {missing}.",
    Code.CSV_HEADER_UNKNOWN: "Overskriftsraden i CSV-en har ukjente kolonner: {unknown}.",
    Code.CSV_REPEATED: "{orgnr} står allerede på {where}.",
    Code.CSV_NO_ROWS: "{name} har en overskriftsrad, men ingen rader: ingenting å registrere.",
    Code.CSV_PERSON_HALF: "Kolonnene {who}_name og {who}_email må fylles ut sammen.",
    Code.CSV_PERSON_EMAIL: "{who}_email «{value}» er ikke én e-postadresse.",
    Code.CSV_OFFLINE_NEEDS_DETAILS:
        "{orgnr} er ikke en kommune: uten oppslag i Enhetsregisteret trenger raden name og "
        "kommunenummer.",
    Code.ONE_CSV_SOURCE:
        "Velg enten en fil i «Virksomheter (CSV-fil)» eller lim inn CSV-en i «Virksomheter "
        "(CSV)», én av dem.",
    Code.ONBOARDING_INCOMPLETE: "{orgnr} er registrert, men ikke alt gikk gjennom: {outcome}",
}
