"""The Prefect UI's bokmål for a signed copy and the signature it adds."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.SIGNED_COPY_NOT_SENT:
        "Kopien er ikke dokumentet som ble sendt til signering. Signer PDF-en dere fikk "
        "tilsendt, uten å endre den, og last den opp igjen.",
    Code.SIGNED_COPY_NOT_ON_PREVIOUS:
        "Kopien er ikke den som {previous} signerte. Signer filen som fulgte med e-posten om "
        "signering (den er allerede signert av {previous}), slik at alle signaturene står i "
        "samme dokument.",
    Code.SIGNED_COPY_WITHOUT_NUMBER:
        "Kopien er ikke avtalen som ble sendt: avtalenummeret {number} står ikke i den.",
    Code.SIGNED_COPY_NO_NEW_SIGNATURE:
        "Kopien har ingen ny signatur: det er den samme filen som allerede er registrert. "
        "Signer den selv og last den opp igjen.",
    Code.SIGNED_COPY_SEVERAL_NEW:
        "Kopien har {count} nye signaturer. Hver signatar skal legge til nøyaktig én signatur.",
    Code.SIGNED_COPY_CHANGED_CONTENT:
        "Kopien er endret: samtidig med signaturen ble innholdet i dokumentet endret. Signer "
        "avtalen slik den ble sendt, uten å endre noe.",
    Code.SIGNED_COPY_CHANGED_PAGES:
        "Kopien er endret: samtidig med signaturen ble det lagt til eller fjernet sider. "
        "Signer avtalen slik den ble sendt, uten å endre noe.",
    Code.SIGNED_COPY_CHANGED_ANNOTATIONS:
        "Kopien er endret: samtidig med signaturen ble det lagt til eller endret kommentarer "
        "eller merknader. Signer avtalen slik den ble sendt, uten å endre noe.",
    Code.SIGNED_COPY_CHANGED_SCRIPT:
        "Kopien er endret: samtidig med signaturen ble det lagt til JavaScript eller "
        "handlinger i dokumentet. Signer avtalen slik den ble sendt, uten å endre noe.",
    Code.SIGNED_COPY_CHANGED_ATTACHMENTS:
        "Kopien er endret: samtidig med signaturen ble det lagt ved filer i dokumentet. Signer "
        "avtalen slik den ble sendt, uten å endre noe.",
    Code.SIGNED_COPY_CHANGED_METADATA:
        "Kopien er endret: samtidig med signaturen ble dokumentets tittel, forfatter, emne "
        "eller stikkord endret. Signer avtalen slik den ble sendt, uten å endre noe.",
    Code.SIGNED_COPY_CHANGED_FORM:
        "Kopien er endret: samtidig med signaturen ble andre skjemafelt fylt ut eller endret. "
        "Signer avtalen slik den ble sendt, uten å endre noe.",
    Code.SIGNED_COPY_CHANGED_AFTER:
        "Kopien er endret etter at den ble signert. Last opp den signerte filen slik den var "
        "rett etter signeringen.",
    Code.SIGNED_COPY_NOT_WHOLE_FILE:
        "Signaturen dekker ikke hele filen: noe er lagt til etter signaturen. Last opp den "
        "signerte filen slik den var rett etter signeringen.",
    Code.SIGNATURE_BROKEN:
        "Signaturen er brutt: det som ble signert, er endret etterpå, eller signaturen er "
        "ugyldig. Signer avtalen på nytt og last den opp igjen.",
    Code.SIGNATURE_UNTRUSTED:
        "Signaturen er laget med et sertifikat som ikke godtas (det er ikke utstedt av en "
        "godkjent utsteder). Bruk BankID eller et sertifikat fra en godkjent utsteder.",
    Code.SIGNATURE_EXPIRED:
        "Sertifikatet til {signer} gikk ut {expired_on}. Signer på nytt med et gyldig "
        "sertifikat.",
    Code.SIGNATURE_NOT_YET_VALID:
        "Sertifikatet til {signer} gjelder først fra {valid_from}. Signer på nytt med et "
        "gyldig sertifikat.",
    Code.SIGNATURE_KEY_USAGE:
        "Sertifikatet til {signer} kan ikke brukes til å signere. Signer med et sertifikat for "
        "signering (for eksempel BankID).",
    Code.SIGNATURE_WEAK_DIGEST:
        "Signaturen eller sertifikatet bruker den svake algoritmen {algorithm}, som ikke "
        "godtas. Signer på nytt med et nyere sertifikat eller program.",
    Code.SIGNATURE_REVOKED:
        "Sertifikatet til {signer} er trukket tilbake ({revoked_on}), ifølge opplysningene i "
        "filen. Signer på nytt med et gyldig sertifikat.",
    Code.SIGNATURE_WRONG_SIGNER:
        "Signaturen er laget med sertifikatet til {found}, men det er {expected} som er "
        "signatar. Signaturen må være signatarens egen; en stedfortreder med fullmakt kan "
        "godtas av organisatorens koordinator.",
    Code.SIGNATURE_OTHER_CERTIFICATE:
        "{expected} har tidligere signert med et annet sertifikat ({remembered}) enn dette "
        "({found}). Organisatorens koordinator kan godta det nye sertifikatet.",
    Code.SIGNATURE_CERTIFICATE_REUSED:
        "Sertifikatet til {found} er allerede brukt til signaturen til {other} på denne "
        "avtalen. Ett sertifikat kan ikke signere for to parter.",
}
