"""The Prefect UI's bokmål for the outbox codes: the run form's fields, never flags."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.OUTBOX_VALUE_TOO_LONG:
        "En melding kunne ikke legges i utboksen: {what} er {length} tegn, høyst {limit} er "
        "tillatt.",
    Code.NO_CHANNEL: "Meldingen skal sendes som «{channel}», men den utsendingsmåten finnes ikke.",
    Code.RETRY_NEEDS_IDS: "Fyll inn «Meldinger», eller kryss av for «Alle feilede meldinger».",
    Code.RETRY_NONE_FAILED:
        "Ingen av meldingene i «Meldinger» har feilet, så ingenting sendes på nytt.",
    Code.MAIL_NOT_TAKEN: "E-posttjeneren kan ikke ta imot meldingen: {reason}",
    Code.MAIL_RECIPIENT_REFUSED:
        "E-posttjeneren avviste mottakeren ({codes}). Sjekk e-postadressen.",
    Code.MAIL_UNAVAILABLE:
        "E-posttjeneren er ikke tilgjengelig nå (421 {reason}). E-posten sendes ved neste "
        "utsending.",
    Code.MAIL_REFUSED: "E-posttjeneren avviste meldingen: {status} {reason}",
    Code.MAIL_UNREACHABLE:
        "Får ikke kontakt med e-posttjeneren {server} ({reason}). E-posten sendes ved neste "
        "utsending.",
    Code.ADDRESS_CONTROL:
        "Feltet {field} i e-posten ({value}) inneholder et tegn som ikke kan brukes.",
    Code.ADDRESS_INVALID: "Feltet {field} i e-posten ({value}) er ikke en e-postadresse: {reason}",
    Code.ADDRESS_NOT_ONE:
        "Feltet {field} i e-posten ({value}) må være nøyaktig én adresse, ikke {count}.",
    Code.MESSAGE_CONTROL:
        "Emnet eller nøkkelen til en melding inneholder et tegn som ikke kan brukes.",
    Code.MESSAGE_UNBUILDABLE: "E-posten kunne ikke lages: {reason}",
    Code.ATTACHMENT_UNREADABLE: "Et vedlegg kunne ikke leses: {reason}",
}
