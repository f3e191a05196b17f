"""The states in plain bokmål, as the portal and the reports show them to people."""

from __future__ import annotations

from agreements.readiness.gates import Gate

PHASE = {
    "preparing": "Forberedes",
    "awaiting signatures": "Venter på signaturer",
    "awaiting NHN": "Venter på Norsk helsenett",
    "ready": "Klar for oppstart",
    "live": "I drift",
    "agreement expired": "Avtale utløpt",
    "agreement terminated": "Avtale oppsagt",
}
PHASE_MEANS = {
    "preparing": "Dere forbereder innføringen: avtale, bestilling og sjekkliste er ikke "
                 "ferdige ennå.",
    "awaiting signatures": "Samarbeidsavtalen er sendt til signering og venter på signaturer.",
    "awaiting NHN": "Bestillingen er hos Norsk helsenett, eller bruksvilkårene venter på "
                    "signering.",
    "ready": "Alt som kreves før oppstart er på plass. Organisator kan nå sette dere i drift.",
    "live": "Dere deler journaldokumenter i Pasientens journaldokumenter.",
    "agreement expired": "Samarbeidsavtalen er utløpt, og ingen ny avtale er i kraft. "
                         "Organisator avgjør om delingen skal stanses til en ny avtale er "
                         "signert; dere står i drift igjen når den er det.",
    "agreement terminated": "Samarbeidsavtalen er sagt opp. Organisator avgjør hva som skjer "
                            "med delingen; en ny avtale må signeres før dere står i drift "
                            "igjen.",
}
AGREEMENT = {
    "draft": "utkast", "sent": "sendt til signering", "partially_signed": "delvis signert",
    "signed": "signert", "active": "gjeldende", "expired": "utløpt", "terminated": "oppsagt",
    "declined": "avslått", "withdrawn": "trukket tilbake", "lapsed": "falt bort",
    "superseded": "erstattet",
}
SIGNATURE = {"pending": "venter", "signed": "signert", "declined": "avslått",
             "lapsed": "falt bort"}
ORDER = {"prepared": "klargjort", "submitted": "sendt til NHN", "confirmed": "bekreftet",
         "rejected": "avvist"}
TERMS = {"awaiting_link": "venter på lenke fra NHN", "link_received": "lenke mottatt",
         "signed": "signert"}
ITEM = {"open": "åpen", "done": "utført", "waived": "frafalt"}
REVIEW = {None: "venter på gjennomgang", "accepted": "godkjent", "sent_back": "sendt tilbake"}
CONTACT_ROLE = {"signatory": "signatar", "coordinator": "PJD-ansvarlig / koordinator",
                "privacy": "personvernombud", "it": "IT-kontakt"}
ROLE = {"kilde": "kilde", "konsument": "konsument"}
# An avtalespesialist's organiser (registry.confirm): proposed from the address until the RHF
# confirms it; a kommune's (KS) is fixed and says nothing.
ORGANISER = {"proposed": "foreslått", "confirmed": "bekreftet", "fixed": ""}
KIND = {"kommune": "kommune", "avtalespesialist": "avtalespesialist",
        "helseforetak": "helseforetak", "privat": "privat virksomhet",
        "organisator": "organisator", "tjenesteleverandør": "tjenesteleverandør"}


def of(table: dict[str | None, str] | dict[str, str], value: str | None) -> str:
    """The bokmål word for a stored value, or the value itself when none is known."""
    found = table.get(value)  # type: ignore[arg-type]
    return found if found is not None else (value or "–")


def gate(g: Gate) -> str:
    """An open gate in bokmål, as what remains to be done."""
    if g.what == "agreement":
        now = f"nå: {of(AGREEMENT, g.state)}" if g.state else "ingen avtale ennå"
        return f"samarbeidsavtalen signert av begge parter ({now})"
    if g.what == "settled":
        return ("samarbeidsavtalen signert som endelig tekst (den ble signert som utkast, med "
                f"punkter som ikke er avklart under {g.state})")
    if g.what == "annex":
        now = ("ikke laget ennå" if g.state is None else
               "det signerte vedlegget har andre dokumenttyper enn forhåndsvurderingen"
               if g.state == "outdated" else f"nå: {of(AGREEMENT, g.state)}")
        return f"vedlegg 1 om dokumenttyper signert av begge parter ({now})"
    if g.what == "review":
        return f"organisators gjennomgang av {g.state} (dokumentasjonen er ikke godkjent ennå)"
    if g.what == "order":
        now = f"nå: {of(ORDER, g.state)}" if g.state else "ikke bestilt ennå"
        return f"bestillingen hos Norsk helsenett bekreftet ({now})"
    if g.what == "terms":
        return "NHNs bruksvilkår signert" + (
            f" (nå: {of(TERMS, g.state)})" if g.state else "")
    return f"sjekklistepunktet {g.state}"
