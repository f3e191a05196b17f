"""The portal's bokmål for who acts for whom: the NHN order placed by the organisation's
contact, and an avtalespesialist's organiser confirmed by its RHF."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.ORDERER_REQUIRED:
        "Bestillingen må legges inn av en av {organisation}s kontaktpersoner (signatar eller "
        "PJD-ansvarlig); den sendes i vedkommendes navn.",
    Code.ORDERER_NOT_AUTHORISED:
        "Bare virksomhetens signatar eller PJD-ansvarlige kan bestille for {organisation}. "
        "Be en av dem logge inn og bestille, eller be dem registrere deg som PJD-ansvarlig "
        "under Kontakter.",
    Code.ORDERER_NOT_SELF:
        "Du bestiller i ditt eget navn; du kan ikke bestille i navnet til {person}.",
    Code.ORDER_IN_PLAY:
        "{organisation} har allerede en bestilling hos NHN ({status}). Registrer NHNs svar på "
        "den i stedet.",
    Code.HER_ID_NOT_DIGITS:
        "HER-id-en som er registrert for {organisation} er ikke bare sifre, slik den står i "
        "adresseregisteret. Rett den under «Opplysninger til bestillingen» før dere bestiller.",
    Code.ORGANISER_NOT_CONFIRMED:
        "Avtalen med {organisation} kan ikke sendes før {organiser} har bekreftet at de er "
        "organisator. Organisatoren er foreslått ut fra adressen; bekreft den på virksomhetens "
        "side.",
    Code.ORGANISER_FIXED:
        "{organisation} er {kind}: organisatoren er gitt og bekreftes ikke. Bare en "
        "avtalespesialists organisator bekreftes.",
}
