"""The e-mails avtaleflyt sends, in Norwegian bokmål. Pure: values in, (subject, body) out."""

from __future__ import annotations

SIGN_OFF = "\n\nVennlig hilsen\navtaleflyt – innføring av Pasientens journaldokumenter\n"


def signature_request(*, navn: str, part: str, nummer: str, virksomhet: str, organisator: str,
                      frist: str, returner_til: str, neste: str | None,
                      vedlegg: str) -> tuple[str, str]:
    subject = f"Til signering: samarbeidsavtale om Pasientens journaldokumenter ({nummer})"
    after = (f"Når du har signert, sendes avtalen til {neste} for kontrasignering."
             if neste else "Du signerer som siste part; deretter får alle parter en "
                           "fullføringsattest.")
    body = (
        f"Hei {navn},\n\n"
        f"Vedlagt er samarbeidsavtalen mellom {virksomhet} og {organisator} om deling av "
        f"journaldokumenter i Pasientens journaldokumenter (avtale {nummer}). Du er registrert "
        f"som signatar for {part}.\n\n"
        "Slik gjør du:\n"
        f"1. Les avtalen ({vedlegg}).\n"
        "2. Signer den.\n"
        f"3. Send signert kopi som PDF til {returner_til} innen {frist}.\n\n"
        f"{after}"
        f"{SIGN_OFF}"
    )
    return subject, body


def completed(*, navn: str, nummer: str, virksomhet: str, organisator: str,
              ikrafttredelse: str) -> tuple[str, str]:
    subject = f"Avtale {nummer} er signert av alle parter"
    body = (
        f"Hei {navn},\n\n"
        f"Samarbeidsavtalen mellom {virksomhet} og {organisator} (avtale {nummer}) er nå "
        f"signert av alle parter og gjelder fra {ikrafttredelse}. Vedlagt er "
        "fullføringsattesten med tidspunkt for hver signatur og kontrollsummer (SHA-256) for "
        "de signerte dokumentene.\n\n"
        "Neste steg: bestilling av tjenesten hos Norsk helsenett og signering av NHNs "
        "bruksvilkår."
        f"{SIGN_OFF}"
    )
    return subject, body


def declined(*, navn: str, nummer: str, avslaatt_av: str, grunn: str) -> tuple[str, str]:
    subject = f"Avtale {nummer} er avslått"
    body = (f"Hei {navn},\n\n{avslaatt_av} har avslått å signere avtale {nummer}.\n"
            f"Begrunnelse: {grunn}\n\nAvtalen er avsluttet. Kontakt organisator for å "
            f"avklare videre innføring.{SIGN_OFF}")
    return subject, body


def withdrawn(*, navn: str, nummer: str, grunn: str) -> tuple[str, str]:
    subject = f"Avtale {nummer} er trukket tilbake"
    body = (f"Hei {navn},\n\nOrganisator har trukket tilbake avtale {nummer}, som du har fått "
            f"til signering. Du skal ikke signere den.\nBegrunnelse: {grunn}{SIGN_OFF}")
    return subject, body


def reminder(*, navn: str, nummer: str, nr: int, frist: str, returner_til: str) -> tuple[str, str]:
    subject = f"Påminnelse {nr}: avtale {nummer} venter på din signatur"
    body = (f"Hei {navn},\n\nAvtale {nummer} om Pasientens journaldokumenter venter fortsatt på "
            f"din signatur. Fristen er {frist}. Vedlagt er påminnelsesbrevet og avtalen.\n\n"
            f"Send signert kopi som PDF til {returner_til}.{SIGN_OFF}")
    return subject, body


def escalation(*, navn: str, nummer: str, venter_paa: str, part: str, paaminnelser: int,
               frist: str, posten: bool = False) -> tuple[str, str]:
    subject = f"Eskalering: avtale {nummer} er ikke signert av {part}"
    sent = f"{paaminnelser} påminnelse" + ("r" if paaminnelser != 1 else "")
    if posten:
        sent = "påminnelser fra Posten signering"
    body = (f"Hei {navn},\n\n{venter_paa} ({part}) har ikke signert avtale {nummer} etter "
            f"{sent}. Signeringsfristen er {frist}; etter den bortfaller "
            f"avtaleutkastet. Vi ber deg følge opp direkte.{SIGN_OFF}")
    return subject, body


