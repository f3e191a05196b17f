"""The portal's bokmål for the onboarding codes: what to do, for the people who use it."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.CSV_NOT_UTF8:
        "CSV-filen er ikke UTF-8 (rundt linje {line}). Lagre den som «CSV UTF-8» i Excel.",
    Code.CSV_NUL:
        "Linje {line} i CSV-filen inneholder et nulltegn: dette er ikke en tekstfil. Lagre den "
        "som «CSV UTF-8» i Excel.",
    Code.CSV_EMPTY: "CSV-filen er tom. Den må ha en overskriftsrad med orgnr og role.",
    Code.CSV_MALFORMED: "Linje {line} i CSV-filen kan ikke leses ({reason}).",
    Code.CSV_QUOTE_OPEN: "Linje {line} i CSV-filen har et anførselstegn som ikke er lukket.",
    Code.CSV_CELL_TOO_LONG:
        "Linje {line} i CSV-filen har en celle med mer enn {limit} tegn. Mangler et avsluttende "
        "anførselstegn?",
    Code.CSV_HEADER:
        "Overskriftsraden i CSV-filen mangler kolonnene {missing} og har ukjente kolonner: "
        "{unknown}.",
    Code.CSV_HEADER_MISSING: "Overskriftsraden i CSV-filen mangler kolonnene {missing}.",
    Code.CSV_HEADER_UNKNOWN: "Overskriftsraden i CSV-filen har ukjente kolonner: {unknown}.",
    Code.CSV_REPEATED: "{orgnr} står allerede på {where}.",
    Code.CSV_NO_ROWS: "CSV-filen har en overskriftsrad, men ingen virksomheter.",
    Code.CSV_PERSON_HALF: "Kolonnene {who}_name og {who}_email må fylles ut sammen.",
    Code.CSV_PERSON_EMAIL: "{who}_email er ikke én e-postadresse.",
    Code.CSV_OFFLINE_NEEDS_DETAILS:
        "{orgnr} er ikke en kommune: uten oppslag i Enhetsregisteret trengs navn og kommunenummer.",
    Code.ONE_CSV_SOURCE: "Last opp CSV-filen eller lim inn teksten, ikke begge.",
    Code.ONBOARDING_INCOMPLETE: "Virksomheten er registrert, men ikke alt gikk gjennom.",
}
