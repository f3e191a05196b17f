"""For the document tests: docxtpl's own rendering to compare with, hostile variants of the
sample contexts, and the text of the rendered parts."""

from __future__ import annotations

import copy
import io
import re
import subprocess
import zipfile
from collections.abc import Callable
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined
from lxml import etree

from agreements.config import PROJECT_ROOT
from agreements.documents import contexts

TEMPLATES = PROJECT_ROOT / "templates"
SAMPLES: dict[str, dict[str, Any]] = contexts.sample_contexts()
NAMES = sorted(SAMPLES)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LONG_NAME = ("Gáivuona suohkan – Kåfjord kommune & Ráisa <script>alert('x')</script> "
             "\"Sørli\" «Ávžžuhus» ") * 12
LONG_MAIL = "førnavn.etternavn." + "a" * 200 + "@gáivuona-suohkan." + "b" * 60 + ".no"


def docxtpl_render(data: bytes, context: dict[str, Any]) -> bytes:
    """The reference: a fresh DocxTemplate per document, as docxtpl's documentation does it."""
    doc = DocxTemplate(io.BytesIO(data))
    doc.render(context, jinja_env=Environment(autoescape=True, undefined=StrictUndefined),
               autoescape=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _map(value: Any, strings: Callable[[str], Any], lists: Callable[[list[Any]], Any]) -> Any:
    if isinstance(value, str):
        return strings(value)
    if isinstance(value, dict):
        return {k: _map(v, strings, lists) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return lists([_map(v, strings, lists) for v in value])
    return value


def _names_and_mails(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: (LONG_MAIL if k == "epost" and isinstance(v, str) else
                    LONG_NAME if k in ("navn", "part") and isinstance(v, str) else
                    _names_and_mails(v)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_names_and_mails(v) for v in value]
    return value


def hostile(context: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Variants of one sample context that stress escaping, loops, tables and layout."""
    same: Callable[[Any], Any] = lambda x: x  # noqa: E731

    def sixty(items: list[Any]) -> list[Any]:
        return [copy.deepcopy(items[i % len(items)]) for i in range(60)] if items else items

    return {
        "sample": context,
        "markup": _map(context, lambda s: s + " & Co <script>alert(\"x\")</script> "
                                              "'sitat' \"dobbel\" ]]> &amp;", same),
        "sami": _map(context, lambda s: "Gáivuona suohkan – Kárášjohka ŊŦŽČĐŠ " + s, same),
        "long_names": _names_and_mails(context),
        "empty_lists": _map(context, same, lambda items: []),
        "long_lists": _map(context, same, sixty),
        "jinja_in_values": _map(context, lambda s: s + " {{ 7*7 }} {% if x %} {#c#}", same),
        "listing": _map(context, lambda s: s + "\nandre linje\tmed tab", same),
    }


def xml_text(part: bytes) -> str:
    """The visible text of a WordprocessingML part: paragraphs, runs, tabs and breaks."""
    root = etree.fromstring(part)
    lines = []
    for p in root.iter(W + "p"):
        chunks = [(el.text or "") if el.tag == W + "t" else "\t" if el.tag == W + "tab" else "\n"
                  for el in p.iter(W + "t", W + "tab", W + "br")]
        lines.append("".join(chunks))
    return "\n".join(lines)


def xml_parts(docx: bytes) -> dict[str, bytes]:
    """word/document.xml and every header, footer and footnotes part, as stored."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return {n: z.read(n) for n in z.namelist()
                if n == "word/document.xml"
                or re.fullmatch(r"word/(header|footer)\d*\.xml|word/footnotes\.xml", n)}


def text_parts(docx: bytes) -> dict[str, str]:
    return {n: xml_text(x) for n, x in xml_parts(docx).items()}


def pdf_text(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, check=True,
                          capture_output=True).stdout.decode()
