"""The Prefect UI's bokmål for the core codes: the run form's fields, never flags."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.AGREEMENT_CANNOT_MOVE:
        "Avtale nr. {agreement} er {current}, så den kan ikke bli {target}.",
    Code.SIGNATURE_CANNOT_MOVE: "Signaturen er {current}, så den kan ikke bli {target}.",
    Code.ORDER_CANNOT_MOVE: "Bestillingen hos NHN er {current}, så den kan ikke bli {target}.",
    Code.TERMS_CANNOT_MOVE: "Bruksvilkårene er {current}, så de kan ikke bli {target}.",
    Code.ITEM_CANNOT_MOVE: "Punktet «{item}» er {current}, så det kan ikke bli {target}.",
    Code.DAY_MALFORMED: "«{option}» må være en dato som 2026-11-25, ikke «{value}».",
    Code.SIMULATED_DAY_FAR:
        "Datoen {day} i «{option}» er mer enn ett år fra i dag ({real}): kryss av for «Tillat "
        "dag langt unna» for "
        "å kjøre som den dagen likevel.",
    Code.COLUMN_TOO_LONG: "En verdi er for lang ({column}: {length} tegn, høyst {limit}).",
    Code.NOT_INITIALISED:
        "Databasen {url} er ikke satt opp ennå: be den som drifter avtaleflyt kjøre init først.",
    Code.FIELD_MISSING: "Fyll inn «{title}».",
    Code.FIELD_EMPTY: "«{title}» kan ikke være tomt.",
    Code.FIELD_TOO_LONG: "«{title}» kan ha høyst {limit} tegn.",
    Code.FIELD_TOO_MANY: "«{title}» kan ha høyst {limit} verdier, ikke {count}.",
    Code.FIELD_CHOICE: "«{title}» må være {expected}.",
    Code.FIELD_UNKNOWN: "Skjemaet har et felt som ikke finnes: {field}.",
    Code.FIELD_INVALID: "«{title}» er ikke gyldig: {problem}",
    Code.FIELD_CONTROL:
        "«{title}» inneholder et tegn som ikke kan brukes (linjeskift, tabulator eller et usynlig "
        "tegn).",
    Code.FIELD_TEXT_CONTROL:
        "«{title}» inneholder et tegn som ikke kan brukes (et usynlig tegn eller et styretegn).",
    Code.DAY_EMPTY:
        "Feltet {option} er tomt: skriv en dato som 2026-11-25, eller la feltet stå tomt helt.",
    Code.DAY_OUTSIDE_CALENDAR:
        "{day} i feltet {option} er utenfor kalenderen avtaleflyt bruker ({first} til {last}).",
    Code.DAY_ENDS_AGREEMENTS:
        "Å kjøre som {day} ville la {lapse} avtale(r) falle bort og {expire} utløpe: kryss av for "
        "«Tillat dag langt unna» for å kjøre likevel.",
    Code.AUDIT_OTHER_KEY:
        "Ingenting ble lagret: denne arbeideren har en annen nøkkel for revisjonsloggen ({ours}) "
        "enn den loggen er forseglet med ({theirs}). Gi alle maskiner som skriver, samme "
        "AVTALEFLYT_AUDIT_SECRET.",
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
        "utelukkes at hendelser er fjernet. Legg dem tilbake sammen med databasen og datamappen.",
    Code.AUDIT_DISAGREES:
        "Revisjonsloggen og databasen er uenige: {problem}. Kontakt den som drifter "
        "avtaleflyt.",
    Code.AUDIT_DISAGREES_MORE:
        "Revisjonsloggen og databasen er uenige: {problem} (og {others} til). Kontakt den "
        "som drifter avtaleflyt.",
}
