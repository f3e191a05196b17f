"""The e-mails avtaleflyt sends, in Norwegian bokmål. Pure: values in, (subject, body) out."""

from __future__ import annotations

from agreements.contexts import orgnr_spaced

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


def party_line(navn: str, orgnr: str) -> str:
    return f"{navn} (org.nr. {orgnr_spaced(orgnr)})"
