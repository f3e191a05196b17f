"""The portal's bokmål for the documents codes: what to do, for the people who use it."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.TEMPLATE_NOT_FOUND: "Malen {name} finnes ikke. Ta kontakt med organisator.",
    Code.TEMPLATE_ERROR: "Malen {template} har en feil. Ta kontakt med organisator.",
    Code.TEMPLATE_FAULT: "Malen {template} har en feil. Ta kontakt med organisator.",
    Code.TEMPLATE_FAULT_AT:
        "Malen {template} har en feil i teksten «{excerpt}». Ta kontakt med organisator.",
    Code.TEMPLATE_FIELD_FAULT:
        "Malen {template} bruker feltet {field}, som avtaleflyt ikke fyller ut. Ta kontakt med "
        "organisator.",
    Code.TEMPLATE_FIELD_FAULT_AT:
        "Malen {template} bruker feltet {field} i teksten «{excerpt}», som avtaleflyt ikke fyller "
        "ut. Ta kontakt med organisator.",
    Code.VALUE_MISSING:
        "Dokumentet mangler en opplysning ({field}), så ingenting er lagret eller sendt. Ta "
        "kontakt med organisator.",
    Code.VALUE_MISSING_ITEM:
        "Dokumentet mangler en opplysning ({field}). Ta kontakt med organisator.",
    Code.PDF_NOT_CONVERTED:
        "Dokumentet kunne ikke gjøres om til PDF. Prøv igjen senere, eller ta kontakt med "
        "organisator.",
    Code.PDF_CANCELLED: "Omgjøringen til PDF ble avbrutt. Prøv igjen senere.",
    Code.PDF_TIMED_OUT: "Omgjøringen til PDF tok for lang tid. Prøv igjen senere.",
    Code.PDF_RUN_TIMED_OUT: "Omgjøringen til PDF tok for lang tid. Prøv igjen senere.",
    Code.UPLOAD_EMPTY: "Filen {name} er tom.",
    Code.UPLOAD_TOO_LARGE: "Filen er for stor. Største tillatte størrelse er {limit_mb} MB.",
    Code.UPLOAD_NOT_STAGED: "Filen kom ikke fram. Last den opp igjen.",
    Code.UPLOAD_DAMAGED: "Filen kom ikke fram. Last den opp igjen.",
    Code.DOCUMENT_MISSING:
        "Dokumentet {path} finnes ikke i dokumentlageret. Kontakt den som drifter avtaleflyt.",
    Code.DOCUMENT_DAMAGED:
        "Dokumentet {path} er skadet eller endret i dokumentlageret. Kontakt den som drifter "
        "avtaleflyt.",
    Code.EXPORT_NOT_A_FOLDER: "{path} er ikke en mappe: dokumentene skrives til en mappe",
}
