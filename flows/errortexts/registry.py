"""The Prefect UI's bokmål for the registry codes: the run form's fields, never flags."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.ORGNR_EMPTY: "Organisasjonsnummeret mangler: fyll inn «Organisasjonsnummer» med 9 sifre.",
    Code.ORGNR_NOT_DIGITS:
        "«Organisasjonsnummer» kan bare inneholde sifrene 0–9 og mellomrom, ikke {value}.",
    Code.ORGNR_CHECKSUM:
        "Organisasjonsnummeret {value} er ikke gyldig: kontrollsifferet (det siste sifferet) "
        "stemmer ikke. Sjekk «Organisasjonsnummer».",
    Code.ORGNR_LENGTH:
        "Organisasjonsnummeret {value} må ha nøyaktig 9 sifre. Sjekk «Organisasjonsnummer».",
    Code.ORGNR_MALFORMED:
        "«Organisasjonsnummer» kan bare inneholde sifre og mellomrom, ikke {value}.",
    Code.BRREG_TIMEOUT: "Enhetsregisteret svarte ikke i tide for {orgnr}. Kjør på nytt om litt.",
    Code.BRREG_UNREACHABLE:
        "Får ikke kontakt med Enhetsregisteret ({reason}). Kjør på nytt senere.",
    Code.BRREG_NOT_FOUND: "{orgnr} finnes ikke i Enhetsregisteret. Sjekk «Organisasjonsnummer».",
    Code.BRREG_REMOVED:
        "Virksomheten {orgnr} er slettet i Enhetsregisteret og kan ikke registreres.",
    Code.BRREG_FAILED: "Enhetsregisteret svarte med en feil (HTTP {status}). Kjør på nytt senere.",
    Code.BRREG_REFUSED:
        "Enhetsregisteret svarte HTTP {status} for {orgnr}. Sjekk «Organisasjonsnummer».",
    Code.BRREG_UNEXPECTED:
        "Enhetsregisteret ga et uventet svar om {orgnr} ({detail}). Kjør på nytt senere, eller "
        "registrer virksomheten for hånd med «Uten Enhetsregisteret».",
    Code.BRREG_OTHER_ORGANISATION:
        "Enhetsregisteret svarte om {other} da vi spurte om {orgnr}. Kjør på nytt senere.",
    Code.EMAIL_CONTROL:
        "E-postadressen {shown} inneholder et tegn som ikke kan brukes (linjeskift, tabulator "
        "eller et usynlig tegn).",
    Code.EMAIL_TOO_LONG: "E-postadressen er {length} tegn; høyst {limit} er tillatt.",
    Code.EMAIL_INVALID:
        "E-postadressen {shown} er ikke gyldig: skriv én adresse, for eksempel kari@kommune.no.",
    Code.EMAIL_DOMAIN:
        "E-postadressen {shown} er ikke gyldig: domenet (delen etter @) kan ikke brukes.",
    Code.TEXT_EMPTY: "Fyll inn {field}.",
    Code.TEXT_CONTROL:
        "{field} inneholder et tegn som ikke kan brukes (linjeskift, tabulator eller et usynlig "
        "tegn).",
    Code.TEXT_TOO_LONG: "{field} er {length} tegn; høyst {limit} er tillatt.",
    Code.NAME_WITH_ADDRESS:
        "{field} kan ikke inneholde @, < eller >: skriv e-postadressen i sitt eget felt.",
    Code.PERSON_CONTROL:
        "«{field}» inneholder et tegn som ikke kan brukes (linjeskift, tabulator eller et usynlig "
        "tegn).",
    Code.PERSON_MALFORMED:
        "«{field}» må være én person, skrevet som «Navn <e-post>», ikke {shown}.",
    Code.CONTACT_NOT_FOUND:
        "{organisation} har ingen {role} med e-postadressen {email}. Sjekk «E-postadresse» og "
        "«Kontaktens rolle».",
    Code.CONTACT_ASKED_TO_SIGN:
        "{name} er bedt om å signere avtale nr. {agreement}: trekk den tilbake først (flyten "
        "withdraw-agreement), fjern så personen og registrer den nye signataren.",
    Code.ROLE_REQUIRED: "Fyll inn «Rolle»: kilde, konsument eller begge.",
    Code.ROLE_UNKNOWN: "Ukjent rolle «{value}»: skriv kilde, konsument eller begge i «Rolle».",
    Code.KIND_UNKNOWN: "Ukjent type «{value}»: skriv en av disse i «Type virksomhet»: {choices}.",
    Code.KIND_REQUIRED:
        "En kilde må ha en type: skriv avtalespesialist i «Type virksomhet» (hører til sitt "
        "RHF), eller "
        "registrer en kommune med dens organisasjonsnummer.",
    Code.KIND_HAS_NO_AREA:
        "En kilde av typen {kind} hører ikke til noe samarbeidsområde: kilder går gjennom KS "
        "(kommuner) eller et RHF (avtalespesialister). Velg konsument i «Rolle», eller riktig "
        "«Type virksomhet».",
    Code.REGION_UNKNOWN: "Ukjent region «{value}»: velg en av disse i «RHF-område»: {choices}.",
    Code.REGION_NEEDED:
        "Kan ikke velge RHF for denne avtalespesialisten: adressen har ikke kommunenummer. Fyll "
        "inn «RHF-område» (RHF-et som har driftsavtalen).",
    Code.KOMMUNENUMMER_INVALID:
        "Kommunenummeret «{value}» er ikke gyldig: det må ha 4 sifre. Sjekk «Kommunenummer».",
    Code.KOMMUNENUMMER_DIGITS:
        "Kommunenummeret «{value}» er ikke gyldig: det må ha 4 sifre (0–9). Sjekk «Kommunenummer».",
    Code.KOMMUNENUMMER_NO_FYLKE:
        "Kommunenummeret {value} hører ikke til noe fylke fra 2024 (fylkesnummer {fylke}). Fyll "
        "inn dagens kommunenummer eller «RHF-område».",
    Code.KOMMUNE_OTHER_KIND:
        "{orgnr} er {kommune} kommune, ikke {kind}. Tøm «Type virksomhet»: kommuner kjennes "
        "igjen på "
        "organisasjonsnummeret.",
    Code.NOT_A_KOMMUNE:
        "{orgnr} er ikke en av de 357 kommunene. Sjekk «Organisasjonsnummer», eller velg en annen "
        "«Type virksomhet».",
    Code.OFFLINE_NEEDS_DETAILS:
        "{orgnr} er ikke en kommune, og avtaleflyt er frakoblet Enhetsregisteret: fyll inn «Navn» "
        "og «Kommunenummer» (og «Type virksomhet»).",
    Code.BANKRUPT:
        "{organisation} ({orgnr}) er konkurs ifølge Enhetsregisteret og kan ikke registreres.",
    Code.WOUND_UP:
        "{organisation} ({orgnr}) er under avvikling ifølge Enhetsregisteret og kan ikke "
        "registreres.",
    Code.KIND_NEEDED: "{organisation} ({orgnr}) er ikke en kommune: fyll inn «Type virksomhet» "
        "({choices}).",
    Code.REGISTERED_OTHERWISE:
        "{organisation} ({orgnr}) er allerede registrert med andre opplysninger: {differences}. "
        "Ingenting er endret; type, navn og kommunenummer beholdes slik de først ble registrert.",
    Code.REGISTERED_IN_OTHER_REGION:
        "{organisation} ({orgnr}) er allerede registrert med andre opplysninger: {differences}. "
        "Ingenting er endret. For å bytte organisator: kjør flyten route-organisation med "
        "«RHF-område» {region}.",
    Code.REGISTERED_OTHERWISE_AND_REGION:
        "{organisation} ({orgnr}) er allerede registrert med andre opplysninger: {differences}. "
        "Ingenting er endret. For å bytte organisator: kjør flyten route-organisation med "
        "«RHF-område» {region}. Type, navn og kommunenummer beholdes slik de først ble registrert.",
    Code.AREA_NOT_LOADED:
        "Samarbeidsområdet {area} er ikke lastet inn: referansedataene mangler. Be den som "
        "drifter avtaleflyt kjøre init.",
    Code.ORG_NOT_REGISTERED:
        "Virksomheten {orgnr} er ikke registrert: registrer den først (flyten "
        "register-organisation).",
    Code.NO_PARTICIPATION:
        "{organisation} ({orgnr}) deltar ikke ennå: registrer den med en rolle (flyten "
        "register-organisation).",
    Code.NO_PARTICIPATION_AS:
        "{organisation} ({orgnr}) deltar ikke som {role}. Sjekk «Deltakelse».",
    Code.BOTH_ROLES:
        "{organisation} ({orgnr}) er både kilde og konsument: velg kilde eller konsument i "
        "«Deltakelse».",
    Code.DETAIL_UNKNOWN: "Ukjente opplysninger om virksomheten: {details}.",
    Code.FORCE_NEEDS_REASON:
        "«Overstyr» krever en begrunnelse: fyll inn «Begrunnelse» (den lagres i revisjonsloggen).",
    Code.ROUTE_NOT_AVTALESPESIALIST:
        "{organisation} ({orgnr}) er {kind}: bare en avtalespesialists organisator velges etter "
        "region.",
    Code.ROUTE_AGREEMENT_OUT:
        "Avtale nr. {agreement} er ute til signering med {organiser}: trekk den tilbake først "
        "(flyten withdraw-agreement), eller kryss av for «Overstyr» og fyll inn «Begrunnelse».",
    Code.ROUTE_AGREEMENT_KEPT:
        "Avtale nr. {agreement} med {organiser} er {status}: for å flytte virksomheten til en "
        "annen organisator, kryss av for «Overstyr» og fyll inn «Begrunnelse» (avtalen blir "
        "stående som "
        "den er).",
    Code.ROUTE_MOVED_MEANWHILE:
        "{organisation} ble flyttet av noen andre samtidig. Se på status og kjør på nytt om det "
        "trengs.",
    Code.MARKUP_IN_NAME: "Navnet «{name}» inneholder < eller >: en virksomhets navn er ren tekst.",
}
