"""What the portal says in bokmål when the domain refuses (its errors are English one-liners
for operators): the refusals a person can run into in the portal, each mapped to a sentence,
and a general sentence for the rest. Never a traceback, never the English text."""

from __future__ import annotations

import re

from agreements.access.limits import RateLimited
from agreements.access.tokens import InvalidLink
from agreements.errors import (
    AvtaleflytError,
    ExternalServiceError,
    GateClosed,
    IllegalTransition,
    InvalidInput,
    MissingSignatory,
    NotFound,
    Refused,
)

GENERAL = ("Det gikk ikke å gjøre dette nå. Prøv igjen, eller ta kontakt med organisator "
           "hvis det fortsatt ikke går.")

# (error type, pattern in the English message, bokmål); the first that matches wins.
KNOWN: list[tuple[type[AvtaleflytError], str, str]] = [
    (RateLimited, "", "Det er bedt om mange innloggingslenker på kort tid. Vent en time og "
                      "prøv igjen."),
    (InvalidLink, "used already", "Lenken er allerede brukt. Be om en ny innloggingslenke."),
    (InvalidLink, "expired", "Lenken er utløpt (den virker i 30 minutter). Be om en ny."),
    (InvalidLink, "", "Lenken er ikke gyldig. Be om en ny innloggingslenke."),
    (GateClosed, "", "Virksomheten kan ikke settes i drift før alle vilkårene under er "
                     "oppfylt."),
    (MissingSignatory, "", "Avtalen kan ikke sendes: en av partene mangler signatar. Legg "
                           "til en signatar under Kontakter."),
    (InvalidInput, "is not a PDF", "Den signerte kopien må være en PDF-fil."),
    (InvalidInput, "is not a whole PDF", "Den signerte kopien er ikke en hel PDF-fil. Last den "
                                         "opp på nytt."),
    (InvalidInput, "AVTALEFLYT_SIGNING_TRUST_ROOTS is not set",
     "Signerte kopier kan ikke kontrolleres ennå: det er ikke satt opp hvilke sertifikater som "
     "godtas. Ta kontakt med organisator."),
    (InvalidInput, "signed copy refused: .*cannot be read",
     "Filen kunne ikke leses som PDF. Last opp avtalen som PDF-fil."),
    (InvalidInput, "signed copy refused: .*carries no signature",
     "Kopien har ingen digital signatur. Signer avtalen digitalt (for eksempel med BankID) og "
     "last den opp igjen. En skannet papirkopi registreres av organisatorens koordinator."),
    (InvalidInput, "signed copy refused: .*trusted root",
     "Signaturen er laget med et sertifikat som ikke godtas. Bruk BankID eller et "
     "virksomhetssertifikat fra en godkjent utsteder."),
    (InvalidInput, "signed copy refused: .*(changes the sent document|expected text)",
     "Kopien er ikke avtalen slik den ble sendt. Signer PDF-en dere fikk tilsendt, uten å "
     "endre den, og last den opp igjen."),
    (InvalidInput, "signed copy refused",
     "Den signerte kopien ble ikke godtatt: signaturen kunne ikke kontrolleres (den er brutt "
     "eller dekker ikke hele filen). Signer avtalen på nytt og last den opp igjen."),
    (InvalidInput, "is empty", "Filen er tom."),
    (InvalidInput, "bytes; the limit is", "Filen er for stor. Største tillatte størrelse er "
                                          "20 MB."),
    (InvalidInput, "characters( long)?; the limit is", "Teksten er for lang."),
    (InvalidInput, r"^document_types\.\d+: .*at most", "En dokumenttype kan ha høyst 300 tegn."),
    (InvalidInput, r"^document_types: .*at most", "Skriv høyst 50 dokumenttyper."),
    (InvalidInput, "contains @, < or >", "Et navn kan ikke inneholde @, < eller >. Skriv "
                                         "e-postadressen i feltet for e-post."),
    (InvalidInput, "control character", "Teksten inneholder et tegn som ikke kan brukes "
                                        "(linjeskift, tabulator eller et usynlig tegn)."),
    (InvalidInput, "--by alone is not enough", "Dette punktet trenger et dokument eller en "
                                               "lenke som dokumentasjon; navnet på den som "
                                               "bekrefter er ikke nok."),
    (InvalidInput, "invalid e-mail", "E-postadressen er ikke gyldig."),
    (InvalidInput, "sending back needs a reason", "Skriv en begrunnelse for å sende tilbake."),
    (InvalidInput, "is not staged here|is damaged", "Filen kom ikke fram. Last den opp igjen."),
    (InvalidInput, "lies in the future", "Tidspunktet kan ikke ligge fram i tid."),
    (IllegalTransition, "signs after", "Avtalen signeres i rekkefølge: virksomheten først, "
                                       "deretter organisator."),
    (IllegalTransition, "has already signed", "Denne signaturen er allerede registrert."),
    (IllegalTransition, "it cannot be signed", "Avtalen er ikke ute til signering."),
    (IllegalTransition, "has no pending request", "Signataren er ikke bedt om å signere."),
    (IllegalTransition, "checklist item .* is done", "Punktet er allerede utført."),
    (IllegalTransition, "cannot become withdrawn", "Avtalen kan ikke trekkes tilbake nå."),
    (IllegalTransition, "cannot become sent", "Avtalen er allerede sendt."),
    (IllegalTransition, "NHN order is", "Bestillingen hos Norsk helsenett er allerede "
                                        "besvart."),
    (IllegalTransition, "bruksvilkår is", "Bruksvilkårene er allerede registrert slik."),
    (Refused, "nothing to review", "Punktet er ikke utført, så det er ingenting å gå "
                                   "gjennom."),
    (Refused, "cannot order from NHN as kilde yet", "Dere kan bestille fra Norsk helsenett "
                                                    "når samarbeidsavtalen er signert av "
                                                    "begge parter."),
    (Refused, "has no HER-id", "Bestillingen trenger virksomhetens HER-id. Fyll inn HER-id og "
                               "lagre, eller kryss av for å bestille uten HER-id."),
    (Refused, "has not reached NHN yet", "Bestillingen er ikke kommet fram til Norsk "
                                         "helsenett ennå. Prøv igjen om litt."),
    (Refused, "already live", "Virksomheten er allerede i drift."),
    (Refused, "changed .*; try again|changed meanwhile", "Noen andre endret dette samtidig. "
                                                         "Last siden på nytt og prøv igjen."),
    (Refused, "is asked to sign agreement", "Personen er bedt om å signere avtalen som er ute "
                                            "nå. Organisatoren må trekke avtalen tilbake før "
                                            "personen kan fjernes."),
    (NotFound, "nothing has been ordered", "Ingenting er bestilt fra Norsk helsenett ennå."),
    (NotFound, "not a signer", "Personen er ikke signatar for denne avtalen."),
    (NotFound, "", "Fant ikke det du ba om."),
    (ExternalServiceError, "", "En tjeneste vi er avhengige av svarer ikke nå. Prøv igjen "
                               "senere."),
    (IllegalTransition, "", "Det passer ikke med hvor saken står nå. Last siden på nytt."),
]


def bokmal(error: AvtaleflytError) -> str:
    """The bokmål sentence for a domain error (GENERAL when none is known)."""
    text = str(error)
    for kind, pattern, said in KNOWN:
        if isinstance(error, kind) and re.search(pattern, text):
            return said
    return GENERAL


STATUS_PAGES = {
    400: ("Noe var galt med forespørselen", "Gå tilbake og prøv igjen."),
    403: ("Skjemaet er utløpt", "Siden var åpen for lenge, eller du er logget ut. Last siden "
                                "på nytt og prøv igjen."),
    404: ("Fant ikke siden", "Siden finnes ikke, eller du har ikke tilgang til den."),
    405: ("Fant ikke siden", "Siden finnes ikke, eller du har ikke tilgang til den."),
    413: ("Filen er for stor", "Største tillatte størrelse er 20 MB. Gå tilbake og velg en "
                               "mindre fil."),
    500: ("Noe gikk galt hos oss", "Feilen er logget. Prøv igjen om litt."),
}
