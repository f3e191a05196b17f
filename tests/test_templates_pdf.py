"""The four kinds of document (agreement in its two variants, signeringsbekreftelse, reminder,
NHN order) rendered with hostile and long values, converted by LibreOffice, and read back with
pdftotext: no value broken mid-word, no date wrapped, page numbers on every page."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, date, datetime
from typing import Any

import pytest

from agreements import reference
from agreements.config import PROJECT_ROOT
from agreements.documents import contexts as c
from agreements.documents import pdf
from agreements.documents.render import Renderer
from tests.conftest import requires_soffice

LONG_MAIL = "kari.nordmann-hansen@kommunesektorens-organisasjon.no"
LONG_NAME = ("Guovdageainnu suohkan - Kautokeino kommune & Smith <Sønner> \"AS\" "
             "med helse- og omsorgstjenester for hele Finnmarksvidda")
KS = c.Party("KS – Kommunesektorens organisasjon", "971032146")
ORG = c.Party(LONG_NAME, "958935420")
NOW = datetime(2026, 11, 25, 13, 3, tzinfo=UTC)
SHA = ("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
       "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752")


def signer(navn: str, epost: str, part: c.Party, tittel: str) -> c.Person:
    return c.Person(navn, epost, "signatory", part.navn, tittel)


KARI = signer("Kari Nordmann-Hansen Østerhaug", LONG_MAIL, ORG,
              "Kommunedirektør og konstituert rådmann")
KIM = signer("Kim Leder", "kim.leder@ks.example", KS, "Administrerende direktør")


def hostile_contexts() -> dict[str, dict[str, Any]]:
    agreement = c.agreement_context(
        nummer="PJD-KOMMUNER-958935420-12", versjon=12, dato=date(2026, 11, 25),
        omraade="Kommunene (KS)", virksomhet=ORG, organisator=KS,
        prosesser=[p for p in reference.processes() if p.in_agreement],
        kontakter=[KARI, KIM], signatarer=(KARI, KIM))
    return {
        "vedlegg_dokumenttyper.docx": c.annex_context(
            nummer="PJD-KOMMUNER-958935420-12-VEDLEGG1-3", versjon=3, dato=date(2026, 11, 25),
            avtale=("PJD-KOMMUNER-958935420-12", 12), omraade="Kommunene (KS)",
            virksomhet=ORG, organisator=KS,
            vurdering=c.Assessment(date(2026, 11, 20), "https://intranett.example/v.pdf",
                                   (("Epikriser & <utskrivningsnotater>", "Fra døgnenheter"),)),
            erstatter="PJD-KOMMUNER-958935420-12-VEDLEGG1-2", signatarer=(KARI, KIM)),
        "samarbeidsavtale_kommune.docx": agreement,
        "samarbeidsavtale_avtalespesialist.docx": agreement,
        "signeringsbekreftelse.docx": c.certificate_context(
            nummer="PJD-KOMMUNER-958935420-12", versjon=12, omraade="Kommunene (KS)",
            virksomhet=ORG, organisator=KS, signert=NOW, ikrafttredelse=date(2026, 11, 25),
            utloper=date(2029, 11, 24),
            signaturer=[c.SignedBy(1, ORG.navn, KARI.navn, LONG_MAIL, NOW, SHA[0],
                                   "Gyldig signatur, klarert sertifikat, hele filen dekket"),
                        c.SignedBy(2, KS.navn, KIM.navn, KIM.epost, NOW, SHA[1],
                                   "Signert på papir (ikke verifisert): skannet kopi")],
            utsendt=[("PJD-KOMMUNER-958935420-12.pdf", SHA[0])],
            mal=("samarbeidsavtale_kommune.docx", SHA[1]), utstedt=NOW),
        "paaminnelse.docx": c.reminder_context(
            nummer="PJD-KOMMUNER-958935420-12", virksomhet=ORG, organisator=KS, mottaker=KARI,
            dato=date(2026, 12, 2), sendt=NOW, signeringsfrist=date(2027, 1, 8),
            paaminnelse_nr=3, koordinator=f"Kari Koordinator <{LONG_MAIL}>"),
        "nhn_bestilling.docx": c.order_context(
            referanse="pjd-958935420-kilde-1", dato=date(2026, 11, 25), rolle="kilde",
            bestilt_av="Kari Nordmann, Rådmann, kari@example.no",
            virksomhet=ORG, felter=[("Virksomhet", ORG.navn), ("HER-id", "ikke oppgitt")],
            kontakter=[KARI, KIM]),
    }


def unbreakable(name: str) -> list[str]:
    """Values that must each stand on one line: e-mails, SHA-256s, dates, orgnr."""
    common = ["958 935 420", "971 032 146", KIM.epost]
    return {
        "signeringsbekreftelse.docx": [*common, LONG_MAIL, *SHA, "25. november 2026 kl. 14:03",
                                   "24. november 2029"],
        "paaminnelse.docx": [LONG_MAIL, "2. desember 2026", "8. januar 2027"],
        "nhn_bestilling.docx": [LONG_MAIL, KIM.epost, "25. november 2026"],
        "vedlegg_dokumenttyper.docx": [*common[:2], "25. november 2026", "20. november 2026"],
    }.get(name, [*common, LONG_MAIL, "25. november 2026"])


@pytest.fixture(scope="module")
def pdf_texts() -> dict[str, tuple[str, bytes]]:
    """Each template rendered with hostile values, converted in one LibreOffice run."""
    requires_soffice()
    renderer = Renderer(PROJECT_ROOT / "templates")
    ctxs = hostile_contexts()
    converted = pdf.to_pdf([renderer.render(name, ctx) for name, ctx in ctxs.items()])
    assert converted is not None
    texts = {}
    for name, data in zip(ctxs, converted, strict=True):
        text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True,
                              check=True).stdout.decode()
        texts[name] = (text.replace("\u00a0", " "), data)
    return texts


@pytest.mark.parametrize("name", sorted(hostile_contexts()))
def test_no_value_breaks_mid_word_or_wraps(name: str,
                                           pdf_texts: dict[str, tuple[str, bytes]]) -> None:
    """Every e-mail, SHA-256, date and orgnr is whole on one line, and every word of the
    long hostile name appears whole (nothing hyphenated or split across lines)."""
    text, _ = pdf_texts[name]
    lines = text.splitlines()
    for value in unbreakable(name):
        assert any(value in line for line in lines), f"{value!r} is broken in {name}"
    words = set(re.findall(r"\S+", text))
    for word in re.findall(r"[\wæøåÆØÅáš]+(?:-[\wæøå]+)*", LONG_NAME):
        assert any(word in w for w in words), f"{word!r} is split in {name}"


@pytest.mark.parametrize("name", sorted(hostile_contexts()))
def test_every_page_is_numbered_side_x_av_y(name: str,
                                             pdf_texts: dict[str, tuple[str, bytes]]) -> None:
    """Each page's footer says "Side k av N", N being the number of pages."""
    text, _ = pdf_texts[name]
    pages = [p for p in text.split("\f") if p.strip()]
    for k, page in enumerate(pages, start=1):
        assert f"Side {k} av {len(pages)}" in page, f"page {k} of {name} has no page number"


def test_certificate_prints_sha256_in_a_monospace_font(
        pdf_texts: dict[str, tuple[str, bytes]]) -> None:
    """The signeringsbekreftelse embeds Liberation Mono, used for the SHA-256 sums."""
    _, data = pdf_texts["signeringsbekreftelse.docx"]
    assert b"LiberationMono" in data
