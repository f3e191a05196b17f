"""The Prefect UI's bokmål for the signing codes: the run form's fields, never flags."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.MANUAL_HAS_NO_JOBS:
        "Signering skjer for hånd (AVTALEFLYT_SIGNING=manual), så det finnes ingen "
        "signeringsoppdrag: signatarene får avtalen på e-post, og hver signerte kopi registreres "
        "med flyten record-signature.",
    Code.SIGNING_SETTING_NOT_A_FILE:
        "Innstillingen {variable} peker på {path}, som ikke er en lesbar fil.",
    Code.TRUST_ROOTS_NOT_PEM:
        "Innstillingen {variable} må peke på en PEM-fil med utstedersertifikater (CA).",
    Code.POSTEN_SETTING_REQUIRED:
        "Innstillingen {variable} må være satt når AVTALEFLYT_SIGNING=posten.",
    Code.POSTEN_URL_NOT_HTTPS:
        "Innstillingen {variable} må være en https://-adresse, ikke {value}.",
    Code.POSTEN_JOB_UNMAKEABLE: "Signeringsoppdraget kan ikke lages: {reason}",
    Code.POSTEN_NO_DOCUMENT_YET: "Oppdrag {job} har ikke noe signert dokument (PAdES) ennå.",
    Code.POSTEN_TOO_EARLY: "Posten signering ble spurt for tidlig; neste gang er tillatt {when}.",
    Code.POSTEN_EMPTY_DOCUMENT: "Posten signering svarte med et tomt dokument.",
    Code.POSTEN_FOREIGN_URL: "Avviser en adresse utenfor Posten signerings API: {url}",
    Code.POSTEN_TIMEOUT: "Posten signering svarte ikke i tide ({method} {url}): {reason}",
    Code.POSTEN_TLS_REFUSED:
        "Posten signering godtok ikke TLS-forbindelsen ({method} {url}): {reason}. Sjekk "
        "virksomhetssertifikatet.",
    Code.POSTEN_UNREACHABLE: "Får ikke kontakt med Posten signering ({method} {url}): {reason}",
    Code.POSTEN_SERVER_UNCHECKED: "Kan ikke kontrollere sertifikatet til Posten signerings tjener.",
    Code.POSTEN_SERVER_FOREIGN:
        "Tjenerens sertifikat ({subject}) tilhører ikke organisasjon {orgnr}.",
    Code.POSTEN_NO_LONGER: "Signeringsoppdraget i Posten signering er allerede avsluttet.",
    Code.POSTEN_REFUSED: "Posten signering avviste forespørselen ({detail}).",
    Code.POSTEN_UNEXPECTED: "Posten signering ga et uventet svar: {detail}",
    Code.POSTEN_CERT_UNREADABLE: "Virksomhetssertifikatet ({path}) kan ikke leses.",
    Code.POSTEN_CERT_LOCKED:
        "Virksomhetssertifikatet kan ikke åpnes: feil passord, eller ikke en PKCS#12-fil.",
    Code.POSTEN_CERT_INCOMPLETE:
        "Virksomhetssertifikatet må inneholde både privatnøkkel og sertifikat.",
    Code.POSTEN_CERT_KEY_TYPE: "Nøkkelen i virksomhetssertifikatet må være RSA eller EC.",
    Code.POSTEN_NO_XADES_YET:
        "Posten signering har ennå ikke beviset (XAdES) for signaturen til {signer}.",
}
