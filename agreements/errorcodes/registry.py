"""Organisations: the organisasjonsnummer, Enhetsregisteret, routing, contacts, registering."""

from __future__ import annotations

from agreements.errorcodes.base import code


class RegistryCodes:
    ORGNR_EMPTY = code("orgnr.empty", says="organisasjonsnummer is empty: give its 9 digits")
    ORGNR_NOT_DIGITS = code(
        "orgnr.not_digits", "value",
        says="organisasjonsnummer {value!r} is invalid: only the digits 0-9 and spaces are "
             "allowed")
    ORGNR_CHECKSUM = code(
        "orgnr.checksum", "value",
        says="organisasjonsnummer {value!r} is invalid: the check digit (last digit) does "
             "not match the MOD11 checksum of the first eight")
    ORGNR_LENGTH = code(
        "orgnr.length", "value",
        says="organisasjonsnummer {value!r} is invalid: it must have exactly 9 digits")
    ORGNR_MALFORMED = code(
        "orgnr.malformed", "value",
        says="organisasjonsnummer {value!r} is invalid: only digits and spaces are allowed")
    BRREG_TIMEOUT = code(
        "brreg.timeout", "orgnr",
        says="Enhetsregisteret did not answer in time for {orgnr}")
    BRREG_UNREACHABLE = code(
        "brreg.unreachable", "reason",
        says="Enhetsregisteret is unreachable: {reason}")
    BRREG_NOT_FOUND = code("brreg.not_found", "orgnr", says="{orgnr} not found in Enhetsregisteret")
    BRREG_REMOVED = code(
        "brreg.removed", "orgnr",
        says="{orgnr} is removed from the register (slettet i Enhetsregisteret)")
    BRREG_FAILED = code(
        "brreg.failed", "status",
        says="Enhetsregisteret failed with HTTP {status}; try again later")
    BRREG_REFUSED = code(
        "brreg.refused", "status", "orgnr",
        says="Enhetsregisteret answered HTTP {status} for {orgnr}")
    BRREG_UNEXPECTED = code(
        "brreg.unexpected", "orgnr", "detail",
        says="Enhetsregisteret answered something unexpected for {orgnr}: {detail}")
    BRREG_OTHER_ORGANISATION = code(
        "brreg.other_organisation", "orgnr", "other",
        says="Enhetsregisteret answered something unexpected for {orgnr}: it describes "
             "{other} instead")
    EMAIL_CONTROL = code(
        "email.control_character", "shown",
        says="e-mail address {shown} contains a control character")
    EMAIL_TOO_LONG = code(
        "email.too_long", "length", "limit",
        says="e-mail address is {length} characters; the limit is {limit}")
    EMAIL_INVALID = code(
        "email.invalid", "shown",
        says="invalid e-mail address {shown}: give one address like kari@kommune.no")
    EMAIL_DOMAIN = code(
        "email.domain_not_ascii", "shown",
        says="invalid e-mail address {shown}: the domain cannot be written in ASCII")
    TEXT_EMPTY = code("text.empty", "field", says="{field} is empty")
    TEXT_CONTROL = code(
        "text.control_character", "field", "shown",
        says="{field} {shown} contains a control character (a line break, a tab or an "
             "invisible mark)")
    TEXT_TOO_LONG = code(
        "text.too_long", "field", "length", "limit",
        says="{field} is {length} characters; the limit is {limit}")
    NAME_WITH_ADDRESS = code(
        "text.name_with_address", "field", "shown",
        says="{field} {shown} contains @, < or >: give the e-mail address on its own")
    PERSON_CONTROL = code(
        "person.control_character", "field", "shown",
        says="the {field} {shown} contains a control character")
    PERSON_MALFORMED = code(
        "person.malformed", "field", "shown",
        says="the {field} must be one person like 'Name <email>', got {shown}")
    CONTACT_NOT_FOUND = code(
        "contact.not_found", "organisation", "role", "email",
        says="{organisation} has no {role} with e-mail {email}")
    CONTACT_ASKED_TO_SIGN = code(
        "contact.asked_to_sign", "name", "agreement",
        says="{name} is asked to sign agreement #{agreement}: withdraw it first, then remove "
             "them and register the new signatory")
    ROLE_REQUIRED = code("role.required", says="a role is required: kilde, konsument or begge")
    ROLE_UNKNOWN = code(
        "role.unknown", "value",
        says="unknown role {value!r}: choose kilde, konsument or begge")
    KIND_UNKNOWN = code(
        "kind.unknown", "value", "choices",
        says="unknown kind {value!r}: choose one of {choices}")
    KIND_REQUIRED = code(
        "kind.required_for_kilde",
        says="a kilde needs a kind: give the kind avtalespesialist (routed to its RHF) or "
             "register a kommune by its orgnr")
    KIND_HAS_NO_AREA = code(
        "kind.no_area", "kind",
        says="a kilde of kind {kind} has no collaboration area: kilder join through KS "
             "(kommune) or an RHF (avtalespesialist); register it as konsument, or give the "
             "right kind")
    REGION_UNKNOWN = code(
        "region.unknown", "value", "choices",
        says="unknown region {value!r}: choose one of {choices}")
    REGION_NEEDED = code(
        "region.needed_without_kommunenummer",
        says="cannot choose the RHF for this avtalespesialist: its address has no "
             "kommunenummer; give the region (the RHF that holds its driftsavtale)")
    KOMMUNENUMMER_INVALID = code(
        "kommunenummer.invalid", "value",
        says="kommunenummer {value!r} is invalid: it must be 4 digits")
    KOMMUNENUMMER_DIGITS = code(
        "kommunenummer.digits", "value",
        says="kommunenummer {value!r} is invalid: it must be 4 digits 0-9")
    KOMMUNENUMMER_NO_FYLKE = code(
        "kommunenummer.no_fylke", "value", "fylke",
        says="kommunenummer {value} belongs to no 2024 fylke (fylkesnummer {fylke}); give "
             "the current kommunenummer or the region")
    KOMMUNE_OTHER_KIND = code(
        "register.kommune_other_kind", "orgnr", "kommune", "kind",
        says="{orgnr} is {kommune} kommune, not {kind}")
    NOT_A_KOMMUNE = code(
        "register.not_a_kommune", "orgnr",
        says="{orgnr} is not one of the 357 kommuner in the reference data")
    OFFLINE_NEEDS_DETAILS = code(
        "register.offline_needs_details", "orgnr",
        says="{orgnr} is not a kommune and avtaleflyt is offline: register it by hand with "
             "its name and kommunenummer (and kind), or go online")
    BANKRUPT = code(
        "register.bankrupt", "organisation", "orgnr",
        says="{organisation} ({orgnr}) is bankrupt (konkurs) in Enhetsregisteret")
    WOUND_UP = code(
        "register.wound_up", "organisation", "orgnr",
        says="{organisation} ({orgnr}) is being wound up (under avvikling)")
    KIND_NEEDED = code(
        "register.kind_needed", "organisation", "orgnr", "choices",
        says="{organisation} ({orgnr}) is not a kommune: give its kind ({choices})")
    REGISTERED_OTHERWISE = code(
        "register.other_data", "organisation", "orgnr", "differences",
        says="{organisation} ({orgnr}) is already registered with other data: {differences}. "
             "Nothing was changed. Kind, name and kommunenummer are kept as first registered.")
    REGISTERED_IN_OTHER_REGION = code(
        "register.other_region", "organisation", "orgnr", "differences", "region",
        says="{organisation} ({orgnr}) is already registered with other data: {differences}. "
             "Nothing was changed. To move it to another organiser, route it to {region} "
             "(audited).")
    REGISTERED_OTHERWISE_AND_REGION = code(
        "register.other_data_and_region", "organisation", "orgnr", "differences", "region",
        says="{organisation} ({orgnr}) is already registered with other data: {differences}. "
             "Nothing was changed. To move it to another organiser, route it to {region} "
             "(audited). Kind, name and kommunenummer are kept as first registered.")
    AREA_NOT_LOADED = code(
        "area.not_loaded", "area",
        says="collaboration area {area!r} is not loaded: the reference data is missing")
    ORG_NOT_REGISTERED = code(
        "organisation.not_registered", "orgnr",
        says="organisation {orgnr} is not registered")
    NO_PARTICIPATION = code(
        "organisation.no_participation", "organisation", "orgnr",
        says="{organisation} ({orgnr}) has no participation")
    NO_PARTICIPATION_AS = code(
        "organisation.no_participation_as", "organisation", "orgnr", "role",
        says="{organisation} ({orgnr}) has no participation as {role}")
    BOTH_ROLES = code(
        "organisation.both_roles", "organisation", "orgnr",
        says="{organisation} ({orgnr}) is both kilde and konsument: say which")
    DETAIL_UNKNOWN = code(
        "organisation.detail_unknown", "details",
        says="unknown organisation detail(s): {details}")
    FORCE_NEEDS_REASON = code(
        "reroute.force_needs_reason",
        says="forcing the move needs a reason: it is recorded in the audit log")
    ROUTE_NOT_AVTALESPESIALIST = code(
        "reroute.not_avtalespesialist", "organisation", "orgnr", "kind",
        says="{organisation} ({orgnr}) is a {kind}: only an avtalespesialist's organiser is "
             "chosen by region")
    ROUTE_AGREEMENT_OUT = code(
        "reroute.agreement_out", "agreement", "organiser",
        says="agreement #{agreement} is out for signing with {organiser}: withdraw it first, "
             "or force the move with a reason")
    ROUTE_AGREEMENT_KEPT = code(
        "reroute.agreement_kept", "agreement", "organiser", "status",
        says="agreement #{agreement} with {organiser} is {status}: moving the organisation "
             "to another organiser must be forced with a reason (the agreement stays as it is)")
    ROUTE_MOVED_MEANWHILE = code(
        "reroute.moved_meanwhile", "organisation",
        says="{organisation} was moved meanwhile; look again at its status")
    MARKUP_IN_NAME = code(
        "registry.markup_in_name", "name",
        says="the name '{name}' contains < or >: an organisation's name is plain text")
