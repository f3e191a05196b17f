"""The Prefect UI's bokmål for who acts for whom: the NHN order placed by the
organisation's contact, and an avtalespesialist's organiser confirmed by its RHF."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.ORDERER_REQUIRED:
        "Fyll inn «Bestilt av»: e-postadressen til {organisation}s signatar eller "
        "PJD-ansvarlige. Bestillingen sendes i vedkommendes navn.",
    Code.ORDERER_NOT_AUTHORISED:
        "{person} kan ikke bestille for {organisation}: bare en kontakt registrert som "
        "virksomhetens signatar eller PJD-ansvarlig kan det (flyten save-contact).",
    Code.ORDERER_NOT_SELF:
        "En innlogget person bestiller i eget navn, ikke i navnet til {person}.",
    Code.ORDER_IN_PLAY:
        "{organisation} har allerede en bestilling hos NHN ({status}). Registrer NHNs svar "
        "(flytene record-nhn-confirmation eller record-nhn-rejection) i stedet.",
    Code.HER_ID_NOT_DIGITS:
        "HER-id-en som er registrert for {organisation} ({orgnr}) er ikke bare sifre, slik "
        "den står i adresseregisteret. Rett den med flyten update-organisation.",
    Code.ORGANISER_NOT_CONFIRMED:
        "Avtalen med {organisation} sendes ikke før {organiser} har bekreftet at de er "
        "organisator (foreslått ut fra adressen). Kjør flyten confirm-organiser, eller rett "
        "organisatoren med route-organisation.",
    Code.ORGANISER_FIXED:
        "{organisation} ({orgnr}) er {kind}: organisatoren er gitt og bekreftes ikke. Bare en "
        "avtalespesialists organisator bekreftes.",
}
