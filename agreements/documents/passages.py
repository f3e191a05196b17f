"""Passages a template leaves open ("to be settled"), found in the rendered document, and the
mark every page of a document carries while it has any.

A passage is open when a paragraph holds one of the template's markers: the brackets for the
parties' lawyers («[Til avklaring mellom partenes jurister: …]») always, and whatever else the
template declares in its document properties' Keywords (Stikkord) as `uavklart=<text>`
(several separated by `;`). They are looked for in the rendered document, so an organiser's
own Word template is checked the same way, and each is named by the heading it stands under.

A document with open passages is not for signing: it is marked «UTKAST – ikke til signering»
(a first paragraph in the DOCX, and a line at the top of every page of the PDF). Whether it
may be sent at all is the sender's decision (`AVTALEFLYT_ALLOW_DRAFT_TEMPLATES`).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from agreements.documents import zipcopy

MARK = "UTKAST – ikke til signering"
LAWYERS = "[Til avklaring mellom partenes jurister"
DECLARED = "uavklart="
BEFORE_ANY_HEADING = "innledningen"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_HEADING = re.compile(r"^(heading|overskrift|title|tittel)", re.IGNORECASE)


@dataclass(frozen=True)
class OpenPassage:
    section: str  # the heading it stands under ("3 Rettslig grunnlag")
    text: str  # the passage, as the document has it


def markers(docx: bytes) -> tuple[str, ...]:
    """The lawyers' brackets, and the markers the document's Keywords declare."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        core = z.read("docProps/core.xml") if "docProps/core.xml" in z.namelist() else b""
    found = etree.fromstring(core).find(f"{{{_CORE}}}keywords") if core else None
    words = found.text or "" if found is not None else ""
    declared = [w.strip()[len(DECLARED):].strip() for w in words.split(";")
                if w.strip().lower().startswith(DECLARED)]
    return (LAWYERS, *(d for d in declared if d))


def open_passages(docx: bytes) -> list[OpenPassage]:
    """Every paragraph of the document's body that holds a marker, in order, with the heading
    above it."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return open_in(root, markers(docx))


def open_in(root: etree._Element, wanted: Sequence[str]) -> list[OpenPassage]:
    """`open_passages` of a parsed main document (or its body), holding one of `wanted`."""
    section, found = BEFORE_ANY_HEADING, []
    for p in _candidates(tuple(wanted))(root):
        text = "".join(t.text or "" for t in p.iter(f"{{{_W}}}t")).replace("\u00a0", " ")
        style = p.find(f"{{{_W}}}pPr/{{{_W}}}pStyle")
        name = style.get(f"{{{_W}}}val", "") if style is not None else ""
        if _HEADING.match(name) and text.strip():
            section = text.strip()
        elif any(m in text for m in wanted):
            found.append(OpenPassage(section, text.strip()))
    return found


@lru_cache(maxsize=16)
def _candidates(wanted: tuple[str, ...]) -> etree.XPath:
    """The paragraphs that may be a heading (styled) or hold a marker, in document order:
    one that holds a marker has its first character in one of its texts (a character is
    never split between two), where a no-break space reads as a space."""
    firsts = {m[0] for m in wanted if m} | ({"\u00a0"} if any(m[:1] == " " for m in wanted)
                                            else set())
    holds = " or ".join(f"contains(., {_literal(c)})" for c in sorted(firsts)) or "false()"
    return etree.XPath(f"descendant-or-self::w:p[w:pPr/w:pStyle or .//w:t[{holds}]]",
                       namespaces={"w": _W})


def _literal(char: str) -> str:
    return f'"{char}"' if char == "'" else f"'{char}'"


def sections(passages: Sequence[OpenPassage]) -> list[str]:
    """The sections with open passages, each once, in order ("10 Ansvar og kostnader (2)")."""
    counts = Counter(p.section for p in passages)
    return [s if counts[s] == 1 else f"{s} ({counts[s]})" for s in dict.fromkeys(
        p.section for p in passages)]


def mark_docx(docx: bytes) -> bytes:
    """The DOCX with «UTKAST – ikke til signering» as its first paragraph (red, bold)."""
    members = zipcopy.read_members(docx)
    body = next(m for m in members if m.name == "word/document.xml")
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        xml = z.read(body.name).decode("utf-8")
    marked = mark_xml(xml)
    if marked is xml:
        return docx
    return zipcopy.write(members, {body.name: body.replaced(marked.encode("utf-8"), 6)})


def mark_xml(xml: str) -> str:
    """The main document's XML with the mark as its body's first paragraph (`xml` itself
    when it has no plain body start tag)."""
    prefix = re.search(r"<(\w+):body>", xml)
    if prefix is None:
        return xml
    w = prefix.group(1)
    mark = (f"<{w}:p><{w}:r><{w}:rPr><{w}:b/><{w}:color {w}:val=\"C00000\"/>"
            f"<{w}:sz {w}:val=\"28\"/></{w}:rPr><{w}:t>{MARK}</{w}:t></{w}:r></{w}:p>")
    return xml[:prefix.end()] + mark + xml[prefix.end():]


def mark_pdf(pdf: bytes) -> bytes:
    """The PDF with «UTKAST – ikke til signering» at the top of every page (an incremental
    update: the page content is kept as it was)."""
    from pyhanko.pdf_utils import generic as g
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    name = g.NameObject("/AvtaleflytUtkast")
    font = writer.add_object(g.DictionaryObject({
        g.NameObject("/Type"): g.NameObject("/Font"),
        g.NameObject("/Subtype"): g.NameObject("/Type1"),
        g.NameObject("/BaseFont"): g.NameObject("/Helvetica-Bold"),
        g.NameObject("/Encoding"): g.NameObject("/WinAnsiEncoding")}))
    text = MARK.encode("cp1252").replace(b"(", b"\\(").replace(b")", b"\\)")
    for index in range(int(writer.root["/Pages"]["/Count"])):
        page_ref, resources_ref = writer.find_page_for_modification(index)
        box = page_ref.get_object().get("/MediaBox", [0, 0, 595, 842])
        top = float(box[3]) - 28
        stream = writer.add_object(g.StreamObject(stream_data=(
            b"q BT /AvtaleflytUtkast 13 Tf 0.75 0 0 rg 56 %.1f Td (" % top + text
            + b") Tj ET Q")))
        resources = resources_ref.get_object() if resources_ref is not None else {}
        fonts = resources.get("/Font", {})
        fonts = fonts.get_object() if isinstance(fonts, g.IndirectObject) else fonts
        merged = None if name in fonts else g.DictionaryObject({
            g.NameObject("/Font"): g.DictionaryObject({name: font})})
        writer.add_stream_to_page(index, stream, resources=merged)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
