"""The e-mails about the end of an agreement's term, in Norwegian bokmål. Pure: values in,
(subject, body) out, like `agreements.messages`.

The organisation's people hear it from the organiser (`fra`); the organiser's coordinators
and Norsk helsenett from avtaleflyt, never signed with the coordinator's own name.
"""

from __future__ import annotations

from agreements.messages import SIGN_OFF, Avsender, hilsen

_DECIDES = ("Det er {organisator} som avgjør om delingen av journaldokumenter skal stanses "
            "eller fortsette til en ny avtale er signert. avtaleflyt endrer ingenting hos "
            "Norsk helsenett av seg selv.")


def expired_to_organisation(*, navn: str, nummer: str, virksomhet: str, organisator: str,
                            utlopt: str, fornyelse: str | None,
                            fra: Avsender | None) -> tuple[str, str]:
    """To the organisation's signatory and PJD lead; `fornyelse`: the renewal still out for
    signing, if any."""
    subject = f"Samarbeidsavtale {nummer} er utløpt"
    renewal = (f"Den fornyede avtalen ({fornyelse}) kan fortsatt signeres; den gjelder fra "
               "dagen den er signert av begge parter. " if fornyelse else
               f"En ny avtale må lages og signeres; {organisator} sender den til signering. ")
    body = (f"Hei {navn},\n\nSamarbeidsavtale {nummer} mellom {virksomhet} og {organisator} om "
            f"Pasientens journaldokumenter gjaldt til og med {utlopt}. Den ble ikke fornyet i "
            f"tide og er nå utløpt. I avtaleflyt står {virksomhet} derfor ikke lenger som «I "
            f"drift», men som «Avtale utløpt».\n\n{renewal}"
            + _DECIDES.format(organisator=organisator) + hilsen(fra))
    return subject, body


def expired_to_organiser(*, navn: str, nummer: str, virksomhet: str, utlopt: str,
                         fornyelse: str | None, lenke: str) -> tuple[str, str]:
    """To the organiser's coordinators, signed by avtaleflyt."""
    subject = f"Avtalen med {virksomhet} er utløpt ({nummer})"
    renewal = (f"Den fornyede avtalen ({fornyelse}) er ikke signert av begge parter ennå; "
               "når den er det, gjelder den fra signeringsdagen. " if fornyelse else
               "Ingen fornyet avtale er til signering. ")
    body = (f"Hei {navn},\n\nSamarbeidsavtale {nummer} med {virksomhet} gjaldt til og med "
            f"{utlopt} og er nå registrert som utløpt. {virksomhet} står som «Avtale utløpt» "
            f"i avtaleflyt, ikke lenger som «I drift».\n\n{renewal}Dere avgjør om delingen av "
            "journaldokumenter skal stanses eller fortsette til en ny avtale er signert, og "
            "gir i så fall beskjed til Norsk helsenett; avtaleflyt endrer ingenting hos Norsk "
            f"helsenett av seg selv. Avtalen og virksomheten finner du her: {lenke}{SIGN_OFF}")
    return subject, body


def ended_to_nhn(*, nummer: str, virksomhet: str, orgnr: str, organisator: str, dato: str,
                 hvordan: str) -> tuple[str, str]:
    """To Norsk helsenett, for its information: `hvordan` says how it ended (utløpt uten å
    bli fornyet / sagt opp)."""
    subject = f"Til orientering: samarbeidsavtale for {virksomhet} ({orgnr}) er {hvordan}"
    body = (f"Hei,\n\nSamarbeidsavtalen mellom {virksomhet} (org.nr. {orgnr}) og {organisator} "
            f"om Pasientens journaldokumenter er {hvordan} fra {dato} (avtale {nummer}).\n\n"
            f"Dette er en melding til orientering. {organisator} avgjør om virksomhetens "
            "deling av journaldokumenter skal stanses, og tar i så fall kontakt med dere."
            f"{SIGN_OFF}")
    return subject, body


