"""The e-mails avtaleflyt sends, in Norwegian bokmål. Pure: values in, (subject, body) out.

Each is signed by whom it is from (`fra`): the organiser, KS or the RHF, with its
coordinator's name. Messages with no organiser behind them (a konsument's, or the organiser's
own escalations) are signed by avtaleflyt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

SIGN_OFF = "\n\nVennlig hilsen\navtaleflyt – innføring av Pasientens journaldokumenter\n"


@dataclass(frozen=True)
class Avsender:
    """The organiser an e-mail is from, and its coordinator (when one is registered)."""

    organisator: str
    koordinator: str | None = None


def hilsen(fra: Avsender | None) -> str:
    """The sign-off: the coordinator and the organiser, or avtaleflyt when nobody is."""
    if fra is None:
        return SIGN_OFF
    names = [n for n in (fra.koordinator, fra.organisator) if n]
    return "\n\nVennlig hilsen\n" + "\n".join(names) + "\n"


def signature_request(*, navn: str, part: str, nummer: str, virksomhet: str, organisator: str,
                      frist: str, returner_til: str, neste: str | None,
                      vedlegg: str, lenke: str, fra: Avsender | None,
                      signert_av: str | None = None,
                      utkast: Sequence[str] = (),
                      vedlegg_til: str | None = None) -> tuple[str, str]:
    """The request to sign; `utkast`: the sections still to be settled when the agreement is
    a draft (sent only where drafts are allowed: a demo, a test); `vedlegg_til`: the
    agreement's number when what is signed is its annex of document types."""
    what = (f"vedlegg 1 om dokumenttyper til samarbeidsavtale {vedlegg_til}" if vedlegg_til
            else "samarbeidsavtale om Pasientens journaldokumenter")
    subject = f"{'UTKAST – ' if utkast else ''}Til signering: {what} ({nummer})"
    draft = (f"UTKAST – ikke til signering: avtalen har punkter som ennå ikke er avklart av "
             f"partenes jurister ({'; '.join(utkast)}), og hver side er merket med dette. Den "
             "er sendt fordi denne installasjonen tillater utkast (demonstrasjon og test), og "
             "en signatur på den gjør den ikke til en endelig avtale.\n\n" if utkast else "")
    after = (f"Når du har signert, sendes avtalen til {neste} for kontrasignering."
             if neste else "Du signerer som siste part; deretter får alle parter en "
                           "signeringsbekreftelse.")
    body = (
        f"Hei {navn},\n\n{draft}"
        + (f"Vedlagt er vedlegg 1 «Dokumenttyper som gjøres tilgjengelige» til "
           f"samarbeidsavtalen {vedlegg_til} mellom {virksomhet} og {organisator} (vedlegg "
           f"{nummer}). Det angir dokumenttypene som forhåndsvurderingen valgte, og signeres "
           f"på samme måte som avtalen. Du er registrert som signatar for {part}.\n\n"
           if vedlegg_til else
           f"Vedlagt er samarbeidsavtalen mellom {virksomhet} og {organisator} om deling av "
           f"journaldokumenter i Pasientens journaldokumenter (avtale {nummer}). Du er "
           f"registrert som signatar for {part}.\n\n")
        + (f"Filen som er vedlagt, er avtalen slik {signert_av} har signert den. Signer denne "
           "filen, ikke en ny kopi av originalen, så står begge signaturene i samme "
           "dokument.\n\n"
           if signert_av else "")
        + "Slik gjør du:\n"
        f"1. Les avtalen ({vedlegg}).\n"
        "2. Signer den digitalt, uten å endre noe i den.\n"
        f"3. Last opp signert kopi som PDF innen {frist} her: {lenke}\n"
        "   (du logger inn med e-postadressen denne meldingen ble sendt til)\n\n"
        f"Spørsmål om avtalen kan rettes til {returner_til}.\n\n"
        f"{after}"
        f"{hilsen(fra)}"
    )
    return subject, body


