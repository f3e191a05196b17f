"""The Prefect UI's bokmål for the contracts codes: the run form's fields, never flags."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.AGREEMENT_NOT_FOUND: "Avtale nr. {agreement} finnes ikke. Sjekk «Avtale».",
    Code.ONLY_KILDE_SIGNS:
        "{organisation} deltar som {role}: bare en kilde signerer samarbeidsavtale med "
        "organisator; en konsument bestiller direkte fra NHN.",
    Code.NO_AREA: "Deltakelse {participation} hører ikke til noe samarbeidsområde.",
    Code.NO_SIGNATORY:
        "Avtale nr. {agreement} kan ikke sendes: {sides} mangler signatar. Legg til en (flyten "
        "save-contact med «Kontaktens rolle» signatory).",
    Code.OPEN_PASSAGES:
        "Avtale nr. {agreement} er et utkast og kan ikke sendes til signering: malen har punkter "
        "som ennå ikke er avklart av partenes jurister ({sections}). Legg organisatorens "
        "avklarte mal i dens egen malmappe, og kjør flyten send-agreement på nytt.",
    Code.SENT_BY_ANOTHER_RUN: "Avtale nr. {agreement} blir sendt av en annen kjøring akkurat nå.",
    Code.NOT_SENT_AGAIN: "Avtale nr. {agreement} er {status}, så den kan ikke sendes på nytt.",
    Code.NO_PDF_FOR_ESIGNING:
        "Avtale nr. {agreement} har ingen PDF, og Posten signering trenger en: LibreOffice "
        "manglet da den ble laget. Trekk den tilbake og lag den på nytt der LibreOffice er "
        "installert.",
    Code.JOB_MAY_EXIST:
        "Signeringsoppdraget for avtale nr. {agreement} kan allerede finnes i Posten signering "
        "(en tidligere forespørsel ble avbrutt); det registreres når Posten melder fra. Vil du "
        "ikke vente: trekk avtalen tilbake og send en ny.",
    Code.REASON_NEEDED: "Fyll inn «Begrunnelse».",
    Code.TERMINATION_NOT_YET:
        "Avtale nr. {agreement} kan ikke sies opp fra {day}, som ikke har kommet ennå. Kjør "
        "oppsigelsen den dagen, eller la «Opphører fra» stå tom.",
    Code.TERMINATION_BEFORE_START:
        "Avtale nr. {agreement} gjelder fra {start}. Sett «Opphører fra» til {start} eller "
        "senere.",
    Code.NOTHING_TO_RENEW:
        "{organisation} har ingen gjeldende avtale som kan fornyes. Sjekk organisasjonsnummeret.",
    Code.NOT_ASKED_TO_SIGN: "{name} er ikke bedt om å signere avtale nr. {agreement} nå.",
    Code.NOT_A_SIGNER:
        "{email} skal ikke signere avtale nr. {agreement}. Signatarene er: {signers}. Sjekk "
        "«Signatar».",
    Code.NOT_A_SIGNER_UNSENT:
        "Avtale nr. {agreement} er ikke sendt til signering ennå, så ingen skal signere den.",
    Code.NOT_SIGNABLE: "Avtale nr. {agreement} er {status}, så den kan ikke signeres.",
    Code.ALREADY_SIGNED: "{name} har allerede signert avtale nr. {agreement}.",
    Code.SIGNS_AFTER:
        "{party} signerer etter {first}, som ikke har signert avtale nr. {agreement} ennå.",
    Code.SIGNED_BEFORE_ASKED: "«Signeringstidspunkt» er før {name} ble bedt om å signere "
        "({asked}).",
    Code.SIGNED_IN_FUTURE: "«Signeringstidspunkt» kan ikke ligge fram i tid.",
    Code.SIGNED_IN_SERVICE:
        "Avtale nr. {agreement} signeres i Posten signering: signaturene registreres av flyten "
        "poll-signatures, ikke for hånd (trekk avtalen tilbake for å stoppe signeringen).",
    Code.CHANGED_WHILE_SIGNING:
        "Avtale nr. {agreement} ble endret mens signaturen ble registrert. Kjør på nytt.",
    Code.TRUST_ROOTS_MISSING:
        "Signerte kopier kan ikke kontrolleres: AVTALEFLYT_SIGNING_TRUST_ROOTS er ikke satt. En "
        "papirsignatur registreres med «Signert på papir: hvorfor den godtas uverifisert».",
    Code.COPY_NOT_PDF:
        "Den signerte kopien må være en PDF-fil (denne ser ut som en {kind}-fil).",
    Code.COPY_NOT_WHOLE:
        "Den signerte kopien er ikke en hel PDF (den er kanskje kuttet av). Last den opp på nytt.",
    Code.COPY_UNREADABLE: "Den signerte kopien ble ikke godtatt: filen kan ikke leses som PDF.",
    Code.COPY_UNSIGNED:
        "Den signerte kopien ble ikke godtatt: den har ingen digital signatur. En skannet "
        "papirkopi registreres med «Signert på papir: hvorfor den godtas uverifisert».",
    Code.UNVERIFIED_NEEDS_REASON: "Fyll inn «Signert på papir: hvorfor den godtas uverifisert».",
    Code.COPY_NOT_PDF_UNKNOWN: "Den signerte kopien må være en PDF-fil.",
}
