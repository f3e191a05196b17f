"""Document contexts: pure functions from plain values to what the templates read.

The keys here are the template variables documented in templates/README.md;
`avtaleflyt templates check` renders every template with `sample_contexts()` to prove it.
Dates, times and organisation numbers are joined with no-break spaces, so a line never
breaks inside "25. november 2026" or "958 935 420".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from agreements.core.calendar import OSLO, norsk_dato
from agreements.reference import Process

ROLE_NAMES = {"signatory": "signatar", "coordinator": "koordinator",
              "privacy": "personvernombud", "it": "IT-kontakt"}
NBSP = "\u00a0"


@dataclass(frozen=True)
class Party:
    navn: str
    orgnr: str


@dataclass(frozen=True)
class Person:
    navn: str
    epost: str
    rolle: str
    part: str
    tittel: str = ""


@dataclass(frozen=True)
class Assessment:
    """The forhåndsvurdering av dokumenttyper, when done: when, its evidence, the types."""

    dato: date
    dokumentasjon: str
    dokumenttyper: tuple[tuple[str, str], ...]


def unbroken(text: str) -> str:
    return text.replace(" ", NBSP)


def nb_dato(day: date) -> str:
    """`25. november 2026`, kept on one line."""
    return unbroken(norsk_dato(day))


def orgnr_spaced(orgnr: str) -> str:
    return unbroken(f"{orgnr[:3]} {orgnr[3:6]} {orgnr[6:]}")


def norsk_tid(moment: datetime) -> str:
    local = moment.astimezone(OSLO) if moment.tzinfo else moment.replace(tzinfo=UTC).astimezone(
        OSLO)
    return unbroken(f"{norsk_dato(local.date())} kl. {local:%H:%M}")


def party(p: Party) -> dict[str, str]:
    return {"navn": p.navn, "orgnr": orgnr_spaced(p.orgnr)}


def signing_party(position: int, p: Party, signatory: Person | None) -> dict[str, Any]:
    """A party of the signature block: who signs for it, with title (blank when unknown)."""
    return {"rekkefolge": position, **party(p),
            "signatar": signatory.navn if signatory else "",
            "tittel": signatory.tittel if signatory else ""}


def agreement_number(area_key: str, orgnr: str, version: int) -> str:
    return f"PJD-{area_key.upper()}-{orgnr}-{version}"


def agreement_context(
    *, nummer: str, versjon: int, dato: date, omraade: str, virksomhet: Party,
    organisator: Party, prosesser: Sequence[Process], kontakter: Sequence[Person],
    signatarer: tuple[Person | None, Person | None] = (None, None),
    bekreftet: date | None = None,
) -> dict[str, Any]:
    """The joining agreement; `signatarer` sign for the organisation, then the organiser;
    `bekreftet` is the day an avtalespesialist's RHF confirmed it is the organiser (until then
    the organiser is only proposed). The document types are not in it: § 5 refers to the annex
    (`annex_context`)."""
    return {
        "avtale": {"nummer": nummer, "versjon": versjon, "dato": nb_dato(dato)},
        "omraade": {"navn": omraade},
        "virksomhet": party(virksomhet),
        "organisator": {**party(organisator),
                        "bekreftet": nb_dato(bekreftet) if bekreftet else ""},
        "parter": _parter(virksomhet, organisator, signatarer),
        "prosesser": [{"tittel": p.title, "beskrivelse": p.description} for p in prosesser],
        "kontakter": [{"part": k.part, "rolle": ROLE_NAMES.get(k.rolle, k.rolle),
                       "navn": k.navn, "tittel": k.tittel, "epost": k.epost}
                      for k in kontakter],
    }


def _parter(virksomhet: Party, organisator: Party,
            signatarer: tuple[Person | None, Person | None]) -> list[dict[str, Any]]:
    return [signing_party(i, p, who) for i, (p, who)
            in enumerate(zip((virksomhet, organisator), signatarer, strict=True), 1)]


def annex_context(
    *, nummer: str, versjon: int, dato: date, avtale: tuple[str, int], omraade: str,
    virksomhet: Party, organisator: Party, vurdering: Assessment, erstatter: str | None,
    signatarer: tuple[Person | None, Person | None] = (None, None),
) -> dict[str, Any]:
    """Vedlegg 1 «Dokumenttyper som gjøres tilgjengelige» to the agreement `avtale` (its
    number and version): the types the forhåndsvurdering chose; `erstatter` the number of
    the annex it replaces, if any."""
    return {
        "vedlegg": {"nummer": nummer, "versjon": versjon, "dato": nb_dato(dato),
                    "erstatter": erstatter or ""},
        "avtale": {"nummer": avtale[0], "versjon": avtale[1]},
        "omraade": {"navn": omraade},
        "virksomhet": party(virksomhet),
        "organisator": party(organisator),
        "parter": _parter(virksomhet, organisator, signatarer),
        "forhaandsvurdering": {"dato": nb_dato(vurdering.dato)},
        "dokumenttyper": [{"navn": n, "beskrivelse": b or "–"}
                          for n, b in vurdering.dokumenttyper],
    }


@dataclass(frozen=True)
class SignedBy:
    rekkefolge: int
    part: str
    navn: str
    epost: str
    tidspunkt: datetime
    sha256: str
    kontroll: str  # how the signed copy was verified, or that it was signed on paper


def certificate_context(
    *, nummer: str, versjon: int, omraade: str, virksomhet: Party, organisator: Party,
    signert: datetime, ikrafttredelse: date, utloper: date, signaturer: Sequence[SignedBy],
    utsendt: Sequence[tuple[str, str]], mal: tuple[str, str], utstedt: datetime,
    utkast: Sequence[str] = (),
) -> dict[str, Any]:
    """`utkast`: the sections the signed agreement left to be settled (a draft, signed where
    drafts are allowed); the certificate then says so and is marked UTKAST."""
    return {
        "utkast": "; ".join(utkast),
        "avtale": {"nummer": nummer, "versjon": versjon, "signert": norsk_tid(signert),
                   "ikrafttredelse": nb_dato(ikrafttredelse), "utloper": nb_dato(utloper)},
        "omraade": {"navn": omraade},
        "virksomhet": party(virksomhet),
        "organisator": party(organisator),
        "signaturer": [{"rekkefolge": s.rekkefolge, "part": s.part, "navn": s.navn,
                        "epost": s.epost, "tidspunkt": norsk_tid(s.tidspunkt),
                        "sha256": s.sha256, "kontroll": s.kontroll} for s in signaturer],
        "utsendt": [{"navn": n, "sha256": h} for n, h in utsendt],
        "mal": {"navn": mal[0], "sha256": mal[1]},
        "utstedt": norsk_tid(utstedt),
    }


def reminder_context(
    *, nummer: str, virksomhet: Party, organisator: Party, mottaker: Person, dato: date,
    sendt: datetime, signeringsfrist: date, paaminnelse_nr: int, koordinator: str,
) -> dict[str, Any]:
    return {
        "avtale": {"nummer": nummer, "sendt": nb_dato(sendt.astimezone(OSLO).date()),
                   "signeringsfrist": nb_dato(signeringsfrist)},
        "virksomhet": party(virksomhet),
        "organisator": party(organisator),
        "mottaker": {"navn": mottaker.navn, "part": mottaker.part},
        "dato": nb_dato(dato),
        "nummer": paaminnelse_nr,
        "koordinator": koordinator,
    }


def order_context(*, referanse: str, dato: date, rolle: str, bestilt_av: str,
                  virksomhet: Party, felter: Sequence[tuple[str, str]],
                  kontakter: Sequence[Person]) -> dict[str, Any]:
    return {
        "bestilling": {"referanse": referanse, "dato": nb_dato(dato), "rolle": rolle,
                       "bestilt_av": bestilt_av},
        "virksomhet": party(virksomhet),
        "felter": [{"navn": n, "verdi": v} for n, v in felter],
        "kontakter": [{"rolle": ROLE_NAMES.get(k.rolle, k.rolle), "navn": k.navn,
                       "epost": k.epost} for k in kontakter],
    }


def sample_contexts() -> dict[str, dict[str, Any]]:
    """One context per template, built by the same functions the use cases call."""
    from agreements import reference

    kommune, ks = Party("Kárášjohka - Karasjok kommune", "958935420"), Party("KS", "971032146")
    person = Person("Kari Nordmann", "kari@example.no", "signatory", kommune.navn, "Rådmann")
    leder = Person("Kim Leder", "kim@ks.example", "signatory", ks.navn, "Direktør")
    now = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
    agreement = agreement_context(
        nummer="PJD-X-1", versjon=1, dato=now.date(), omraade="Kommunene (KS)",
        virksomhet=kommune, organisator=ks,
        prosesser=reference.processes(), kontakter=[person, leder],
        signatarer=(person, leder))
    return {
        "vedlegg_dokumenttyper.docx": annex_context(
            nummer="PJD-X-1-VEDLEGG1-1", versjon=1, dato=now.date(), avtale=("PJD-X-1", 1),
            omraade="Kommunene (KS)", virksomhet=kommune, organisator=ks,
            vurdering=Assessment(now.date(), "https://example.no/vurdering",
                                 (("Epikrise", "Fra døgnenhet"),)),
            erstatter=None, signatarer=(person, leder)),
        "samarbeidsavtale_kommune.docx": agreement,
        "samarbeidsavtale_avtalespesialist.docx": agreement,
        "signeringsbekreftelse.docx": certificate_context(
            nummer="PJD-X-1", versjon=1, omraade="Kommunene (KS)", virksomhet=kommune,
            organisator=ks, signert=now, ikrafttredelse=now.date(), utloper=now.date(),
            signaturer=[SignedBy(1, kommune.navn, "Kari", "k@example.no", now, "0" * 64,
                                 "Verifisert: gyldig, klarert, dekker hele filen")],
            utsendt=[("avtale.pdf", "1" * 64)], mal=("mal.docx", "2" * 64), utstedt=now),
        "paaminnelse.docx": reminder_context(
            nummer="PJD-X-1", virksomhet=kommune, organisator=ks, mottaker=person,
            dato=now.date(), sendt=now, signeringsfrist=now.date(), paaminnelse_nr=1,
            koordinator="Per <per@example.no>"),
        "nhn_bestilling.docx": order_context(
            referanse="PJD-NHN-1", dato=now.date(), rolle="kilde og konsument",
            bestilt_av="Kari Nordmann, Rådmann, kari@example.no", virksomhet=kommune,
            felter=[("Organisasjonsnummer", "958935420")], kontakter=[person]),
    }