def completed(*, navn: str, nummer: str, virksomhet: str, organisator: str,
              ikrafttredelse: str, fra: Avsender | None,
              fornyelse: str | None = None) -> tuple[str, str]:
    """`fornyelse`: for a renewal, what it says about the term (`renewal_term`)."""
    subject = f"Avtale {nummer} er signert av alle parter"
    body = (
        f"Hei {navn},\n\n"
        f"Samarbeidsavtalen mellom {virksomhet} og {organisator} (avtale {nummer}) er nå "
        f"signert av alle parter og gjelder fra {ikrafttredelse}. Vedlagt er "
        "signeringsbekreftelsen med tidspunkt for hver signatur og kontrollsummer (SHA-256) for "
        "de signerte dokumentene.\n\n"
        + (fornyelse or "Neste steg: bestilling av tjenesten hos Norsk helsenett og signering "
                        "av NHNs bruksvilkår.")
        + f"{hilsen(fra)}"
    )
    return subject, body


def renewal_term(*, forrige: str, forrige_til: str, fra_dato: str, til: str,
                 etter_utlop: bool) -> str:
    """What a completed renewal says about the term: it continues where the previous
    agreement ends, or (signed after that one expired) it starts on its signing day."""
    if etter_utlop:
        return (f"Avtalen fornyer avtale {forrige}, som utløp {forrige_til}. Fordi den ble "
                f"signert etter at den forrige var utløpt, gjelder den fra signeringsdagen, "
                f"{fra_dato}, til og med {til}.")
    return (f"Avtalen fornyer avtale {forrige}, som gjelder til og med {forrige_til}. Den nye "
            f"avtalen gjelder fra {fra_dato} til og med {til}, så samarbeidet fortsetter uten "
            "opphold. Bestillingen hos Norsk helsenett og bruksvilkårene gjelder fortsatt; "
            "dere trenger ikke gjøre noe mer.")


def declined(*, navn: str, nummer: str, avslaatt_av: str, grunn: str,
             fra: Avsender | None) -> tuple[str, str]:
    subject = f"Avtale {nummer} er avslått"
    body = (f"Hei {navn},\n\n{avslaatt_av} har avslått å signere avtale {nummer}.\n"
            f"Begrunnelse: {grunn}\n\nAvtalen er avsluttet. Organisator avklarer videre "
            f"innføring med virksomheten og kan lage og sende et nytt utkast.{hilsen(fra)}")
    return subject, body


def withdrawn(*, navn: str, nummer: str, grunn: str,
              fra: Avsender | None) -> tuple[str, str]:
    subject = f"Avtale {nummer} er trukket tilbake"
    body = (f"Hei {navn},\n\nOrganisator har trukket tilbake avtale {nummer}, som du har fått "
            f"til signering. Du skal ikke signere den.\nBegrunnelse: {grunn}{hilsen(fra)}")
    return subject, body


def reminder(*, navn: str, nummer: str, nr: int, frist: str, returner_til: str,
             lenke: str, fra: Avsender | None) -> tuple[str, str]:
    subject = f"Påminnelse {nr}: avtale {nummer} venter på din signatur"
    body = (f"Hei {navn},\n\nAvtale {nummer} om Pasientens journaldokumenter venter fortsatt på "
            f"din signatur. Fristen er {frist}. Vedlagt er påminnelsesbrevet og avtalen.\n\n"
            f"Last opp signert kopi som PDF her: {lenke}\n"
            f"Spørsmål kan rettes til {returner_til}.{hilsen(fra)}")
    return subject, body


def escalation(*, navn: str, nummer: str, venter_paa: str, part: str, paaminnelser: int,
               frist: str, fra: Avsender | None, posten: bool = False,
               siste: str | None = None) -> tuple[str, str]:
    subject = f"Eskalering: avtale {nummer} er ikke signert av {part}"
    sent = f"{paaminnelser} påminnelse" + ("r" if paaminnelser != 1 else "")
    if siste:
        sent += f" (den siste sendt {siste})"
    if posten:
        sent = "påminnelser fra Posten signering"
    body = (f"Hei {navn},\n\n{venter_paa} ({part}) har ikke signert avtale {nummer} etter "
            f"{sent}. Signeringsfristen er {frist}; etter den bortfaller "
            f"avtaleutkastet. Vi ber deg følge opp direkte.{hilsen(fra)}")
    return subject, body


def lapsed(*, navn: str, nummer: str, frist: str, fra: Avsender | None) -> tuple[str, str]:
    subject = f"Avtale {nummer} har falt bort"
    body = (f"Hei {navn},\n\nSigneringsfristen for avtale {nummer} gikk ut {frist} uten at alle "
            "parter hadde signert. Avtaleutkastet har derfor falt bort. Organisator kan lage og "
            f"sende et nytt utkast når partene er klare til å signere.{hilsen(fra)}")
    return subject, body


