"""Rendering the Word templates: strict, escaped, cached, and PDF through LibreOffice."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest

from agreements import reference
from agreements.config import PROJECT_ROOT
from agreements.core.calendar import norsk_dato
from agreements.documents import contexts, pdf
from agreements.documents import render as documents
from agreements.documents.render import check_templates
from agreements.errors import InvalidInput
from tests.conftest import requires_soffice

TEMPLATES = PROJECT_ROOT / "templates"
HOSTILE = [
    'Smith & Sønner <Legesenter> "AS"',
    "Kárášjohka - Karasjok kommune",
    "Guovdageainnu suohkan - Kautokeino kommune " + "med et svært langt navn " * 12,
]


def text_of(data: bytes) -> str:
    """The document's text, no-break spaces read as spaces."""
    d = docx.Document(io.BytesIO(data))
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in d.paragraphs] + cells).replace("\u00a0", " ")


def agreement_ctx(navn: str) -> dict[str, Any]:
    return contexts.agreement_context(
        nummer="PJD-KOMMUNER-958935420-1", versjon=1, dato=date(2026, 11, 25),
        omraade="Kommunene (KS)", virksomhet=contexts.Party(navn, "958935420"),
        organisator=contexts.Party("KS – Kommunesektorens organisasjon", "971032146"),
        prosesser=reference.processes(), kontakter=[])


def annex_ctx(navn: str, types: list[tuple[str, str]]) -> dict[str, Any]:
    return contexts.annex_context(
        nummer="PJD-KOMMUNER-958935420-1-VEDLEGG1-1", versjon=1, dato=date(2026, 11, 25),
        avtale=("PJD-KOMMUNER-958935420-1", 1), omraade="Kommunene (KS)",
        virksomhet=contexts.Party(navn, "958935420"),
        organisator=contexts.Party("KS – Kommunesektorens organisasjon", "971032146"),
        vurdering=contexts.Assessment(date(2026, 11, 20), "https://x.example/vurdering",
                                      tuple(types)), erstatter=None)


@pytest.mark.parametrize("navn", HOSTILE)
def test_hostile_names_give_valid_documents(navn: str) -> None:
    """&, <, quotes, Sámi letters and very long names come out verbatim in a valid DOCX."""
    data = documents.renderer(TEMPLATES).render("samarbeidsavtale_kommune.docx",
                                                agreement_ctx(navn))
    text = text_of(data)
    assert navn in text and "KS – Kommunesektorens organisasjon" in text
    assert "958 935 420" in text and "971 032 146" in text


def test_agreement_lists_no_types_and_refers_to_the_vedlegg() -> None:
    """§ 5 says the types are in Vedlegg 1, signed before anything is shared; no table, no
    file name of the forhåndsvurdering."""
    text = text_of(documents.renderer(TEMPLATES).render(
        "samarbeidsavtale_kommune.docx", agreement_ctx("Oslo kommune")))
    assert "Dokumenttypene står i Vedlegg 1 «Dokumenttyper som gjøres tilgjengelige»" in text
    assert "Ingen dokumenter gjøres tilgjengelige før vedlegget er signert" in text
    assert "fastsatte disse dokumenttypene" not in text and "dokumentasjon:" not in text


@pytest.mark.parametrize("navn", HOSTILE)
def test_vedlegg_types_fill_the_table(navn: str) -> None:
    """Each document type of the annex is a row of its table, hostile names verbatim, with
    the agreement's number and version."""
    text = text_of(documents.renderer(TEMPLATES).render(
        "vedlegg_dokumenttyper.docx",
        annex_ctx(navn, [("Legevaktnotat", "Fra legevakt & <akutt>"), ("Epikrise", "")])))
    assert "Legevaktnotat" in text and "Fra legevakt & <akutt>" in text and "Epikrise" in text
    assert navn in text and "samarbeidsavtale PJD-KOMMUNER-958935420-1, versjon 1" in text


