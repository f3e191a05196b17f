"""The portal's bokmål for the outbox codes: what to do, for the people who use it."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.OUTBOX_VALUE_TOO_LONG:
        "En e-post kunne ikke legges i kø: {what} er for lang. Ta kontakt med organisator.",
    Code.NO_CHANNEL:
        "Meldingen har en utsendingsmåte som ikke finnes. Ta kontakt med den som drifter "
        "avtaleflyt.",
    Code.RETRY_NEEDS_IDS: "Velg hvilke meldinger som skal sendes på nytt.",
    Code.RETRY_NONE_FAILED: "Ingen av disse meldingene har feilet.",
    Code.MAIL_NOT_TAKEN: "E-posttjeneren kan ikke ta imot denne meldingen.",
    Code.MAIL_RECIPIENT_REFUSED: "E-posttjeneren avviste mottakeren. Sjekk e-postadressen.",
    Code.MAIL_UNAVAILABLE: "E-posttjeneren er ikke tilgjengelig nå. E-posten sendes senere.",
    Code.MAIL_REFUSED: "E-posttjeneren avviste meldingen.",
    Code.MAIL_UNREACHABLE: "Vi får ikke kontakt med e-posttjeneren nå. E-posten sendes senere.",
    Code.ADDRESS_CONTROL:
        "En e-postadresse inneholder et tegn som ikke kan brukes. Ta kontakt med organisator.",
    Code.ADDRESS_INVALID: "En e-postadresse er ikke gyldig. Ta kontakt med organisator.",
    Code.ADDRESS_NOT_ONE: "En e-post må ha nøyaktig én mottaker. Ta kontakt med organisator.",
    Code.MESSAGE_CONTROL:
        "Emnet i en e-post inneholder et tegn som ikke kan brukes. Ta kontakt med organisator.",
    Code.MESSAGE_UNBUILDABLE: "En e-post kunne ikke lages. Ta kontakt med organisator.",
    Code.ATTACHMENT_UNREADABLE:
        "Et vedlegg til en e-post kunne ikke leses. Ta kontakt med organisator.",
}
