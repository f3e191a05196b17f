"""The portal's bokmål for the readiness codes: what to do, for the people who use it."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.ITEM_UNKNOWN: "Sjekklisten har ikke noe punkt som heter {item}.",
    Code.TYPES_NOT_HERE: "Dokumenttyper registreres under {types_item}, ikke under {title}.",
    Code.TYPES_NEED_EVIDENCE:
        "{title}: last opp vurderingen (eller gi en lenke til den) og skriv hver dokumenttype "
        "dere valgte.",
    Code.TYPE_WITHOUT_NAME:
        "En dokumenttype mangler navn. Skriv navnet først, for eksempel «Epikriser: fra sykehjem».",
    Code.EVIDENCE_OR_BY:
        "{title}: last opp et dokument, gi en lenke, eller skriv hvem som bekrefter at det er "
        "gjort.",
    Code.EVIDENCE_NEEDED:
        "Dette punktet trenger et dokument eller en lenke som dokumentasjon; navnet på den som "
        "bekrefter er ikke nok.",
    Code.WAIVE_NEEDS_REASON: "Skriv en begrunnelse for å frafalle punktet.",
    Code.ITEM_MANDATORY: "{title} må være på plass før oppstart. Bare organisators koordinator "
                         "kan frafalle punktet, med en begrunnelse.",
    Code.WAIVER_NOT_COORDINATOR: "{by} er ikke koordinator hos {organiser}. Bare organisators "
                                 "koordinator kan frafalle {title}.",
    Code.NO_ORGANISER_TO_WAIVE: "{title} må være på plass før oppstart. En konsument har ingen "
                                "organisator som kan frafalle punktet.",
    Code.EVIDENCE_REUSED: "{title}: Filen er allerede dokumentasjonen for {other}. Hvert punkt "
                          "trenger sin egen dokumentasjon; last opp den som gjelder dette "
                          "punktet, eller be organisators koordinator godta den samme filen.",
    Code.SHARED_EVIDENCE_BY_COORDINATOR: "Bare organisators koordinator kan godta at én fil er "
                                         "dokumentasjonen for to punkter.",
    Code.ITEM_NOT_CLOSED:
        "Punktet er verken utført eller frafalt, så det er ingenting å åpne igjen.",
    Code.NOTHING_TO_REVIEW: "Punktet er ikke utført, så det er ingenting å gå gjennom.",
    Code.SEND_BACK_NEEDS_REASON: "Skriv en begrunnelse for å sende tilbake.",
    Code.EVIDENCE_LINK_INVALID: "Lenken må begynne med https:// (eller http://) og ha en adresse.",
    Code.PARTICIPATION_NOT_FOUND: "Fant ikke deltakelsen.",
    Code.ALREADY_LIVE: "Virksomheten er allerede i drift (fra {since}).",
    Code.NHN_EMAIL_MISSING:
        "Bestillinger til Norsk helsenett kan ikke sendes ennå: adressen NHN har oppgitt for "
        "bestillinger er ikke lagt inn. Ta kontakt med den som drifter avtaleflyt.",
    Code.TERMS_BEFORE_CONFIRMED:
        "Bruksvilkårene kan registreres som signert først når NHN har bekreftet bestillingen "
        "(bestillingen er {status}).",
    Code.GATES_OPEN:
        "Virksomheten kan ikke settes i drift før alle vilkårene er oppfylt. Dette gjenstår: "
        "{gates}.",
    Code.NO_HER_ID:
        "Bestillingen trenger virksomhetens HER-id. Fyll inn HER-id og lagre, eller kryss av for "
        "å bestille uten HER-id.",
    Code.ORDER_AFTER_AGREEMENT:
        "Dere kan bestille fra Norsk helsenett når samarbeidsavtalen er signert av begge parter "
        "(den er nå {status}).",
    Code.ORDER_BEFORE_ANY_AGREEMENT:
        "Dere kan bestille fra Norsk helsenett når samarbeidsavtalen er signert av begge parter. "
        "Avtalen er ikke laget ennå.",
    Code.NHN_CHANNEL_INCOMPLETE:
        "Bestillinger til Norsk helsenett er ikke satt opp ferdig. Ta kontakt med den som drifter "
        "avtaleflyt.",
    Code.ORDER_CHANGED:
        "Noen andre endret bestillingen samtidig. Last siden på nytt og prøv igjen.",
    Code.ANSWER_NEEDS_TEXT:
        "Skriv referansen fra Norsk helsenett (bekreftet) eller grunnen (avvist).",
    Code.ORDER_NOT_AT_NHN:
        "Bestillingen er ikke kommet fram til Norsk helsenett ennå. Prøv igjen om litt.",
    Code.NOTHING_ORDERED: "Ingenting er bestilt fra Norsk helsenett ennå.",
    Code.NHN_SECRET_MISSING:
        "Bestillingen kan ikke sendes til Norsk helsenett ennå. Ta kontakt med den som drifter "
        "avtaleflyt.",
    Code.NHN_TIMEOUT: "Norsk helsenett svarte ikke i tide. Bestillingen prøves på nytt.",
    Code.NHN_UNREACHABLE:
        "Vi får ikke kontakt med Norsk helsenett nå. Bestillingen prøves på nytt.",
    Code.NHN_FAILED: "Norsk helsenett har en feil akkurat nå. Bestillingen prøves på nytt.",
    Code.NHN_REFUSED: "Norsk helsenett avviste bestillingen. Ta kontakt med organisator.",
}
