"""The portal's bokmål for the runs codes: what to do, for the people who use it."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.FOLLOWUP_INCOMPLETE:
        "Noen av dagens oppfølgingshandlinger feilet. Ta kontakt med den som drifter avtaleflyt.",
    Code.POLL_INCOMPLETE:
        "Noe av det signeringstjenesten meldte, kunne ikke registreres ennå. Det prøves igjen.",
    Code.PREFECT_UNREACHABLE:
        "Prefect-tjeneren svarer ikke. Ta kontakt med den som drifter avtaleflyt.",
    Code.PREFECT_REFUSED:
        "Prefect-tjeneren avviste forespørselen. Ta kontakt med den som drifter avtaleflyt.",
    Code.PORTAL_NEEDS_SECRET:
        "Portalen mangler sin hemmelige nøkkel (AVTALEFLYT_SECRET_KEY). Ta kontakt med den som "
        "drifter avtaleflyt.",
    Code.EVIDENCE_NEITHER: "Dokumentasjonen må være en fil eller en http(s)-lenke.",
    Code.AUDIT_HEAD_MALFORMED:
        "Hodet i revisjonsloggen må skrives som 1234:<64 heksadesimale sifre>.",
}
