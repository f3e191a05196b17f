"""The portal's bokmål for the core codes: what to do, for the people who use it."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.AGREEMENT_CANNOT_MOVE:
        "Avtalen kan ikke bli {target} nå: den er {current}. Last siden på nytt.",
    Code.SIGNATURE_CANNOT_MOVE: "Signaturen er allerede {current}.",
    Code.ORDER_CANNOT_MOVE:
        "Bestillingen hos Norsk helsenett er {current} og kan ikke bli {target} nå.",
    Code.TERMS_CANNOT_MOVE: "Bruksvilkårene er allerede registrert som {current}.",
    Code.ITEM_CANNOT_MOVE: "Punktet er allerede {current}.",
    Code.DAY_MALFORMED: "Datoen må skrives som 2026-11-25.",
    Code.SIMULATED_DAY_FAR: "Datoen {day} er mer enn ett år fra i dag.",
    Code.COLUMN_TOO_LONG: "Teksten er for lang: høyst {limit} tegn.",
    Code.NOT_INITIALISED:
        "avtaleflyt er ikke satt opp ennå. Ta kontakt med den som drifter avtaleflyt.",
    Code.FIELD_MISSING: "Fyll inn {field}.",
    Code.FIELD_EMPTY: "Fyll inn {field}.",
    Code.FIELD_TOO_LONG: "{field} kan ha høyst {limit} tegn.",
    Code.FIELD_TOO_MANY: "Skriv høyst {limit} {field}.",
    Code.FIELD_CHOICE: "Velg en av verdiene for {field}.",
    Code.FIELD_UNKNOWN: "Skjemaet har et felt vi ikke kjenner ({field}). Last siden på nytt.",
    Code.FIELD_INVALID: "{field} er ikke gyldig.",
    Code.FIELD_CONTROL:
        "Teksten inneholder et tegn som ikke kan brukes (linjeskift, tabulator eller et usynlig "
        "tegn).",
    Code.FIELD_TEXT_CONTROL:
        "Teksten inneholder et tegn som ikke kan brukes (et usynlig tegn eller et styretegn).",
    Code.DAY_EMPTY: "Datoen mangler. Skriv en dato som 25.11.2026.",
    Code.DAY_OUTSIDE_CALENDAR:
        "{day} er utenfor kalenderen avtaleflyt bruker ({first} til {last}).",
    Code.DAY_ENDS_AGREEMENTS:
        "Å kjøre som {day} ville la {lapse} avtale(r) falle bort og {expire} utløpe.",
    Code.AUDIT_OTHER_KEY:
        "Ingenting ble lagret: portalen er satt opp med en annen nøkkel for revisjonsloggen enn "
        "resten av avtaleflyt. Kontakt den som drifter avtaleflyt.",
    Code.AUDIT_BROKEN:
        "Revisjonsloggen er brutt ved {problem}; de {events} hendelsene før er hele. "
        "Kontakt den som drifter avtaleflyt.",
    Code.AUDIT_BROKEN_AND_FORGED:
        "Revisjonsloggen er brutt ved {problem}; de {events} hendelsene før er hele. "
        "I tillegg: {forged}. Kontakt den som drifter avtaleflyt.",
    Code.AUDIT_ANCHOR_FORGED:
        "Ankeret for revisjonsloggen er ikke til å stole på: {problem}. Kontakt den som "
        "drifter avtaleflyt.",
    Code.AUDIT_ANCHORS_MISSING:
        "Begge ankrene for revisjonsloggen mangler ({shared}, {file}), så det kan ikke "
        "utelukkes at hendelser er fjernet. Kontakt den som drifter avtaleflyt.",
    Code.AUDIT_DISAGREES:
        "Revisjonsloggen og databasen er uenige: {problem}. Kontakt den som drifter "
        "avtaleflyt.",
    Code.AUDIT_DISAGREES_MORE:
        "Revisjonsloggen og databasen er uenige: {problem} (og {others} til). Kontakt den "
        "som drifter avtaleflyt.",
}
