"""The portal's words for the domain's errors: bokmål for the people who use it, saying what
to do. Looked up by the error's code, never by its message; configured values (a size limit,
a link's lifetime) come as the error's parameters. One module per concern, as the codes are
(`agreements.errorcodes`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from agreements.core.calendar import norsk_dato
from agreements.documents import runfiles
from agreements.errorcodes import ErrorCode
from agreements.errors import AvtaleflytError
from agreements.readiness.gates import Gate
from agreements.registry.differences import Difference
from agreements.reporting import labels
from portal.errortexts import (
    access,
    contracts,
    core,
    documents,
    files,
    onboarding,
    ordering,
    outbox,
    readiness,
    registry,
    runs,
    settings,
    signedcopies,
    signing,
)

TEXTS: Mapping[ErrorCode, str] = {
    **core.TEXTS,
    **registry.TEXTS,
    **documents.TEXTS,
    **outbox.TEXTS,
    **signing.TEXTS,
    **contracts.TEXTS,
    **signedcopies.TEXTS,
    **readiness.TEXTS,
    **ordering.TEXTS,
    **access.TEXTS,
    **onboarding.TEXTS,
    **settings.TEXTS,
    **runs.TEXTS,
    **files.TEXTS,
}


STATUSES = {**labels.AGREEMENT, **labels.SIGNATURE, **labels.ORDER, **labels.TERMS,
            **labels.ITEM}
# What a field, a role or a status is called here, by the parameter that carries it.
FIELDS = {
    "orgnr": "organisasjonsnummeret", "name": "navnet", "title": "tittelen",
    "email": "e-postadressen", "signer_email": "signatarens e-postadresse",
    "reason": "begrunnelsen", "unverified_reason": "begrunnelsen", "her_id": "HER-id",
    "epj_system": "EPJ-systemet", "epj_vendor": "EPJ-leverandøren", "evidence_url": "lenken",
    "by": "hvem som bekrefter", "document_types": "dokumenttyper",
    "document_types.*": "en dokumenttype", "reference": "referansen",
    "signed_at": "tidspunktet", "live_on": "datoen", "role": "rollen", "kind": "typen",
    "signatory": "signataren", "coordinator": "PJD-ansvarlig", "key": "punktet",
    "decision": "avgjørelsen", "region": "RHF-et",
}
WORDS: Mapping[str, Mapping[str, str]] = {
    "field": FIELDS,
    "role": {**labels.CONTACT_ROLE, **labels.ROLE},
    "kind": labels.KIND,
    **dict.fromkeys(("current", "target", "status"), STATUSES),
    **dict.fromkeys(("purpose", "wanted"), runfiles.WORDS),
}
DIFFERENCES = {"kind": "type", "name": "navn", "kommunenummer": "kommunenummer",
               "region": "region"}


def show(name: str, value: Any) -> str:
    """A parameter as the portal writes it: Norwegian dates, lists as «a, b og c», fields,
    roles and statuses by their bokmål names."""
    if isinstance(value, date):
        return norsk_dato(value)
    if isinstance(value, Gate):
        return labels.gate(value)
    if isinstance(value, Difference):
        what = DIFFERENCES.get(value.what, value.what)
        return f"{what} {value.given} (registrert: {value.registered or '–'})"
    if isinstance(value, list | tuple | set | frozenset):
        items = [show(name, v) for v in value]
        return f"{', '.join(items[:-1])} og {items[-1]}" if len(items) > 1 else "".join(items)
    if name == "field":  # one of a list's values: `document_types.2`
        value = re.sub(r"\.\d+$", ".*", str(value))
    words = WORDS.get(name)
    return words.get(str(value), str(value)) if words else str(value)


def bokmal(error: AvtaleflytError) -> str:
    said = error.words(TEXTS, show)
    return said[:1].upper() + said[1:]


# The pages the portal shows for an HTTP status; {maks_mb} is the configured upload limit.
STATUS_PAGES = {
    400: ("Noe var galt med forespørselen", "Gå tilbake og prøv igjen."),
    403: ("Skjemaet er utløpt", "Siden var åpen for lenge, eller du er logget ut. Last siden "
                                "på nytt og prøv igjen."),
    404: ("Fant ikke siden", "Siden finnes ikke, eller du har ikke tilgang til den."),
    405: ("Fant ikke siden", "Siden finnes ikke, eller du har ikke tilgang til den."),
    413: ("Filen er for stor", "Største tillatte størrelse er {maks_mb} MB. Gå tilbake og "
                               "velg en mindre fil."),
    500: ("Noe gikk galt hos oss", "Feilen er logget. Prøv igjen om litt."),
}
