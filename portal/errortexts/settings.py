"""The portal's bokmål for the settings codes: what to do, for the people who use it."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.SETTING_INVALID:
        "Innstillingene til avtaleflyt er ikke i orden. Ta kontakt med den som drifter avtaleflyt.",
    Code.SETTING_NOT_URL:
        "Innstillingene til avtaleflyt er ikke i orden. Ta kontakt med den som drifter avtaleflyt.",
    Code.SETTING_CONTROL:
        "Innstillingene til avtaleflyt er ikke i orden. Ta kontakt med den som drifter avtaleflyt.",
    Code.SETTING_NOT_ONE_ADDRESS:
        "Innstillingene til avtaleflyt er ikke i orden. Ta kontakt med den som drifter avtaleflyt.",
    Code.SETTING_DAYS:
        "Innstillingene til avtaleflyt er ikke i orden. Ta kontakt med den som drifter avtaleflyt.",
    Code.SETTING_NOT_JSON_LIST:
        "Innstillingene til avtaleflyt er ikke i orden. Ta kontakt med den som drifter avtaleflyt.",
    Code.NHN_HTTP_NEEDS:
        "Innstillingene til avtaleflyt er ikke i orden. Ta kontakt med den som drifter avtaleflyt.",
    Code.PORTAL_URL_LOCAL:
        "Innstillingene til avtaleflyt er ikke i orden. Ta kontakt med den som drifter avtaleflyt.",
    Code.LEASE_TOO_SHORT:
        "Innstillingene til avtaleflyt er ikke i orden. Ta kontakt med den som drifter avtaleflyt.",
    Code.SETTING_URL_CREDENTIALS:
        "Innstillingen {variable} har brukernavn eller passord i adressen. Kontakt den som "
        "drifter avtaleflyt.",
    Code.SETTING_NOT_A_HOST:
        "Innstillingen {variable} er ikke et gyldig vertsnavn. Kontakt den som drifter avtaleflyt.",
    Code.DATA_DIR_NOT_A_FOLDER:
        "Datamappen til avtaleflyt er ikke en mappe. Kontakt den som drifter avtaleflyt.",
    Code.SETTING_DOCUMENT_STORE:
        "Innstillingen {variable} sier ikke hvor dokumentene lagres. Kontakt den som drifter "
        "avtaleflyt.",
    Code.SETTING_STORE_PACKAGE:
        "Dokumentlageret i innstillingen {variable} kan ikke nås fordi en programpakke mangler. "
        "Kontakt den som drifter avtaleflyt.",
    Code.SETTING_AUDIT_ANCHOR:
        "Innstillingen {variable} er ikke en fil. Kontakt den som drifter avtaleflyt.",
}
