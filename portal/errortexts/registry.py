"""The portal's bokmål for the registry codes: what to do, for the people who use it."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.ORGNR_EMPTY: "Fyll inn organisasjonsnummeret (9 sifre).",
    Code.ORGNR_NOT_DIGITS: "Organisasjonsnummeret kan bare inneholde sifrene 0–9 (og mellomrom).",
    Code.ORGNR_CHECKSUM:
        "Organisasjonsnummeret er ikke gyldig: kontrollsifferet stemmer ikke. Sjekk at alle ni "
        "sifrene er riktige.",
    Code.ORGNR_LENGTH: "Organisasjonsnummeret må ha nøyaktig 9 sifre.",
    Code.ORGNR_MALFORMED: "Organisasjonsnummeret kan bare inneholde sifre og mellomrom.",
    Code.BRREG_TIMEOUT: "Enhetsregisteret svarte ikke i tide. Prøv igjen om litt.",
    Code.BRREG_UNREACHABLE: "Vi får ikke kontakt med Enhetsregisteret nå. Prøv igjen senere.",
    Code.BRREG_NOT_FOUND:
        "Organisasjonsnummeret {orgnr} finnes ikke i Enhetsregisteret. Sjekk nummeret.",
    Code.BRREG_REMOVED:
        "Virksomheten {orgnr} er slettet i Enhetsregisteret og kan ikke registreres.",
    Code.BRREG_FAILED: "Enhetsregisteret har en feil akkurat nå. Prøv igjen senere.",
    Code.BRREG_REFUSED:
        "Enhetsregisteret kunne ikke svare om {orgnr}. Sjekk organisasjonsnummeret.",
    Code.BRREG_UNEXPECTED:
        "Enhetsregisteret ga et svar vi ikke kunne bruke. Prøv igjen senere, eller ta kontakt med "
        "organisator.",
    Code.BRREG_OTHER_ORGANISATION:
        "Enhetsregisteret svarte om en annen virksomhet enn den vi spurte om. Prøv igjen senere.",
    Code.EMAIL_CONTROL:
        "E-postadressen inneholder et tegn som ikke kan brukes (linjeskift, tabulator eller et "
        "usynlig tegn).",
    Code.EMAIL_TOO_LONG: "E-postadressen er for lang: høyst {limit} tegn.",
    Code.EMAIL_INVALID:
        "E-postadressen er ikke gyldig. Skriv én adresse, for eksempel kari@kommune.no.",
    Code.EMAIL_DOMAIN: "E-postadressen er ikke gyldig: domenet (delen etter @) kan ikke brukes.",
    Code.TEXT_EMPTY: "Fyll inn {field}.",
    Code.TEXT_CONTROL:
        "{field} inneholder et tegn som ikke kan brukes (linjeskift, tabulator eller et usynlig "
        "tegn).",
    Code.TEXT_TOO_LONG: "{field} er for lang: høyst {limit} tegn.",
    Code.NAME_WITH_ADDRESS:
        "Et navn kan ikke inneholde @, < eller >. Skriv e-postadressen i feltet for e-post.",
    Code.PERSON_CONTROL:
        "{field} inneholder et tegn som ikke kan brukes (linjeskift, tabulator eller et usynlig "
        "tegn).",
    Code.PERSON_MALFORMED: "{field} må være én person, skrevet som «Navn <e-post>».",
    Code.CONTACT_NOT_FOUND: "{organisation} har ingen {role} med e-postadressen {email}.",
    Code.CONTACT_ASKED_TO_SIGN:
        "{name} er bedt om å signere avtalen som er ute nå. Organisatoren må trekke avtalen "
        "tilbake før personen kan fjernes.",
    Code.ROLE_REQUIRED: "Velg rolle: kilde, konsument eller begge.",
    Code.ROLE_UNKNOWN: "Ukjent rolle. Velg kilde, konsument eller begge.",
    Code.KIND_UNKNOWN: "Ukjent type virksomhet. Velg en av disse: {choices}.",
    Code.KIND_REQUIRED:
        "En kilde må ha en type: avtalespesialist (hører til sitt RHF), eller en kommune "
        "registrert med sitt organisasjonsnummer.",
    Code.KIND_HAS_NO_AREA:
        "En kilde av typen {kind} hører ikke til noe samarbeidsområde: kilder går gjennom KS "
        "(kommuner) eller et RHF (avtalespesialister). Registrer den som konsument, eller velg "
        "riktig type.",
    Code.REGION_UNKNOWN: "Ukjent region. Velg en av disse: {choices}.",
    Code.REGION_NEEDED:
        "Vi kan ikke finne RHF-et for denne avtalespesialisten: adressen mangler kommunenummer. "
        "Velg RHF-et som har driftsavtalen.",
    Code.KOMMUNENUMMER_INVALID: "Kommunenummeret må ha 4 sifre.",
    Code.KOMMUNENUMMER_DIGITS: "Kommunenummeret må ha 4 sifre (0–9).",
    Code.KOMMUNENUMMER_NO_FYLKE:
        "Kommunenummeret {value} hører ikke til noe fylke fra 2024. Bruk dagens kommunenummer, "
        "eller velg RHF.",
    Code.KOMMUNE_OTHER_KIND: "{orgnr} er {kommune} kommune, ikke {kind}.",
    Code.NOT_A_KOMMUNE: "{orgnr} er ikke en av de 357 kommunene.",
    Code.OFFLINE_NEEDS_DETAILS:
        "{orgnr} er ikke en kommune, og avtaleflyt kan ikke slå opp i Enhetsregisteret nå. Ta "
        "kontakt med organisator.",
    Code.BANKRUPT:
        "{organisation} ({orgnr}) er konkurs ifølge Enhetsregisteret og kan ikke registreres.",
    Code.WOUND_UP: "{organisation} ({orgnr}) er under avvikling og kan ikke registreres.",
    Code.KIND_NEEDED:
        "{organisation} ({orgnr}) er ikke en kommune. Velg type virksomhet: {choices}.",
    Code.REGISTERED_OTHERWISE:
        "{organisation} ({orgnr}) er allerede registrert med andre opplysninger: {differences}. "
        "Ingenting er endret; type, navn og kommunenummer beholdes slik de først ble registrert.",
    Code.REGISTERED_IN_OTHER_REGION:
        "{organisation} ({orgnr}) er allerede registrert med andre opplysninger: {differences}. "
        "Ingenting er endret. Organisator kan flytte virksomheten til {region}.",
    Code.REGISTERED_OTHERWISE_AND_REGION:
        "{organisation} ({orgnr}) er allerede registrert med andre opplysninger: {differences}. "
        "Ingenting er endret. Organisator kan flytte virksomheten til {region}; type, navn og "
        "kommunenummer beholdes slik de først ble registrert.",
    Code.AREA_NOT_LOADED:
        "Samarbeidsområdet {area} finnes ikke i avtaleflyt ennå. Ta kontakt med den som drifter "
        "avtaleflyt.",
    Code.ORG_NOT_REGISTERED: "Virksomheten {orgnr} er ikke registrert i avtaleflyt.",
    Code.NO_PARTICIPATION: "{organisation} deltar ikke i Pasientens journaldokumenter ennå.",
    Code.NO_PARTICIPATION_AS: "{organisation} deltar ikke som {role}.",
    Code.BOTH_ROLES:
        "{organisation} er både kilde og konsument. Velg hvilken deltakelse det gjelder.",
    Code.DETAIL_UNKNOWN: "Ukjente opplysninger om virksomheten: {details}.",
    Code.FORCE_NEEDS_REASON: "Skriv en begrunnelse: den lagres i revisjonsloggen.",
    Code.ROUTE_NOT_AVTALESPESIALIST:
        "{organisation} er {kind}: bare en avtalespesialists organisator velges etter region.",
    Code.ROUTE_AGREEMENT_OUT:
        "Avtalen er ute til signering med {organiser}. Den må trekkes tilbake før virksomheten "
        "kan flyttes.",
    Code.ROUTE_AGREEMENT_KEPT:
        "Avtalen med {organiser} er {status}. Å flytte virksomheten til en annen organisator "
        "krever en begrunnelse; avtalen blir stående som den er.",
    Code.ROUTE_MOVED_MEANWHILE:
        "Noen andre flyttet {organisation} samtidig. Last siden på nytt og prøv igjen.",
    Code.MARKUP_IN_NAME: "Navnet kan ikke inneholde < eller >.",
}
