"""The Prefect UI's bokmål for the settings codes: the run form's fields, never flags."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.SETTING_INVALID: "Innstillingen {variable}={value} er ugyldig: {problem}",
    Code.SETTING_NOT_URL:
        "Innstillingen {variable}={value} er ugyldig: den må være en http(s)-adresse med "
        "vertsnavn.",
    Code.SETTING_CONTROL:
        "Innstillingen {variable} inneholder et tegn som ikke kan brukes (linjeskift, tabulator "
        "eller et usynlig tegn).",
    Code.SETTING_NOT_ONE_ADDRESS:
        "Innstillingen {variable}={value} må være én e-postadresse, for eksempel «avtaleflyt "
        "<pjd@ks.no>».",
    Code.SETTING_DAYS:
        "Innstillingen {variable}={value} må være en JSON-liste med dager mellom 1 og 3650, for "
        "eksempel [90, 30].",
    Code.SETTING_NOT_JSON_LIST:
        "Innstillingen {variable}={value} må være en JSON-liste, for eksempel [90, 30].",
    Code.NHN_HTTP_NEEDS:
        "Bestilling over HTTP (AVTALEFLYT_NHN_CHANNEL=http) trenger også {missing}: bestillinger "
        "sendes aldri usignert.",
    Code.PORTAL_URL_LOCAL:
        "AVTALEFLYT_PORTAL_URL er {portal_url}, som bare finnes på denne maskinen, mens e-post "
        "går ut gjennom {smtp_host}: lenkene i e-postene ville ikke nå noen. Sett den til "
        "portalens offentlige adresse.",
    Code.LEASE_TOO_SHORT:
        "AVTALEFLYT_OUTBOX_LEASE_SECONDS={lease} må være lengre enn den tregeste overleveringen "
        "({slowest} s, AVTALEFLYT_SMTP_TIMEOUT / AVTALEFLYT_NHN_TIMEOUT).",
    Code.SETTING_URL_CREDENTIALS:
        "Innstillingen {variable} har brukernavn eller passord i adressen: slikt lagres aldri i "
        "en adresse.",
    Code.SETTING_NOT_A_HOST:
        "Innstillingen {variable}={value} er ikke et vertsnavn eller en adresse.",
    Code.DATA_DIR_NOT_A_FOLDER:
        "Innstillingen AVTALEFLYT_DATA_DIR peker på {path}, som ikke er en mappe.",
    Code.SETTING_DOCUMENT_STORE:
        "Innstillingen {variable}={value} er ugyldig: oppgi folder, database eller en "
        "fsspec-adresse som s3://bøtte/avtaleflyt.",
    Code.SETTING_STORE_PACKAGE:
        "Innstillingen {variable}={value} krever Python-pakken {package} for {scheme}://, som "
        "ikke er installert på arbeideren.",
    Code.SETTING_AUDIT_ANCHOR:
        "Innstillingen {variable}={value} er ugyldig: oppgi stien til en fil i en mappe som alle "
        "maskiner som skriver, deler.",
}
