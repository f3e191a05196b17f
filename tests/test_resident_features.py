"""docxtpl features the shipped templates don't use yet, on a synthetic template: a header,
`{%tc` column loops (fix_tables), `{{r` RichText, Listing, `{_{` escapes, pictures (docPr
ids), core properties with Jinja, a footnotes part; many threads; unusual ZIP layouts."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import docx
import pytest
from docxtpl import Listing, RichText

from agreements.documents.resident import ResidentTemplate
from tests.docx_support import SAMPLES, TEMPLATES, docxtpl_render, text_parts, xml_parts

FOOTNOTES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             b'<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
             b'<w:footnote w:id="1"><w:p><w:r><w:t>Note: {{ note }}</w:t></w:r></w:p>'
             b'</w:footnote></w:footnotes>')
FOOTNOTES_TYPE = (b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.'
                  b'openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
FOOTNOTES_REL = (b'<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/'
                 b'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                 b'</Relationships>')


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def _synthetic() -> bytes:
    d = docx.Document()
    d.core_properties.title = "Avtale {{ nummer }}"
    d.core_properties.subject = "Fast emne"
    d.sections[0].header.paragraphs[0].text = "Topp {{ nummer }} – {{ navn }}"
    for text in ("Navn: {{ navn }} {_{ bokstavelig }_}", "{{r rik }}", "Liste: {{ liste }}",
                 "{%p for x in rader %}", "Rad {{ loop.index }}: {{ x }}", "{%p endfor %}"):
        d.add_paragraph(text)
    t = d.add_table(rows=2, cols=3)
    for row, first in zip(t.rows, ("{{ c }}", "x{{ c }}"), strict=True):
        for cell, text in zip(row.cells, ["{%tc for c in kolonner %}", first,
                                          "{%tc endfor %}"], strict=True):
            cell.text = text
    d.add_picture(io.BytesIO(_png()))
    d.add_picture(io.BytesIO(_png()))
    out = io.BytesIO()
    d.save(out)
    src, dst = zipfile.ZipFile(out), io.BytesIO()  # python-docx cannot add footnotes
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", FOOTNOTES_TYPE)
            if info.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", FOOTNOTES_REL)
            z.writestr(info, data)
        z.writestr("word/footnotes.xml", FOOTNOTES)
    return dst.getvalue()


def _context(i: int, columns: int = 4) -> dict[str, Any]:
    rich = RichText()
    rich.add(f"fet {i} & <b>", bold=True)
    rich.add(" kursiv", italic=True)
    return {"nummer": f"PJD-{i}", "navn": f"Gáivuona suohkan & <{i}>", "note": f"fotnote {i} &",
            "rik": rich, "liste": Listing(f"linje 1\nlinje 2\ttab {i}"),
            "rader": [f"r{j} & <x>" for j in range(i % 5)],
            "kolonner": [f"k{j}" for j in range(columns)]}


@pytest.fixture(scope="module")
def synthetic() -> bytes:
    return _synthetic()


@pytest.mark.parametrize("columns", [0, 1, 3, 4, 9])
def test_synthetic_template_matches_docxtpl(synthetic: bytes, columns: int) -> None:
    """Header, footnotes, column loops, rich text, listings, pictures: as docxtpl renders them."""
    context = _context(3, columns)
    mine = ResidentTemplate(synthetic, "synthetic.docx").render(context)
    theirs = docxtpl_render(synthetic, context)
    assert xml_parts(mine) == xml_parts(theirs)  # with the header, footnotes, fixed tblGrid
    assert text_parts(mine) == text_parts(theirs)
    assert {"word/footnotes.xml", "word/header1.xml"} <= set(xml_parts(mine))
    a, b = docx.Document(io.BytesIO(mine)), docx.Document(io.BytesIO(theirs))
    assert a.core_properties.title == b.core_properties.title == "Avtale PJD-3"
    assert a.core_properties.subject == b.core_properties.subject == "Fast emne"
    with zipfile.ZipFile(io.BytesIO(mine)) as z:
        body = z.read("word/document.xml")
    assert b'id="1001"' in body and b'id="1002"' in body  # docPr ids renumbered


def test_threads_render_what_one_thread_renders(synthetic: bytes) -> None:
    """One resident template rendered from eight threads at once gives the same bytes."""
    resident = ResidentTemplate(synthetic, "synthetic.docx")
    name = "samarbeidsavtale_kommune.docx"
    agreement = ResidentTemplate((TEMPLATES / name).read_bytes(), name)
    base = SAMPLES[name]

    def job(i: int) -> tuple[bytes, bytes]:
        ctx = {**base, "virksomhet": {"navn": f"Kommune {i} & co", "orgnr": str(i)}}
        return resident.render(_context(i)), agreement.render(ctx)

    expected = [job(i) for i in range(32)]
    with ThreadPoolExecutor(8) as pool:
        for _ in range(2):
            assert list(pool.map(job, range(32))) == expected


class _Unseekable(io.RawIOBase):
    """A write-only stream without seek(), so zipfile writes data descriptors (flag bit 3)."""

    def __init__(self) -> None:
        self.buf = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        self.buf += b
        return len(b)


def test_streamed_zip_with_stored_members() -> None:
    """A template saved with data descriptors and uncompressed members is copied correctly."""
    name = "paaminnelse.docx"
    src, sink = zipfile.ZipFile(TEMPLATES / name), _Unseekable()
    with zipfile.ZipFile(sink, "w") as z:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, info.date_time)
            zi.compress_type = (zipfile.ZIP_STORED if info.filename.endswith((".jpeg", ".rels"))
                                else zipfile.ZIP_DEFLATED)
            z.writestr(zi, src.read(info.filename))
    data = bytes(sink.buf)
    assert any(i.flag_bits & 0x08 for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    mine = ResidentTemplate(data, name).render(SAMPLES[name])
    out = zipfile.ZipFile(io.BytesIO(mine))
    assert out.testzip() is None
    assert sorted((i.filename, i.compress_type) for i in out.infolist()) == sorted(
        (i.filename, i.compress_type) for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    assert xml_parts(mine) == xml_parts(docxtpl_render(data, SAMPLES[name]))