def terminated(*, navn: str, nummer: str, virksomhet: str, organisator: str, dato: str,
               grunn: str, organiser_side: bool, fra: Avsender | None) -> tuple[str, str]:
    """To both parties: the agreement is terminated from `dato`, and why."""
    subject = f"Samarbeidsavtale {nummer} er sagt opp"
    after = ("Dere avgjør om delingen av journaldokumenter skal stanses, og gir i så fall "
             "beskjed til Norsk helsenett; avtaleflyt endrer ingenting hos Norsk helsenett av "
             "seg selv." if organiser_side else _DECIDES.format(organisator=organisator))
    body = (f"Hei {navn},\n\nSamarbeidsavtale {nummer} mellom {virksomhet} og {organisator} om "
            f"Pasientens journaldokumenter er sagt opp og gjelder ikke fra {dato}. Begrunnelse: "
            f"{grunn}\n\nAvtalen fornyes ikke. I avtaleflyt står {virksomhet} ikke lenger som "
            f"«I drift».\n\n{after}" + (SIGN_OFF if organiser_side else hilsen(fra)))
    return subject, body


def renewal_note(*, forrige: str, utloper: str, utlopt: bool) -> str:
    """What every message about a renewal says first: that it is one, and when the agreement
    it renews expires (or expired)."""
    when = f"utløp {utloper}" if utlopt else f"gjelder til og med {utloper}"
    return (f"Dette er en fornyelse av samarbeidsavtale {forrige}, som {when}. Den fornyede "
            "avtalen gjelder fra dagen etter at den forrige utløper, eller fra dagen den er "
            "signert av begge parter hvis den forrige alt er utløpt.")


def as_renewal(subject_body: tuple[str, str], note: str | None) -> tuple[str, str]:
    """A message about an agreement, said to be about a renewal (`note`) when it is one: the
    subject says «fornyelse», the note comes after the greeting."""
    if note is None:
        return subject_body
    subject, body = subject_body
    greeting, _, rest = body.partition("\n\n")
    return f"{subject} – fornyelse", f"{greeting}\n\n{note}\n\n{rest}"


def expiry_warning(*, navn: str, nummer: str, utloper: str, dager: int, organisator: str,
                   fornyelse: str, fra: Avsender | None) -> tuple[str, str]:
    """`dager` is the real number of days left; `fornyelse` where the renewal stands
    (`renewal_state`)."""
    left = f"{dager} dag" + ("er" if dager != 1 else "")
    subject = f"Avtale {nummer} utløper om {left}"
    body = (f"Hei {navn},\n\nSamarbeidsavtale {nummer} om Pasientens journaldokumenter gjelder "
            f"til og med {utloper}, om {left}.\n\n{fornyelse}{hilsen(fra)}")
    return subject, body


def renewal_state(*, organisator: str, nummer: str | None, status: str | None,
                  fra_dato: str | None, utkast_dato: str | None) -> str:
    """Where the renewal stands, said as what is still to be done: `status` of the renewal
    (`nummer`), None when none is made yet (made automatically `utkast_dato`, if later)."""
    if status is None:
        when = f" {utkast_dato}" if utkast_dato else ""
        return (f"Et utkast til fornyet avtale lages automatisk{when}. Fornyelsen skjer ikke av "
                f"seg selv: {organisator} må sende utkastet til signering, og begge parter må "
                "signere det før avtalen utløper.")
    if status == "draft":
        return (f"Utkastet til fornyet avtale ({nummer}) er laget, men ikke sendt til "
                f"signering. {organisator} må sende det, og begge parter må signere det før "
                "avtalen utløper.")
    if status in ("sent", "partially_signed"):
        return (f"Den fornyede avtalen ({nummer}) er sendt til signering og venter på "
                "signaturer. Begge parter må signere den før avtalen utløper.")
    if status in ("signed", "active"):
        return (f"Den fornyede avtalen ({nummer}) er signert av begge parter og gjelder fra "
                f"{fra_dato}. Dere trenger ikke gjøre noe mer.")
    ended = {"withdrawn": "trukket tilbake", "declined": "avslått", "lapsed": "falt bort"}
    return (f"Utkastet til fornyet avtale ({nummer}) ble {ended.get(status, status)}, og "
            f"avtaleflyt lager ikke et nytt av seg selv. Skal avtalen fornyes, må {organisator} "
            "be om et nytt utkast og sende det til signering før avtalen utløper.")
