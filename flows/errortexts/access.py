"""The Prefect UI's bokmål for the access codes: the run form's fields, never flags."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.TOO_MANY_SIGNIN_REQUESTS:
        "For mange forespørsler om innloggingslenker ({counted}). Prøv igjen om {window_minutes} "
        "minutter.",
    Code.NO_CONTACT_WITH_ADDRESS:
        "Ingen kontaktperson har e-postadressen {email}: legg personen til først (flyten "
        "save-contact).",
    Code.LINK_INVALID: "Innloggingslenken er ikke gyldig.",
    Code.LINK_USED: "Innloggingslenken er allerede brukt.",
    Code.LINK_EXPIRED: "Innloggingslenken er utløpt (den virker i {minutes} minutter).",
    Code.LINK_CONTACT_GONE: "E-postadressen er ikke lenger registrert som kontaktperson.",
    Code.NOT_ALLOWED: "{action} kan ikke kjøres av denne typen aktør ({actor}).",
    Code.OUT_OF_REACH: "{action} gjelder en virksomhet eller avtale du ikke har tilgang til.",
    Code.ROLE_NOT_YOURS:
        "Hos en organisator er det bare organisatorens koordinatorer som kan gi eller ta fra noen "
        "rollen {role}.",
    Code.PAPER_SIGNATURE_BY_COORDINATOR:
        "Bare organisatorens koordinator kan registrere en signatur på papir.",
    Code.ACCEPT_SIGNER_BY_COORDINATOR:
        "Bare organisatorens koordinator kan godta et sertifikat som lyder på en annen enn "
        "signataren.",
}