def test_missing_value_names_the_field() -> None:
    """A None in the context fails before rendering, naming the dotted field."""
    ctx = agreement_ctx("Oslo kommune")
    ctx["organisator"]["orgnr"] = None
    with pytest.raises(InvalidInput, match=r"organisator\.orgnr"):
        documents.renderer(TEMPLATES).render("samarbeidsavtale_kommune.docx", ctx)


def test_absent_variable_fails_strictly() -> None:
    """A variable left out of the context is an error (StrictUndefined), not an empty string."""
    ctx = agreement_ctx("Oslo kommune")
    del ctx["omraade"]
    with pytest.raises(InvalidInput, match="omraade"):
        documents.renderer(TEMPLATES).render("samarbeidsavtale_kommune.docx", ctx)


def other_than_open_passages(problems: dict[str, list[str]]) -> dict[str, list[str]]:
    """The problems that are not the lawyers' open passages (the shipped agreements have them)."""
    return {name: other for name, found in problems.items()
            if (other := [p for p in found if not p.startswith("open passage under")])}


def test_templates_check_passes_for_shipped_templates() -> None:
    """Every shipped template's variables are supplied; only the agreements are unsettled."""
    problems = check_templates(TEMPLATES)
    assert other_than_open_passages(problems) == {}
    assert sorted(problems) == ["samarbeidsavtale_avtalespesialist.docx",
                                "samarbeidsavtale_kommune.docx"]


def test_templates_check_names_an_unknown_variable(tmp_path: Path) -> None:
    """A template edited to use a variable the code does not supply is reported by name."""
    for f in TEMPLATES.glob("*.docx"):
        shutil.copy(f, tmp_path / f.name)
    d = docx.Document(str(tmp_path / "paaminnelse.docx"))
    d.add_paragraph("Saksnummer: {{ saksnummer }}")
    d.save(str(tmp_path / "paaminnelse.docx"))
    problems = other_than_open_passages(check_templates(tmp_path))
    assert list(problems) == ["paaminnelse.docx"]
    assert "saksnummer" in problems["paaminnelse.docx"][0]


def test_compiles_each_template_once() -> None:
    """Rendering twice reuses the compiled Jinja template."""
    render = documents.Renderer(TEMPLATES)
    render.render("paaminnelse.docx", contexts.sample_contexts()["paaminnelse.docx"])
    compiled = dict(render.compiled)
    parts = {sha: [p.template for p in t.parts] for sha, t in compiled.items()}
    render.render("paaminnelse.docx", contexts.sample_contexts()["paaminnelse.docx"])
    assert render.compiled == compiled and len(compiled) == 1
    assert {sha: [p.template for p in t.parts] for sha, t in render.compiled.items()} == parts
    assert list(compiled) == [render.template("paaminnelse.docx").sha256]


@pytest.mark.parametrize(("day", "text"), [
    (date(2026, 11, 25), "25. november 2026"), (date(2027, 5, 17), "17. mai 2027"),
    (date(2027, 1, 1), "1. januar 2027")])
def test_dates_are_norwegian(day: date, text: str) -> None:
    """Dates read as in Norwegian documents."""
    assert norsk_dato(day) == text


def test_pdf_through_libreoffice_has_the_names() -> None:
    """One soffice run converts a batch; pdftotext finds the parties in each PDF."""
    requires_soffice()
    render = documents.renderer(TEMPLATES)
    files = [render.render("samarbeidsavtale_kommune.docx", agreement_ctx(n)) for n in HOSTILE[:2]]
    pdfs = pdf.to_pdf(files)
    assert pdfs is not None and len(pdfs) == 2
    for data, navn in zip(pdfs, HOSTILE[:2], strict=True):
        assert data.startswith(b"%PDF-")
        text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True,
                              check=True).stdout.decode()
        assert " ".join(navn.split()) in " ".join(text.split())


def test_without_libreoffice_pdf_is_skipped_not_crashed(monkeypatch: pytest.MonkeyPatch) -> None:
    """With no soffice on PATH, to_pdf answers None so callers keep the DOCX only."""
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("AVTALEFLYT_SOFFICE", raising=False)
    assert pdf.to_pdf([b"x"]) is None
