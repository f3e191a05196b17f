"""The Prefect UI's words for the domain's errors: bokmål for the coordinators who start runs
there, naming the run form's fields rather than command-line flags. Looked up by the error's
code, never by its message."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from agreements.core.calendar import norsk_dato
from agreements.errorcodes import Code, ErrorCode
from agreements.errors import AvtaleflytError

TEXTS: Mapping[ErrorCode, str] = {
    Code.LEGACY: "{text}",  # an English sentence from before the codes
    Code.NOT_ALLOWED: "{action} kan ikke kjøres av denne typen aktør ({actor}).",
    Code.OUT_OF_REACH: "{action} gjelder en virksomhet eller avtale du ikke har tilgang til.",
    Code.ROLE_NOT_YOURS: "Hos en organisator er det bare organisatorens koordinatorer som kan "
                         "gi eller ta fra noen rollen {role}.",
    Code.PAPER_SIGNATURE_BY_COORDINATOR: "Bare organisatorens koordinator kan registrere en "
                                         "signatur på papir.",
    Code.MARKUP_IN_NAME: "Navnet «{name}» inneholder < eller >: en virksomhets navn er ren "
                         "tekst.",
    Code.ONE_CSV_SOURCE: "Fyll inn enten stien til CSV-filen eller selve CSV-teksten, én av dem.",
    Code.ONBOARDING_INCOMPLETE: "{orgnr} er registrert, men ikke alt gikk gjennom: {outcome}",
    Code.FILE_MISSING: "Filen {path} finnes ikke på maskinen som kjører flyten.",
    Code.FILE_IS_FOLDER: "{path} er en mappe, ikke en fil.",
    Code.FILE_IS_LINK: "{path} er en symbolsk lenke: oppgi filen den peker på.",
    Code.FILE_IS_PIPE: "{path} er en navngitt rørledning (FIFO), ikke en fil.",
    Code.FILE_IS_DEVICE: "{path} er en enhet, ikke en fil.",
    Code.FILE_IS_SOCKET: "{path} er en socket, ikke en fil.",
    Code.FILE_UNREADABLE: "Filen {path} kan ikke leses: {reason}.",
    Code.FILE_EMPTY: "Filen {name} er tom.",
    Code.FILE_TOO_LARGE: "Filen {name} er {size} byte; grensen er {limit} byte.",
    Code.LINE_TOO_LONG: "Linje {line} i {name} er lengre enn {limit} tegn: er det en CSV-fil?",
    Code.TOO_MANY_ROWS: "{name} har mer enn {limit} rader: del den opp i flere filer.",
    Code.ZIP_BROKEN: "{name} er ikke en lesbar ZIP-fil (DOCX/XLSX).",
    Code.ZIP_TOO_MANY_MEMBERS: "{name} inneholder {members} filer; en DOCX/XLSX kan ha "
                               "{limit}.",
    Code.ZIP_TOO_LARGE_UNPACKED: "{name} blir {size} byte pakket ut; grensen er {limit}.",
    Code.ZIP_RATIO: "{name} blir {ratio} ganger større pakket ut; grensen er {limit} "
                    "(en ZIP-bombe?).",
    Code.EVIDENCE_TYPE: "Dokumentasjonen {name} er ikke PDF, DOCX, XLSX, PNG eller JPEG "
                        "(sjekket ut fra innholdet, ikke navnet).",
    Code.EVIDENCE_URL_CREDENTIALS: "Lenken til dokumentasjonen for {item} inneholder "
                                   "brukernavn eller passord: oppgi lenken uten dem.",
    Code.SETTING_URL_CREDENTIALS: "Innstillingen {variable} har brukernavn eller passord i "
                                  "adressen: slikt lagres aldri i en adresse.",
    Code.SETTING_NOT_A_HOST: "Innstillingen {variable}={value} er ikke et vertsnavn eller en "
                             "adresse.",
    Code.DATA_DIR_NOT_A_FOLDER: "Innstillingen AVTALEFLYT_DATA_DIR peker på {path}, som ikke "
                                "er en mappe.",
    Code.DAY_EMPTY: "Feltet {option} er tomt: skriv en dato som 2026-11-25, eller la feltet "
                    "stå tomt helt.",
    Code.DAY_OUTSIDE_CALENDAR: "{day} i feltet {option} er utenfor kalenderen avtaleflyt "
                               "bruker ({first} til {last}).",
    Code.DAY_ENDS_AGREEMENTS: "Å kjøre som {day} ville la {lapse} avtale(r) falle bort og "
                              "{expire} utløpe: kryss av for «force» for å kjøre likevel.",
    Code.SIGNED_COPY_NOT_PDF: "Den signerte kopien må være en PDF-fil.",
    Code.SIGNED_COPY_LOOKS_LIKE: "Den signerte kopien må være en PDF-fil (denne ser ut som en "
                                 "{kind}-fil).",
    Code.SIGNED_COPY_CUT_SHORT: "Den signerte kopien er ikke en hel PDF-fil. Last den opp på "
                                "nytt.",
    Code.SIGNED_COPY_UNREADABLE: "Filen kunne ikke leses som PDF. Last opp avtalen som PDF-fil.",
    Code.SIGNED_COPY_UNSIGNED: "Kopien har ingen digital signatur. Signer avtalen digitalt (for"
                               " eksempel med BankID) og last den opp igjen. En skannet "
                               "papirkopi registreres av organisatorens koordinator.",
    Code.SIGNED_COPY_NOT_SENT: "Kopien er ikke dokumentet som ble sendt til signering. Signer "
                               "PDF-en dere fikk tilsendt, uten å endre den, og last den opp "
                               "igjen.",
    Code.SIGNED_COPY_NOT_ON_PREVIOUS: "Kopien er ikke den som {previous} signerte. Signer filen"
                                      " som fulgte med e-posten om signering (den er allerede "
                                      "signert av {previous}), slik at alle signaturene står i "
                                      "samme dokument.",
    Code.SIGNED_COPY_WITHOUT_NUMBER: "Kopien er ikke avtalen som ble sendt: avtalenummeret "
                                     "{number} står ikke i den.",
    Code.SIGNED_COPY_NO_NEW_SIGNATURE: "Kopien har ingen ny signatur: det er den samme filen "
                                       "som allerede er registrert. Signer den selv og last den"
                                       " opp igjen.",
    Code.SIGNED_COPY_SEVERAL_NEW: "Kopien har {count} nye signaturer. Hver signatar skal legge "
                                  "til nøyaktig én signatur.",
    Code.SIGNED_COPY_CHANGED_CONTENT: "Kopien er endret: samtidig med signaturen ble innholdet "
                                      "i dokumentet endret. Signer avtalen slik den ble sendt, "
                                      "uten å endre noe.",
    Code.SIGNED_COPY_CHANGED_PAGES: "Kopien er endret: samtidig med signaturen ble det lagt til"
                                    " eller fjernet sider. Signer avtalen slik den ble sendt, "
                                    "uten å endre noe.",
    Code.SIGNED_COPY_CHANGED_ANNOTATIONS: "Kopien er endret: samtidig med signaturen ble det "
                                          "lagt til eller endret kommentarer eller merknader. "
                                          "Signer avtalen slik den ble sendt, uten å endre noe.",
    Code.SIGNED_COPY_CHANGED_SCRIPT: "Kopien er endret: samtidig med signaturen ble det lagt "
                                     "til JavaScript eller handlinger i dokumentet. Signer "
                                     "avtalen slik den ble sendt, uten å endre noe.",
    Code.SIGNED_COPY_CHANGED_ATTACHMENTS: "Kopien er endret: samtidig med signaturen ble det "
                                          "lagt ved filer i dokumentet. Signer avtalen slik den"
                                          " ble sendt, uten å endre noe.",
    Code.SIGNED_COPY_CHANGED_METADATA: "Kopien er endret: samtidig med signaturen ble "
                                       "dokumentets tittel, forfatter, emne eller stikkord "
                                       "endret. Signer avtalen slik den ble sendt, uten å endre"
                                       " noe.",
    Code.SIGNED_COPY_CHANGED_FORM: "Kopien er endret: samtidig med signaturen ble andre "
                                   "skjemafelt fylt ut eller endret. Signer avtalen slik den "
                                   "ble sendt, uten å endre noe.",
    Code.SIGNED_COPY_CHANGED_AFTER: "Kopien er endret etter at den ble signert. Last opp den "
                                    "signerte filen slik den var rett etter signeringen.",
    Code.SIGNED_COPY_NOT_WHOLE_FILE: "Signaturen dekker ikke hele filen: noe er lagt til etter "
                                     "signaturen. Last opp den signerte filen slik den var rett"
                                     " etter signeringen.",
    Code.SIGNATURE_BROKEN: "Signaturen er brutt: det som ble signert, er endret etterpå, eller "
                           "signaturen er ugyldig. Signer avtalen på nytt og last den opp "
                           "igjen.",
    Code.SIGNATURE_UNTRUSTED: "Signaturen er laget med et sertifikat som ikke godtas (det er "
                              "ikke utstedt av en godkjent utsteder). Bruk BankID eller et "
                              "sertifikat fra en godkjent utsteder.",
    Code.SIGNATURE_EXPIRED: "Sertifikatet til {signer} gikk ut {expired_on}. Signer på nytt med"
                            " et gyldig sertifikat.",
    Code.SIGNATURE_NOT_YET_VALID: "Sertifikatet til {signer} gjelder først fra {valid_from}. "
                                  "Signer på nytt med et gyldig sertifikat.",
    Code.SIGNATURE_KEY_USAGE: "Sertifikatet til {signer} kan ikke brukes til å signere. Signer "
                              "med et sertifikat for signering (for eksempel BankID).",
    Code.SIGNATURE_WEAK_DIGEST: "Signaturen eller sertifikatet bruker den svake algoritmen "
                                "{algorithm}, som ikke godtas. Signer på nytt med et nyere "
                                "sertifikat eller program.",
    Code.SIGNATURE_REVOKED: "Sertifikatet til {signer} er trukket tilbake ({revoked_on}), "
                            "ifølge opplysningene i filen. Signer på nytt med et gyldig "
                            "sertifikat.",
    Code.SIGNATURE_WRONG_SIGNER: "Signaturen er laget med sertifikatet til {found}, men det er "
                                 "{expected} som er signatar. Signaturen må være signatarens "
                                 "egen; en stedfortreder med fullmakt kan godtas av "
                                 "organisatorens koordinator.",
    Code.SIGNATURE_OTHER_CERTIFICATE: "{expected} har tidligere signert med et annet sertifikat"
                                      " ({remembered}) enn dette ({found}). Organisatorens "
                                      "koordinator kan godta det nye sertifikatet.",
    Code.SIGNATURE_CERTIFICATE_REUSED: "Sertifikatet til {found} er allerede brukt til "
                                       "signaturen til {other} på denne avtalen. Ett sertifikat"
                                       " kan ikke signere for to parter.",
    Code.SIGNING_TRUST_ROOTS_MISSING: "Signerte kopier kan ikke kontrolleres ennå: det er ikke "
                                      "satt opp hvilke sertifikater som godtas. Ta kontakt med "
                                      "organisator.",
    Code.SIGNING_PAPER_NEEDS_REASON: "Skriv hvorfor kopien er signert på papir.",
    Code.ACCEPT_SIGNER_BY_COORDINATOR: "Bare organisatorens koordinator kan godta et sertifikat "
                                       "som lyder på en annen enn signataren.",
    Code.AGREEMENT_NOT_FOUND: "Fant ikke avtalen.",
    Code.AGREEMENT_NOT_SIGNABLE: "Avtalen er ikke ute til signering.",
    Code.AGREEMENT_CHANGED_WHILE_SIGNING: "Noen andre endret avtalen samtidig. Last siden på "
                                          "nytt og prøv igjen.",
    Code.AGREEMENT_IN_SIGNING_SERVICE: "Avtalen signeres i Posten signering. Signaturene "
                                       "registreres derfra av seg selv; her er det ingenting å "
                                       "laste opp.",
    Code.SIGNER_UNKNOWN: "Personen er ikke signatar for denne avtalen.",
    Code.SIGNER_ALREADY_SIGNED: "Signaturen til {name} er allerede registrert.",
    Code.SIGNER_OUT_OF_TURN: "Avtalen signeres i rekkefølge: {first} signerer før {party}.",
    Code.SIGNED_BEFORE_ASKED: "Tidspunktet er før {name} ble bedt om å signere ({asked}).",
    Code.SIGNED_IN_FUTURE: "Tidspunktet kan ikke ligge fram i tid.",
    Code.UPLOAD_NOT_STAGED: "Filen {name} kom ikke fram. Last den opp igjen.",
    Code.UPLOAD_DAMAGED: "Filen {name} kom ikke fram uskadd. Last den opp igjen.",
    Code.SIGNING_SETTING_NOT_A_FILE: "Innstillingen {setting} peker på {path}, som ikke er en "
                                     "fil som kan leses.",
    Code.SIGNING_SETTING_NOT_PEM: "Innstillingen {setting} må peke på en PEM-fil med "
                                  "CA-sertifikater.",
    Code.SIGNING_SETTING_NEEDED: "Innstillingen {setting} må være satt når avtaler signeres i "
                                 "Posten signering.",
    Code.SIGNING_SETTING_NOT_HTTPS: "Innstillingen {setting} må være en https://-adresse.",
    Code.POSTEN_CERT_UNREADABLE: "Virksomhetssertifikatet ({path}) kan ikke leses.",
    Code.POSTEN_CERT_LOCKED: "Virksomhetssertifikatet kan ikke åpnes: feil passord, eller ikke "
                             "en PKCS#12-fil.",
    Code.POSTEN_CERT_INCOMPLETE: "Virksomhetssertifikatet må inneholde både privatnøkkel og "
                                 "sertifikat.",
    Code.POSTEN_CERT_KEY_TYPE: "Nøkkelen i virksomhetssertifikatet må være RSA eller EC.",
    Code.SIGNING_MANUAL_NO_JOBS: "Avtaler signeres nå ved at signert kopi lastes opp; det "
                                 "finnes ingen signeringsoppdrag i Posten signering.",
    Code.POSTEN_JOB_INVALID: "Signeringsoppdraget kan ikke lages: {detail}",
    Code.POSTEN_NO_SIGNED_DOCUMENT: "Posten signering har ikke noe signert dokument ennå.",
    Code.POSTEN_UNEXPECTED: "Posten signering svarte noe uventet. Prøv igjen senere.",
    Code.POSTEN_TIMEOUT: "Posten signering svarte ikke i tide. Prøv igjen senere.",
    Code.POSTEN_UNREACHABLE: "Posten signering svarer ikke nå. Prøv igjen senere.",
    Code.POSTEN_TLS_REFUSED: "Den sikre forbindelsen til Posten signering ble avvist "
                             "(sertifikatene stemmer ikke).",
    Code.POSTEN_URL_OUTSIDE: "Posten signering oppga en adresse utenfor tjenesten; den blir "
                             "ikke brukt.",
    Code.POSTEN_SERVER_UNCHECKED: "Det kan ikke kontrolleres at tjeneren er Posten signering.",
    Code.POSTEN_SERVER_NOT_POSTEN: "Tjeneren er ikke Posten signering: sertifikatet tilhører "
                                   "ikke organisasjonsnummer {orgnr}.",
    Code.POSTEN_REFUSED: "Posten signering avviste forespørselen ({detail}).",
    Code.POSTEN_CONFLICT: "Signeringsoppdraget i Posten signering er allerede avsluttet.",
    Code.POSTEN_TOO_EARLY: "Posten signering kan ikke spørres igjen før {when}.",
}


def show(value: Any) -> str:
    """A parameter as a run's message writes it: Norwegian dates, lists by commas."""
    if isinstance(value, date):
        return norsk_dato(value)
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(show(v) for v in value)
    return str(value)


def bokmal(error: AvtaleflytError) -> str:
    return error.words(TEXTS, show)
