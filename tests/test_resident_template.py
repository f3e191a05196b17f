"""The resident template renders what docxtpl renders: the same XML, the same text in Word and
in the PDF, the same variables, the same errors (as one line naming the field)."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import docx
import pytest
from docxtpl import DocxTemplate
from jinja2 import Environment, TemplateSyntaxError, UndefinedError

from agreements.documents import pdf
from agreements.documents.faults import TemplateFault
from agreements.documents.render import LoadedTemplate, Renderer, render_with_docxtpl
from agreements.documents.resident import ResidentTemplate
from agreements.errors import InvalidInput
from tests.conftest import requires_soffice
from tests.docx_support import (
    NAMES,
    SAMPLES,
    TEMPLATES,
    docxtpl_render,
    hostile,
    pdf_text,
    text_parts,
    xml_parts,
)

CASES = [(name, variant) for name in NAMES for variant in hostile(SAMPLES[name])]
PDF_VARIANTS = ("markup", "long_names", "long_lists", "listing")


@pytest.fixture(scope="module")
def residents() -> dict[str, ResidentTemplate]:
    return {n: ResidentTemplate((TEMPLATES / n).read_bytes(), n) for n in NAMES}


@pytest.fixture(scope="module")
def rendered(residents: dict[str, ResidentTemplate]) -> dict[tuple[str, str],
                                                              tuple[bytes, bytes]]:
    """(template, variant) → (resident .docx, docxtpl .docx)."""
    out = {}
    for name in NAMES:
        data = (TEMPLATES / name).read_bytes()
        for variant, context in hostile(SAMPLES[name]).items():
            out[name, variant] = (residents[name].render(context), docxtpl_render(data, context))
    return out


@pytest.mark.parametrize(("name", "variant"), CASES)
def test_body_headers_and_footers_are_byte_identical(rendered: Any, name: str,
                                                     variant: str) -> None:
    """document.xml, every header and footer come out byte for byte as docxtpl writes them."""
    mine, theirs = rendered[name, variant]
    assert xml_parts(mine) == xml_parts(theirs)
    assert text_parts(mine) == text_parts(theirs)


@pytest.mark.parametrize(("name", "variant"), CASES)
def test_word_reads_the_same_paragraphs_tables_and_properties(rendered: Any, name: str,
                                                               variant: str) -> None:
    """python-docx opens both and reads the same paragraphs, cells and core properties."""
    mine, theirs = (docx.Document(io.BytesIO(d)) for d in rendered[name, variant])
    assert [p.text for p in mine.paragraphs] == [p.text for p in theirs.paragraphs]
    assert ([c.text for t in mine.tables for r in t.rows for c in r.cells]
            == [c.text for t in theirs.tables for r in t.rows for c in r.cells])
    for prop in ("author", "comments", "identifier", "language", "subject", "title"):
        assert getattr(mine.core_properties, prop) == getattr(theirs.core_properties, prop)


def test_pdf_text_is_identical_for_hostile_names_loops_and_tables(rendered: Any) -> None:
    """LibreOffice prints the same text from both paths' documents (one batch for all)."""
    requires_soffice()
    keys = [k for k in rendered if k[1] in PDF_VARIANTS]
    pdfs = pdf.to_pdf([d for k in keys for d in rendered[k]])
    assert pdfs is not None
    for i, key in enumerate(keys):
        mine, theirs = pdf_text(pdfs[2 * i]), pdf_text(pdfs[2 * i + 1])
        assert mine == theirs, key
        assert mine.strip(), key


def test_hostile_values_arrive_as_text(rendered: Any) -> None:
    """Markup, Sámi letters and Jinja written in a value come out verbatim, never executed."""
    for name in NAMES:
        text = "\n".join(text_parts(rendered[name, "markup"][0]).values())
        assert "<script>alert(\"x\")</script>" in text and "&amp;" in text
        sami = "\n".join(text_parts(rendered[name, "sami"][0]).values())
        assert "Gáivuona suohkan – Kárášjohka ŊŦŽČĐŠ" in sami
        jinja = "\n".join(text_parts(rendered[name, "jinja_in_values"][0]).values())
        assert "{{ 7*7 }}" in jinja


def test_loops_repeat_table_rows(rendered: Any) -> None:
    """A `{%tr for %}` loop gives one table row per item (60 more rows than with none)."""
    name = "signeringsbekreftelse.docx"
    tables = [docx.Document(io.BytesIO(rendered[name, v][0])).tables for v in
              ("long_lists", "empty_lists")]
    assert sum(len(t.rows) for t in tables[0]) > sum(len(t.rows) for t in tables[1]) + 59


