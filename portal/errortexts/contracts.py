"""The portal's bokmål for the contracts codes: what to do, for the people who use it."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.AGREEMENT_NOT_FOUND: "Fant ikke avtalen.",
    Code.ONLY_KILDE_SIGNS:
        "{organisation} deltar som {role}. Bare en kilde signerer samarbeidsavtale med "
        "organisator; en konsument bestiller direkte fra Norsk helsenett.",
    Code.NO_AREA: "Virksomheten hører ikke til noe samarbeidsområde ennå.",
    Code.NO_SIGNATORY:
        "Avtalen kan ikke sendes: {sides} mangler signatar. Legg til en signatar under Kontakter.",
    Code.OPEN_PASSAGES:
        "Avtalen er et utkast og kan ikke sendes til signering: malen har punkter som ennå "
        "ikke er avklart av partenes jurister ({sections}). Be organisatoren legge inn en "
        "avklart mal, og send avtalen på nytt.",
    Code.SENT_BY_ANOTHER_RUN: "Avtalen blir sendt akkurat nå. Last siden på nytt om litt.",
    Code.NOT_SENT_AGAIN: "Avtalen er allerede {status} og kan ikke sendes på nytt.",
    Code.NO_PDF_FOR_ESIGNING:
        "Avtalen har ingen PDF og kan ikke signeres elektronisk. Ta kontakt med organisator.",
    Code.JOB_MAY_EXIST:
        "Avtalen kan allerede være sendt til Posten signering. Den registreres når Posten melder "
        "fra. Ta kontakt med organisator om det haster.",
    Code.REASON_NEEDED: "Skriv en begrunnelse.",
    Code.TERMINATION_NOT_YET:
        "Avtalen kan ikke sies opp fra {day}, som ikke har kommet ennå. Registrer oppsigelsen "
        "den dagen.",
    Code.TERMINATION_BEFORE_START:
        "Avtalen gjelder fra {start}. Velg en dato for oppsigelsen som ikke er før den.",
    Code.NOTHING_TO_RENEW: "{organisation} har ingen gjeldende avtale som kan fornyes.",
    Code.NOT_ASKED_TO_SIGN: "{name} er ikke bedt om å signere avtalen nå.",
    Code.NOT_A_SIGNER: "Personen er ikke signatar for denne avtalen.",
    Code.NOT_A_SIGNER_UNSENT: "Avtalen er ikke sendt til signering ennå.",
    Code.NOT_SIGNABLE: "Avtalen er ikke ute til signering (den er {status}).",
    Code.ALREADY_SIGNED: "Denne signaturen er allerede registrert.",
    Code.SIGNS_AFTER: "Avtalen signeres i rekkefølge: {first} signerer først, deretter {party}.",
    Code.SIGNED_BEFORE_ASKED:
        "Tidspunktet for signeringen er før {name} ble bedt om å signere ({asked}).",
    Code.SIGNED_IN_FUTURE: "Tidspunktet kan ikke ligge fram i tid.",
    Code.SIGNED_IN_SERVICE:
        "Avtalen signeres i Posten signering. Signaturene registreres derfra, ikke her.",
    Code.CHANGED_WHILE_SIGNING:
        "Noen andre endret avtalen samtidig. Last siden på nytt og prøv igjen.",
    Code.TRUST_ROOTS_MISSING:
        "Signerte kopier kan ikke kontrolleres ennå: det er ikke satt opp hvilke sertifikater som "
        "godtas. Ta kontakt med organisator.",
    Code.COPY_NOT_PDF:
        "Den signerte kopien må være en PDF-fil (denne ser ut som en {kind}-fil).",
    Code.COPY_NOT_WHOLE: "Den signerte kopien er ikke en hel PDF-fil. Last den opp på nytt.",
    Code.COPY_UNREADABLE: "Filen kunne ikke leses som PDF. Last opp avtalen som PDF-fil.",
    Code.COPY_UNSIGNED:
        "Kopien har ingen digital signatur. Signer avtalen digitalt (for eksempel med BankID) og "
        "last den opp igjen. En skannet papirkopi registreres av organisatorens koordinator.",
    Code.UNVERIFIED_NEEDS_REASON: "Skriv hvorfor papirsignaturen godtas.",
    Code.COPY_NOT_PDF_UNKNOWN: "Den signerte kopien må være en PDF-fil.",
}