def lapsed(*, navn: str, nummer: str, frist: str) -> tuple[str, str]:
    subject = f"Avtale {nummer} er bortfalt"
    body = (f"Hei {navn},\n\nSigneringsfristen for avtale {nummer} gikk ut {frist} uten at alle "
            "parter hadde signert. Avtaleutkastet er derfor bortfalt. Organisator lager et nytt "
            f"utkast når dere er klare til å signere.{SIGN_OFF}")
    return subject, body


def checklist_overdue(*, navn: str, virksomhet: str, punkter: list[str],
                      eskalering: bool) -> tuple[str, str]:
    lines = "\n".join(f"- {p}" for p in punkter)
    if eskalering:
        subject = f"Eskalering: {virksomhet} har punkter som er lenge forfalt"
        intro = (f"Følgende punkter i sjekklisten til {virksomhet} er lenge forfalt, og "
                 "påminnelser har ikke ført fram:")
    else:
        subject = f"Forfalte punkter i sjekklisten for Pasientens journaldokumenter ({virksomhet})"
        intro = f"Følgende punkter i sjekklisten til {virksomhet} har passert fristen:"
    body = (f"Hei {navn},\n\n{intro}\n\n{lines}\n\nMarker dem som utført med dokumentasjon "
            "(avtaleflyt checklist done) eller avtal en ny plan med organisator."
            f"{SIGN_OFF}")
    return subject, body


def nhn_chase(*, navn: str, virksomhet: str, referanse: str, sendt: str,
              virkedager: int) -> tuple[str, str]:
    subject = f"Bestilling {referanse} er ikke bekreftet av Norsk helsenett"
    body = (f"Hei {navn},\n\nBestillingen av Pasientens journaldokumenter for {virksomhet} "
            f"(referanse {referanse}) ble sendt til Norsk helsenett {sendt}, og er ikke bekreftet "
            f"etter {virkedager} virkedager. Ta kontakt med NHNs kundesenter og oppgi "
            "referansen. Når NHN bekrefter, registrer det med avtaleflyt nhn confirm."
            f"{SIGN_OFF}")
    return subject, body


def expiry_warning(*, navn: str, nummer: str, utloper: str, dager: int) -> tuple[str, str]:
    subject = f"Avtale {nummer} utløper om {dager} dager"
    body = (f"Hei {navn},\n\nSamarbeidsavtale {nummer} om Pasientens journaldokumenter utløper "
            f"{utloper}. Et utkast til fornyet avtale lages automatisk og sendes til signering "
            f"av organisator.{SIGN_OFF}")
    return subject, body


def renewal_drafted(*, navn: str, nummer: str, ny: str, virksomhet: str) -> tuple[str, str]:
    subject = f"Utkast til fornyet avtale for {virksomhet} ({ny})"
    body = (f"Hei {navn},\n\nAvtale {nummer} nærmer seg utløp. Et utkast til fornyet avtale "
            f"({ny}) er laget fra gjeldende mal. Kontroller det og send det til signering med "
            f"avtaleflyt agreement send.{SIGN_OFF}")
    return subject, body


PROBLEMS = {
    "BLOCKED": "signataren tastet feil sikkerhetskode for mange ganger og er sperret",
    "CONTACT_INFORMATION_MISSING": "kontaktinformasjonen til signataren mangler eller er ugyldig",
}


def signing_problem(*, navn: str, nummer: str, signatar: str, status: str) -> tuple[str, str]:
    subject = f"Signeringen av avtale {nummer} har stoppet i Posten signering"
    body = (f"Hei {navn},\n\nPosten signering melder at {signatar} ikke kan signere avtale "
            f"{nummer}: {PROBLEMS.get(status, status)}. Signeringsoppdraget er stoppet.\n\n"
            "Rett kontaktinformasjonen (avtaleflyt org contact add), trekk avtalen tilbake "
            "(avtaleflyt agreement withdraw) og lag og send en ny."
            f"{SIGN_OFF}")
    return subject, body


def signing_in_doubt(*, navn: str, nummer: str, signatar: str) -> tuple[str, str]:
    subject = f"Usikkert om avtale {nummer} kom fram til Posten signering"
    body = (f"Hei {navn},\n\nForsøket på å opprette signeringsoppdraget for avtale {nummer} ble "
            "avbrutt etter at forespørselen var sendt til Posten signering, så det er usikkert "
            "om oppdraget finnes. avtaleflyt oppretter det ikke på nytt (da kunne signatarene "
            "fått to oppdrag), men registrerer det så snart Posten melder om det.\n\n"
            f"Har {signatar} ikke fått e-post fra Posten signering innen en arbeidsdag, trekk "
            "avtalen tilbake (avtaleflyt agreement withdraw) og lag og send en ny."
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
