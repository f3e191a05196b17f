"""The portal's bokmål for the signing codes: what to do, for the people who use it."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.MANUAL_HAS_NO_JOBS:
        "Avtalene signeres ikke i en signeringstjeneste her: signatarene får avtalen på e-post, "
        "og hver signerte kopi lastes opp.",
    Code.SIGNING_SETTING_NOT_A_FILE:
        "Innstillingene for signering er ikke i orden. Ta kontakt med den som drifter avtaleflyt.",
    Code.TRUST_ROOTS_NOT_PEM:
        "Innstillingene for signering er ikke i orden. Ta kontakt med den som drifter avtaleflyt.",
    Code.POSTEN_SETTING_REQUIRED:
        "Signering med Posten signering er ikke satt opp ferdig. Ta kontakt med den som drifter "
        "avtaleflyt.",
    Code.POSTEN_URL_NOT_HTTPS:
        "Signering med Posten signering er ikke satt opp riktig. Ta kontakt med den som drifter "
        "avtaleflyt.",
    Code.POSTEN_JOB_UNMAKEABLE:
        "Avtalen kan ikke sendes til Posten signering. Ta kontakt med organisator.",
    Code.POSTEN_NO_DOCUMENT_YET: "Det signerte dokumentet er ikke klart hos Posten signering ennå.",
    Code.POSTEN_TOO_EARLY: "Posten signering vil ikke bli spurt ennå. Det prøves igjen senere.",
    Code.POSTEN_EMPTY_DOCUMENT:
        "Posten signering sendte et tomt dokument. Det prøves igjen senere.",
    Code.POSTEN_FOREIGN_URL:
        "Posten signering svarte med en adresse utenfor tjenesten. Ta kontakt med den som drifter "
        "avtaleflyt.",
    Code.POSTEN_TIMEOUT: "Posten signering svarte ikke i tide. Det prøves igjen senere.",
    Code.POSTEN_TLS_REFUSED:
        "Posten signering godtok ikke forbindelsen. Ta kontakt med den som drifter avtaleflyt.",
    Code.POSTEN_UNREACHABLE:
        "Vi får ikke kontakt med Posten signering nå. Det prøves igjen senere.",
    Code.POSTEN_SERVER_UNCHECKED:
        "Vi kan ikke bekrefte at vi snakker med Posten signering. Ta kontakt med den som drifter "
        "avtaleflyt.",
    Code.POSTEN_SERVER_FOREIGN:
        "Vi kan ikke bekrefte at vi snakker med Posten signering. Ta kontakt med den som drifter "
        "avtaleflyt.",
    Code.POSTEN_NO_LONGER: "Posten signering sier at dette ikke lenger er mulig.",
    Code.POSTEN_REFUSED:
        "Posten signering avviste forespørselen. Det prøves igjen, eller ta kontakt med "
        "organisator.",
    Code.POSTEN_UNEXPECTED: "Posten signering ga et svar vi ikke forstod. Det prøves igjen senere.",
    Code.POSTEN_CERT_UNREADABLE: "Virksomhetssertifikatet ({path}) kan ikke leses.",
    Code.POSTEN_CERT_LOCKED:
        "Virksomhetssertifikatet kan ikke åpnes: feil passord, eller ikke en PKCS#12-fil.",
    Code.POSTEN_CERT_INCOMPLETE:
        "Virksomhetssertifikatet må inneholde både privatnøkkel og sertifikat.",
    Code.POSTEN_CERT_KEY_TYPE: "Nøkkelen i virksomhetssertifikatet må være RSA eller EC.",
    Code.POSTEN_NO_XADES_YET:
        "Posten signering har ennå ikke beviset (XAdES) for signaturen til {signer}.",
}
