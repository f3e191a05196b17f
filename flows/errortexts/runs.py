"""The Prefect UI's bokmål for the runs codes: the run form's fields, never flags."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.FOLLOWUP_INCOMPLETE:
        "{count} oppfølgingshandling(er) feilet; de andre ble gjort. Det som feilet: {failures}",
    Code.POLL_INCOMPLETE:
        "Noe av det Posten signering meldte, kunne ikke registreres; resten er registrert, og "
        "neste kjøring prøver igjen. Det som feilet: {failures}",
    Code.PREFECT_UNREACHABLE: "Prefect-tjeneren på {url} svarer ikke ({reason}).",
    Code.PREFECT_REFUSED: "Prefect-tjeneren svarte {status} på {method} {path}: {detail}",
    Code.PORTAL_NEEDS_SECRET:
        "Portalen mangler AVTALEFLYT_SECRET_KEY (minst 32 tegn; bare demoen, AVTALEFLYT_DEMO=1 på "
        "127.0.0.1, kjører uten).",
    Code.EVIDENCE_NEITHER: "Dokumentasjonen «{value}» er verken en http(s)-lenke eller en fil.",
    Code.AUDIT_HEAD_MALFORMED:
        "«{option}»: hodet i revisjonsloggen skrives som 1234:<64 heksadesimale sifre>, ikke "
        "{value}.",
}