def test_unchanged_members_are_copied_as_stored(residents: dict[str, ResidentTemplate]) -> None:
    """Every member but the rendered parts keeps its compressed bytes, CRC and order."""
    for name in NAMES:
        src = zipfile.ZipFile(TEMPLATES / name)
        out = zipfile.ZipFile(io.BytesIO(residents[name].render(SAMPLES[name])))
        assert out.testzip() is None
        assert out.namelist()[0] == "[Content_Types].xml"
        assert sorted(out.namelist()) == sorted(src.namelist())
        rendered = {p.member for p in residents[name].parts}
        for info in src.infolist():
            mine = out.getinfo(info.filename)
            assert mine.compress_type == info.compress_type
            if info.filename not in rendered:
                assert (mine.CRC, mine.compress_size) == (info.CRC, info.compress_size)


@pytest.mark.parametrize("name", NAMES)
def test_variables_are_docxtpls(residents: dict[str, ResidentTemplate], name: str) -> None:
    """The undeclared variables are those docxtpl finds, and the code supplies each."""
    theirs = DocxTemplate(str(TEMPLATES / name)).get_undeclared_template_variables(
        jinja_env=Environment())
    assert residents[name].variables() == theirs
    assert residents[name].variables() <= set(SAMPLES[name])


@pytest.mark.parametrize("name", ["samarbeidsavtale_kommune.docx", "paaminnelse.docx"])
def test_an_absent_field_fails_as_docxtpl_does_and_is_named(
        residents: dict[str, ResidentTemplate], name: str) -> None:
    """Jinja's own error, wrapped as one line naming the template, the line and the field."""
    context = {**SAMPLES[name], "virksomhet": {"orgnr": "958 935 420"}}
    with pytest.raises(UndefinedError) as theirs:
        docxtpl_render((TEMPLATES / name).read_bytes(), context)
    with pytest.raises(TemplateFault) as mine:
        residents[name].render(context)
    assert isinstance(mine.value, InvalidInput)
    assert mine.value.original.message == theirs.value.message
    assert mine.value.field == "virksomhet.navn"
    message = str(mine.value)
    assert message.startswith(f"template {name}: word/document.xml line ")
    assert "(field virksomhet.navn)" in message and "\n" not in message


def _broken(name: str) -> bytes:
    src, out = zipfile.ZipFile(TEMPLATES / name), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"{{ virksomhet.navn }}", b"{{ virksomhet.navn }", 1)
            z.writestr(info, data)
    return out.getvalue()


def test_a_syntax_error_is_one_line_with_its_line_number() -> None:
    """A `}` missing in Word: one line naming template, part and line, as Jinja counts it."""
    data = _broken("paaminnelse.docx")
    with pytest.raises(TemplateSyntaxError) as theirs:
        docxtpl_render(data, SAMPLES["paaminnelse.docx"])
    with pytest.raises(TemplateFault) as mine:
        ResidentTemplate(data, "paaminnelse.docx")
    assert mine.value.lineno == theirs.value.lineno
    assert str(mine.value).startswith(
        f"template paaminnelse.docx: word/document.xml line {theirs.value.lineno}: ")
    assert "\n" not in str(mine.value) and "virksomhet.navn" in str(mine.value)


def test_templates_check_reports_a_syntax_error(tmp_path: Any) -> None:
    """`templates check` names a broken template instead of crashing."""
    from agreements.documents.render import check_templates

    for name in NAMES:
        (tmp_path / name).write_bytes((TEMPLATES / name).read_bytes())
    (tmp_path / "paaminnelse.docx").write_bytes(_broken("paaminnelse.docx"))
    problems = {name: found for name, found in check_templates(tmp_path).items()
                if not found[0].startswith("open passage under")}  # the agreements' brackets
    assert list(problems) == ["paaminnelse.docx"]
    assert "word/document.xml line" in problems["paaminnelse.docx"][0]


def test_docxtpls_own_path_gives_the_same_text() -> None:
    """The path kept for other docxtpl releases renders the same text, errors as InvalidInput."""
    name = "samarbeidsavtale_kommune.docx"
    template = Renderer(TEMPLATES).template(name)
    assert text_parts(render_with_docxtpl(template, SAMPLES[name])) == text_parts(
        Renderer(TEMPLATES).render(name, SAMPLES[name]))
    with pytest.raises(InvalidInput, match="omraade"):
        render_with_docxtpl(LoadedTemplate(name, template.data, template.sha256),
                            {k: v for k, v in SAMPLES[name].items() if k != "omraade"})
