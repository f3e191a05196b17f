"""The Prefect UI's bokmål for the readiness codes: the run form's fields, never flags."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.ITEM_UNKNOWN:
        "Sjekklisten har ikke punktet «{item}». Velg ett av disse i «Sjekklistepunkt»: {items}.",
    Code.TYPES_NOT_HERE:
        "{title} tar ikke dokumenttyper: de hører til punktet {types_item}. Tøm «Dokumenttyper».",
    Code.TYPES_NEED_EVIDENCE:
        "{title}: fyll inn vurderingen («Lenke til dokumentasjonen» eller «Dokumentasjon "
        "(fil)») og hver "
        "dokumenttype den valgte («Dokumenttyper»).",
    Code.TYPE_WITHOUT_NAME:
        "Dokumenttypen «{value}» mangler navn: skriv navnet først, for eksempel «Epikriser: fra "
        "sykehjem».",
    Code.EVIDENCE_OR_BY:
        "{title}: fyll inn «Lenke til dokumentasjonen» eller «Dokumentasjon (fil)», eller "
        "«Utført av» (hvem som "
        "bekrefter det).",
    Code.EVIDENCE_NEEDED:
        "{title} trenger dokumentasjon: fyll inn «Dokumentasjon (fil)» eller «Lenke til "
        "dokumentasjonen»; «Utført av» "
        "alene er ikke nok.",
    Code.WAIVE_NEEDS_REASON: "Å frafalle et punkt krever en begrunnelse: fyll inn «Begrunnelse».",
    Code.ITEM_MANDATORY:
        "{title} er obligatorisk før oppstart: bare organisators koordinator kan frafalle det. "
        "Skriv koordinatorens e-postadresse i «Besluttet av» og begrunnelsen.",
    Code.WAIVER_NOT_COORDINATOR:
        "{by} er ikke koordinator hos {organiser}: bare organisators koordinator kan frafalle "
        "{title}. Rett «Besluttet av».",
    Code.NO_ORGANISER_TO_WAIVE:
        "{title} er obligatorisk, og en konsument har ingen organisator som kan frafalle det.",
    Code.EVIDENCE_REUSED:
        "{title}: filen er allerede dokumentasjonen for {other}. Velg punktets egen fil, eller "
        "la organisators koordinator skrive en begrunnelse i «Samme dokumentasjon som et annet "
        "punkt».",
    Code.SHARED_EVIDENCE_BY_COORDINATOR:
        "Bare organisators koordinator kan godta at én fil er dokumentasjonen for to punkter.",
    Code.ITEM_NOT_CLOSED:
        "Punktet «{item}» er verken utført eller frafalt, så det er ingenting å åpne igjen.",
    Code.NOTHING_TO_REVIEW: "Punktet «{item}» er ikke utført, så det er ingenting å gå gjennom.",
    Code.SEND_BACK_NEEDS_REASON: "Å sende tilbake krever en begrunnelse: fyll inn «Begrunnelse».",
    Code.EVIDENCE_LINK_INVALID: "«Lenke til dokumentasjonen» må være en http(s)-lenke med en "
        "adresse.",
    Code.PARTICIPATION_NOT_FOUND: "Deltakelse {participation} finnes ikke.",
    Code.ALREADY_LIVE: "{organisation} ({orgnr}) er allerede i drift som {role}, fra {since}.",
    Code.NHN_EMAIL_MISSING:
        "Bestillingen kan ikke sendes: ingen kanal til NHN er satt opp. Innstillingen "
        "AVTALEFLYT_NHN_EMAIL (adressen NHN har oppgitt for bestillinger) mangler.",
    Code.TERMS_BEFORE_CONFIRMED:
        "Bruksvilkårene kan registreres som signert først når NHN har bekreftet bestillingen "
        "(bestillingen er {status}). Kjør flyten for NHNs bekreftelse først.",
    Code.GATES_OPEN:
        "{organisation} ({orgnr}) kan ikke settes i drift som {role} ennå. Dette gjenstår: "
        "{gates}.",
    Code.NO_HER_ID:
        "{organisation} ({orgnr}) har ingen HER-id til bestillingen: registrer den (flyten "
        "update-organisation), eller kryss av for «Uten HER-id».",
    Code.ORDER_AFTER_AGREEMENT:
        "{organisation} kan ikke bestille fra NHN som kilde ennå: samarbeidsavtalen må signeres "
        "først (avtale nr. {agreement} er {status}).",
    Code.ORDER_BEFORE_ANY_AGREEMENT:
        "{organisation} kan ikke bestille fra NHN som kilde ennå: samarbeidsavtalen må signeres "
        "først, og den er ikke laget ennå.",
    Code.NHN_CHANNEL_INCOMPLETE:
        "Bestilling over HTTP er ikke satt opp ferdig: AVTALEFLYT_NHN_URL og "
        "AVTALEFLYT_NHN_SECRET mangler. Be den som drifter avtaleflyt sette dem.",
    Code.ORDER_CHANGED:
        "Bestillingen for {organisation} ble endret av noen andre samtidig. Kjør på nytt.",
    Code.ANSWER_NEEDS_TEXT: "Fyll inn «NHNs referanse» (bekreftet) eller «Begrunnelse» (avvist).",
    Code.ORDER_NOT_AT_NHN:
        "Bestillingen er ikke kommet fram til NHN ennå (den ligger klar i utboksen). Kjør på nytt "
        "når den er sendt.",
    Code.NOTHING_ORDERED: "Ingenting er bestilt fra NHN ennå: kjør flyten place-nhn-order først.",
    Code.NHN_SECRET_MISSING:
        "AVTALEFLYT_NHN_SECRET er ikke satt, så bestillingen sendes ikke (den sendes aldri "
        "usignert). Be den som drifter avtaleflyt sette den, og kjør så retry-outbox.",
    Code.NHN_TIMEOUT:
        "NHNs bestillingstjeneste svarte ikke i tide; bestillingen prøves på nytt med samme "
        "Idempotency-Key.",
    Code.NHN_UNREACHABLE:
        "Får ikke kontakt med NHNs bestillingstjeneste ({reason}). Bestillingen prøves på nytt.",
    Code.NHN_FAILED:
        "NHNs bestillingstjeneste svarte med en feil (HTTP {status}). Bestillingen prøves på nytt.",
    Code.NHN_REFUSED: "NHNs bestillingstjeneste avviste bestillingen: HTTP {status} {detail}",
}
