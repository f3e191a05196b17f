"""The portal's bokmål for the access codes: what to do, for the people who use it."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.TOO_MANY_SIGNIN_REQUESTS:
        "Det er bedt om mange innloggingslenker på kort tid. Vent {window_minutes} minutter og "
        "prøv igjen.",
    Code.NO_CONTACT_WITH_ADDRESS: "Ingen kontaktperson har e-postadressen {email}.",
    Code.LINK_INVALID: "Lenken er ikke gyldig. Be om en ny innloggingslenke.",
    Code.LINK_USED: "Lenken er allerede brukt. Be om en ny innloggingslenke.",
    Code.LINK_EXPIRED: "Lenken er utløpt (den virker i {minutes} minutter). Be om en ny.",
    Code.LINK_CONTACT_GONE:
        "E-postadressen er ikke lenger registrert som kontaktperson. Ta kontakt med organisator.",
    Code.NOT_ALLOWED: "Du har ikke tilgang til å gjøre dette i portalen.",
    Code.OUT_OF_REACH: "Du har ikke tilgang til dette.",
    Code.ROLE_NOT_YOURS:
        "Bare organisatorens koordinatorer kan gi eller ta fra noen rollen som koordinator eller "
        "signatar her.",
    Code.PAPER_SIGNATURE_BY_COORDINATOR:
        "Bare organisatorens koordinator kan registrere en signatur på papir.",
    Code.ACCEPT_SIGNER_BY_COORDINATOR:
        "Bare organisatorens koordinator kan godta et sertifikat som lyder på en annen enn "
        "signataren.",
}
