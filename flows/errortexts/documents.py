"""The Prefect UI's bokmål for the documents codes: the run form's fields, never flags."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.TEMPLATE_NOT_FOUND: "Malen {name} finnes ikke i {folder}.",
    Code.TEMPLATE_ERROR: "Malen {template} har en feil: {problem}",
    Code.TEMPLATE_FAULT: "Malen {template} har en feil ({where}): {problem}",
    Code.TEMPLATE_FAULT_AT:
        "Malen {template} har en feil i teksten «{excerpt}» ({where}): {problem}",
    Code.TEMPLATE_FIELD_FAULT:
        "Malen {template} bruker feltet {field}, som avtaleflyt ikke fyller ut ({where}): "
        "{problem}",
    Code.TEMPLATE_FIELD_FAULT_AT:
        "Malen {template} bruker feltet {field} i teksten «{excerpt}», som avtaleflyt ikke fyller "
        "ut ({where}): {problem}",
    Code.VALUE_MISSING: "Dokumentet mangler en verdi for {field}: ingenting er lagret eller sendt.",
    Code.VALUE_MISSING_ITEM: "Dokumentet mangler verdi nr. {index} i {field}.",
    Code.PDF_NOT_CONVERTED:
        "LibreOffice klarte ikke å gjøre om {count} dokument(er) til PDF ({names}): {detail}",
    Code.PDF_CANCELLED: "Omgjøringen til PDF ble avbrutt fordi en annen del av samme bunke feilet.",
    Code.PDF_TIMED_OUT: "Omgjøringen til PDF tok for lang tid ({files} filer gjensto).",
    Code.PDF_RUN_TIMED_OUT:
        "Omgjøringen til PDF tok for lang tid ({files} filer i denne kjøringen).",
    Code.UPLOAD_EMPTY: "Filen {name} er tom.",
    Code.UPLOAD_TOO_LARGE: "Filen {name} er for stor: {size} byte, høyst {limit_mb} MB er tillatt.",
    Code.UPLOAD_NOT_STAGED: "Filen {name} finnes ikke på denne maskinen: last den opp igjen.",
    Code.UPLOAD_DAMAGED: "Den opplastede kopien av {name} er skadet: last den opp igjen.",
    Code.DOCUMENT_MISSING:
        "Dokumentet {path} ({sha}…) er registrert, men finnes ikke i dokumentlageret "
        "(AVTALEFLYT_DOCUMENT_STORE) på denne arbeideren.",
    Code.DOCUMENT_DAMAGED:
        "Dokumentet {path} i dokumentlageret er ikke det som ble registrert ({sha}…): det er "
        "skadet eller endret.",
    Code.EXPORT_NOT_A_FOLDER: "{path} er ikke en mappe: dokumentene kan bare eksporteres "
                              "til en mappe som finnes",
}
