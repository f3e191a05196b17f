"""Building blocks for the Word templates: a document with page numbers, fields, paragraphs,
brackets for the parties' lawyers, monospace runs, fixed-width tables, and loop tables."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

OUT = Path(__file__).resolve().parents[2] / "templates"  # the project's templates/
FONT, MONO = "Liberation Sans", "Liberation Mono"
LAWYERS = "Til avklaring mellom partenes jurister: "


# -- building blocks -------------------------------------------------------------------------

def new_document(footer: str) -> Document:
    """A4 with 2.5 cm margins (16 cm of text), Liberation Sans, and a footer with the page
    number as fields: `footer` on the left line, "Side X av Y" on the right."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    for name, size in (("Normal", 10.5), ("Title", 20), ("Heading 1", 13), ("Heading 2", 11)):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        if name != "Normal":
            style.font.color.rgb = RGBColor(0x1F, 0x2A, 0x44)
    doc.styles["Normal"].paragraph_format.space_after = Pt(4)
    first = section.footer.paragraphs[0]
    first.text = footer
    first.runs[0].font.size = Pt(8.5)
    pages = section.footer.add_paragraph()
    pages.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for part in ("Side ", "PAGE", " av ", "NUMPAGES"):
        if part.isupper():
            field(pages, part)
        else:
            pages.add_run(part).font.size = Pt(8.5)
    return doc


def field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES): begin, instruction, separate, a placeholder, end, each
    in a run of its own so no template tag ever shares a run with it."""
    def char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run = paragraph.add_run()
        run.font.size = Pt(8.5)
        run._r.append(element)

    char("begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run = paragraph.add_run()
    run.font.size = Pt(8.5)
    run._r.append(text)
    char("separate")
    paragraph.add_run("1").font.size = Pt(8.5)
    char("end")


def para(doc: Document, text: str, style: str | None = None) -> Paragraph:
    return doc.add_paragraph(nbsp(text), style=style)


def nbsp(text: str) -> str:
    """A paragraph sign keeps its number on the same line ("§ 19" never breaks)."""
    return text.replace("§ ", "§\u00a0")


def bracket(doc: Document, text: str) -> Paragraph:
    """A point the published sources leave open, marked for the parties' lawyers."""
    p = doc.add_paragraph()
    run = p.add_run(nbsp(f"[{LAWYERS}{text}]"))
    run.italic = True
    run.font.color.rgb = RGBColor(0x8A, 0x1C, 0x1C)
    return p


def mono(paragraph: Paragraph, text: str) -> None:
    run = paragraph.add_run(text)
    run.font.name = MONO
    run.font.size = Pt(8)


def fixed_widths(table: Table, widths: list[float]) -> None:
    """Fixed layout with the given column widths (cm), so Word and LibreOffice agree and a
    long value wraps at its spaces instead of stretching or breaking the table."""
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


@dataclass
class Cell:
    """One cell of a repeated row: paragraphs of text, optionally bold or monospace."""

    lines: tuple[str, ...]
    bold: bool = False
    monospace: bool = False
    small: bool = False


def cell(*lines: str, bold: bool = False, monospace: bool = False, small: bool = False) -> Cell:
    return Cell(lines, bold, monospace, small)


def loop_table(doc: Document, headers: list[str] | None, loop: str, rows: list[list[Cell]],
               widths: list[float], *, tall_last: bool = False) -> Table:
    """A table with an optional header row and `rows` repeated per item of `loop`
    (the `{%tr %}` rows vanish when rendered)."""
    count = len(rows) + 2 + (1 if headers else 0)
    table = doc.add_table(rows=count, cols=len(widths))
    table.style = "Table Grid"
    at = 0
    if headers:
        for i, h in enumerate(headers):
            table.rows[0].cells[i].text = h
            table.rows[0].cells[i].paragraphs[0].runs[0].bold = True
        at = 1
    table.rows[at].cells[0].text = "{%tr for " + loop + " %}"
    for r, row in enumerate(rows, start=at + 1):
        for c, spec in enumerate(row):
            fill(table.rows[r].cells[c], spec)
    table.rows[count - 1].cells[0].text = "{%tr endfor %}"
    fixed_widths(table, widths)
    for r in range(at + 1, count - 1):  # an item's rows stay on one page
        properties = table.rows[r]._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if r < count - 2:
            for c in table.rows[r].cells:
                for p in c.paragraphs:
                    p.paragraph_format.keep_with_next = True
    if tall_last:  # room to sign by hand
        table.rows[count - 2].height = Cm(1.6)
    return table


def signature_blocks(doc: Document) -> None:
    """One block per party of `parter`, in signing order: who signs, title, place and date,
    and a tall cell for the signature (the agreement and its annex alike)."""
    loop_table(doc, None, "s in parter", [
        [cell("For", bold=True), cell("{{ s.navn }}, org.nr. {{ s.orgnr }}", bold=True)],
        [cell("Navn"), cell("{{ s.signatar }}")],
        [cell("Tittel"), cell("{{ s.tittel }}")],
        [cell("Sted og dato"), cell("")],
        [cell("Signatur"), cell("")],
    ], [3.5, 12.5], tall_last=True)


def fill(target: object, spec: Cell) -> None:
    paragraphs = target.paragraphs  # type: ignore[attr-defined]
    for i, line in enumerate(spec.lines):
        p = paragraphs[0] if i == 0 else target.add_paragraph()  # type: ignore[attr-defined]
        if spec.monospace:
            mono(p, line)
            continue
        run = p.add_run(line)
        run.bold = spec.bold
        if spec.small or i > 0:
            run.font.size = Pt(9)


# -- the joining agreement -------------------------------------------------------------------

@dataclass(frozen=True)
class Words:
    """How the two kinds of agreement name their parties (bokmål, with genitives)."""

    part: str  # Kommunen
    part_def: str  # kommunen
    part_gen: str  # kommunens
    org: str  # KS
    org_gen: str  # KS' (Språkrådet: a word ending in -s takes only an apostrophe)


KOMMUNE = Words("Kommunen", "kommunen", "kommunens", "KS", "KS\u2019")
SPESIALIST = Words("Avtalespesialisten", "avtalespesialisten", "avtalespesialistens",
                   "RHF-et", "RHF-ets")


