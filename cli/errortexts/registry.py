"""The command line's English for the registry codes, with its hints (flags)."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.ORGNR_EMPTY: "organisasjonsnummer is empty: give its 9 digits",
    Code.ORGNR_NOT_DIGITS:
        "organisasjonsnummer {value!r} is invalid: only the digits 0-9 and spaces are allowed",
    Code.ORGNR_CHECKSUM:
        "organisasjonsnummer {value!r} is invalid: the check digit (last digit) does not match "
        "the MOD11 checksum of the first eight",
    Code.ORGNR_LENGTH: "organisasjonsnummer {value!r} is invalid: it must have exactly 9 digits",
    Code.ORGNR_MALFORMED:
        "organisasjonsnummer {value!r} is invalid: only digits and spaces are allowed",
    Code.BRREG_TIMEOUT: "Enhetsregisteret did not answer in time for {orgnr}",
    Code.BRREG_UNREACHABLE: "Enhetsregisteret is unreachable: {reason}",
    Code.BRREG_NOT_FOUND: "{orgnr} not found in Enhetsregisteret",
    Code.BRREG_REMOVED: "{orgnr} is removed from the register (slettet i Enhetsregisteret)",
    Code.BRREG_FAILED: "Enhetsregisteret failed with HTTP {status}; try again later",
    Code.BRREG_REFUSED: "Enhetsregisteret answered HTTP {status} for {orgnr}",
    Code.BRREG_UNEXPECTED: "Enhetsregisteret answered something unexpected for {orgnr}: {detail}",
    Code.BRREG_OTHER_ORGANISATION:
        "Enhetsregisteret answered something unexpected for {orgnr}: it describes {other} instead",
    Code.EMAIL_CONTROL: "e-mail address {shown} contains a control character",
    Code.EMAIL_TOO_LONG: "e-mail address is {length} characters; the limit is {limit}",
    Code.EMAIL_INVALID: "invalid e-mail address {shown}: give one address like kari@kommune.no",
    Code.EMAIL_DOMAIN: "invalid e-mail address {shown}: the domain cannot be written in ASCII",
    Code.TEXT_EMPTY: "{field} is empty",
    Code.TEXT_CONTROL:
        "{field} {shown} contains a control character (a line break, a tab or an invisible mark)",
    Code.TEXT_TOO_LONG: "{field} is {length} characters; the limit is {limit}",
    Code.NAME_WITH_ADDRESS:
        "{field} {shown} contains @, < or >: give the e-mail address on its own",
    Code.PERSON_CONTROL: "--{field} {shown} contains a control character",
    Code.PERSON_MALFORMED: "--{field} must be one person like 'Name <email>', got {shown}",
    Code.CONTACT_NOT_FOUND: "{organisation} has no {role} with e-mail {email}",
    Code.CONTACT_ASKED_TO_SIGN:
        "{name} is asked to sign agreement #{agreement}: withdraw it first (`avtaleflyt agreement "
        "withdraw {agreement}`), then remove them and register the new signatory",
    Code.ROLE_REQUIRED: "a role is required: kilde, konsument or begge",
    Code.ROLE_UNKNOWN: "unknown role {value!r}: choose kilde, konsument or begge",
    Code.KIND_UNKNOWN: "unknown kind {value!r}: choose one of {choices}",
    Code.KIND_REQUIRED:
        "a kilde needs a kind: give --kind avtalespesialist (routed to its RHF) or register a "
        "kommune by its orgnr",
    Code.KIND_HAS_NO_AREA:
        "a kilde of kind {kind} has no collaboration area: kilder join through KS (kommune) or an "
        "RHF (avtalespesialist); register it with --role konsument, or give the right --kind",
    Code.REGION_UNKNOWN: "unknown region {value!r}: choose one of {choices}",
    Code.REGION_NEEDED:
        "cannot choose the RHF for this avtalespesialist: its address has no kommunenummer; give "
        "--region (the RHF that holds its driftsavtale)",
    Code.KOMMUNENUMMER_INVALID: "kommunenummer {value!r} is invalid: it must be 4 digits",
    Code.KOMMUNENUMMER_DIGITS: "kommunenummer {value!r} is invalid: it must be 4 digits 0-9",
    Code.KOMMUNENUMMER_NO_FYLKE:
        "kommunenummer {value} belongs to no 2024 fylke (fylkesnummer {fylke}); give the current "
        "kommunenummer or --region",
    Code.KOMMUNE_OTHER_KIND: "{orgnr} is {kommune} kommune, not {kind}",
    Code.NOT_A_KOMMUNE: "{orgnr} is not one of the 357 kommuner in the reference data",
    Code.OFFLINE_NEEDS_DETAILS:
        "{orgnr} is not a kommune and avtaleflyt is offline: register it by hand with --name and "
        "--kommunenummer (and --kind), or go online",
    Code.BANKRUPT: "{organisation} ({orgnr}) is bankrupt (konkurs) in Enhetsregisteret",
    Code.WOUND_UP: "{organisation} ({orgnr}) is being wound up (under avvikling)",
    Code.KIND_NEEDED: "{organisation} ({orgnr}) is not a kommune: give --kind ({choices})",
    Code.REGISTERED_OTHERWISE:
        "{organisation} ({orgnr}) is already registered with other data: {differences}. Nothing "
        "was changed. Kind, name and kommunenummer are kept as first registered.",
    Code.REGISTERED_IN_OTHER_REGION:
        "{organisation} ({orgnr}) is already registered with other data: {differences}. Nothing "
        "was changed. To move it to another organiser: `avtaleflyt org route {orgnr} --region "
        "{region}` (audited).",
    Code.REGISTERED_OTHERWISE_AND_REGION:
        "{organisation} ({orgnr}) is already registered with other data: {differences}. Nothing "
        "was changed. To move it to another organiser: `avtaleflyt org route {orgnr} --region "
        "{region}` (audited). Kind, name and kommunenummer are kept as first registered.",
    Code.AREA_NOT_LOADED: "collaboration area {area!r} is not loaded: run `avtaleflyt init`",
    Code.ORG_NOT_REGISTERED:
        "organisation {orgnr} is not registered: add it with `avtaleflyt org add`",
    Code.NO_PARTICIPATION: "{organisation} ({orgnr}) has no participation",
    Code.NO_PARTICIPATION_AS: "{organisation} ({orgnr}) has no participation as {role}",
    Code.BOTH_ROLES: "{organisation} ({orgnr}) is both kilde and konsument: give --role",
    Code.DETAIL_UNKNOWN: "unknown organisation detail(s): {details}",
    Code.FORCE_NEEDS_REASON: "--force needs --reason: it is recorded in the audit log",
    Code.ROUTE_NOT_AVTALESPESIALIST:
        "{organisation} ({orgnr}) is a {kind}: only an avtalespesialist's organiser is chosen by "
        "region",
    Code.ROUTE_AGREEMENT_OUT:
        "agreement #{agreement} is out for signing with {organiser}: withdraw it first "
        "(`avtaleflyt agreement withdraw {agreement} --reason …`), or give --force with --reason",
    Code.ROUTE_AGREEMENT_KEPT:
        "agreement #{agreement} with {organiser} is {status}: moving the organisation to another "
        "organiser needs --force with --reason (the agreement stays as it is)",
    Code.ROUTE_MOVED_MEANWHILE:
        "{organisation} was moved meanwhile; look again with `avtaleflyt status`",
    Code.MARKUP_IN_NAME: "the name '{name}' contains < or >: an organisation's name is plain text",
}