def renewal_drafted(*, navn: str, nummer: str, ny: str, virksomhet: str, utloper: str,
                    lenke: str, fra: Avsender | None) -> tuple[str, str]:
    subject = f"Utkast til fornyet avtale for {virksomhet} ({ny})"
    body = (f"Hei {navn},\n\nAvtale {nummer} gjelder til og med {utloper}. Et utkast til "
            f"fornyet avtale ({ny}) er laget fra gjeldende mal; signert av begge parter før "
            "det, gjelder den fra dagen etter, så samarbeidet fortsetter uten opphold. "
            f"Kontroller utkastet og send det til signering her: {lenke}{hilsen(fra)}")
    return subject, body


def sign_in_link(*, lenke: str, minutter: int) -> tuple[str, str]:
    subject = "Innlogging i avtaleflyt"
    body = (f"Hei,\n\nDu har bedt om å logge inn i avtaleflyt, portalen for innføring av "
            f"Pasientens journaldokumenter. Bruk lenken innen {minutter} minutter; den virker "
            f"én gang:\n\n{lenke}\n\nHar du ikke bedt om dette, kan du se bort fra "
            f"meldingen.{SIGN_OFF}")
    return subject, body


def evidence_sent_back(*, navn: str, virksomhet: str, punkt: str, grunn: str, av: str,
                       lenke: str, fra: Avsender | None = None) -> tuple[str, str]:
    subject = f"Dokumentasjonen for «{punkt}» er sendt tilbake ({virksomhet})"
    body = (f"Hei {navn},\n\n{av} har gått gjennom dokumentasjonen for «{punkt}» og sendt "
            f"den tilbake.\nBegrunnelse: {grunn}\n\nPunktet er åpnet igjen. Last opp ny "
            f"dokumentasjon her: {lenke}{hilsen(fra)}")
    return subject, body


PROBLEMS = {
    "BLOCKED": "signataren tastet feil sikkerhetskode for mange ganger og er sperret",
    "CONTACT_INFORMATION_MISSING": "kontaktinformasjonen til signataren mangler eller er ugyldig",
}


def signing_problem(*, navn: str, nummer: str, signatar: str, status: str,
                    lenke: str) -> tuple[str, str]:
    subject = f"Signeringen av avtale {nummer} har stoppet i Posten signering"
    body = (f"Hei {navn},\n\nPosten signering melder at {signatar} ikke kan signere avtale "
            f"{nummer}: {PROBLEMS.get(status, status)}. Signeringsoppdraget er stoppet.\n\n"
            "Rett kontaktinformasjonen, trekk avtalen tilbake og send en ny. Avtalen finner du "
            f"her: {lenke}"
            f"{SIGN_OFF}")
    return subject, body


def signing_in_doubt(*, navn: str, nummer: str, signatar: str, lenke: str) -> tuple[str, str]:
    subject = f"Usikkert om avtale {nummer} kom fram til Posten signering"
    body = (f"Hei {navn},\n\nForsøket på å opprette signeringsoppdraget for avtale {nummer} ble "
            "avbrutt etter at forespørselen var sendt til Posten signering, så det er usikkert "
            "om oppdraget finnes. avtaleflyt oppretter det ikke på nytt (da kunne signatarene "
            "fått to oppdrag), men registrerer det så snart Posten melder om det.\n\n"
            f"Har {signatar} ikke fått e-post fra Posten signering innen en arbeidsdag, trekk "
            f"avtalen tilbake og send en ny. Avtalen finner du her: {lenke}"
            f"{SIGN_OFF}")
    return subject, body


def signed_document_refused(*, navn: str, nummer: str, problemer: str) -> tuple[str, str]:
    subject = f"Det signerte dokumentet for avtale {nummer} ble avvist"
    body = (f"Hei {navn},\n\nPosten signering melder at avtale {nummer} er signert av alle "
            "parter, men det signerte dokumentet (PAdES) besto ikke kontrollen:\n"
            f"{problemer}\n\nAvtalen er ikke registrert som signert. avtaleflyt henter "
            "dokumentet på nytt ved hver kontroll; kontakt Posten signering hvis feilen består."
            f"{SIGN_OFF}")
    return subject, body
