"""A docxtpl template parsed, patched and compiled once, rendered many times (thread-safe).

`DocxTemplate(path).render(ctx); save()` re-parses the whole package (styles.xml alone is
350 KB), re-patches and re-compiles every part's Jinja, and re-serialises and re-compresses
every part on each call. `ResidentTemplate` runs docxtpl's own pre-processing once, with
docxtpl's own functions, on the parts docxtpl renders: the main document's `<w:body>`, every
non-empty header and footer of the main document, every footnotes part, and the core
properties author/comments/identifier/language/subject/title. That is: read as python-docx
reads them, `patch_xml()`, the `\\n<w:p` line split of `render_xml_part`, the Jinja compile.

Per render it does what docxtpl does after Jinja: undo the line split, turn `{_{ }_} {_% %_}`
into literal braces, `resolve_listing()`, and for the body `fix_tables()` and the docPr id
renumbering (1001, 1002, ...); headers and footers are serialised as python-docx saves them.
The other ZIP members are copied as stored (`zipcopy`), so document.xml, headers and footers
are byte-identical to docxtpl's. Not supported (the contexts never hold them): InlineImage and
Subdoc values, docxtpl's replace_* helpers. Core properties are copied unless they hold Jinja.
"""

from __future__ import annotations

import hashlib
import io
import re
import zlib
from collections.abc import Callable, Mapping
from copy import deepcopy
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, cast

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.oxml.coreprops import CT_CoreProperties
from docx.oxml.ns import nsmap
from docx.oxml.parser import parse_xml
from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined, Template, TemplateError, meta
from lxml import etree

from agreements.documents import language, zipcopy
from agreements.documents.faults import TemplateFault, excerpt_of, template_line

#: Core properties docxtpl renders (DocxTemplate.render_properties).
CORE_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
LEVEL = 6  # zlib level for the rendered parts, as zipfile and python-docx use
Kind = Literal["body", "xml", "raw"]  # xml: a header or footer; raw: footnotes
Edit = Callable[[etree._Element, str], str]  # (rendered body, main document XML) → XML


@cache
def _docxtpl() -> DocxTemplate:
    """An unrendered DocxTemplate, only for docxtpl's stateless helpers."""
    return DocxTemplate(io.BytesIO())


@cache
def _docpr() -> etree.XPath:
    return etree.XPath("//wp:docPr", namespaces=nsmap)


@dataclass(frozen=True)
class _Part:
    member: str  # ZIP member name
    kind: Kind
    template: Template
    lines: list[str]  # the compiled source's lines, for error excerpts


class ResidentTemplate:
    """One .docx template kept parsed and compiled; `render()` is safe from many threads."""

    def __init__(self, data: bytes, name: str = "template.docx") -> None:
        """Parse, patch and compile `data` (a .docx); a Jinja syntax error is a TemplateFault."""
        self.name = name
        self.sha256 = hashlib.sha256(data).hexdigest()  # of the file as the organiser has it
        data = language.bokmal(data)
        self.env = Environment(autoescape=True, undefined=StrictUndefined)
        self._members = zipcopy.read_members(data)
        self._by_name = {m.name: m for m in self._members}
        tpl = DocxTemplate(io.BytesIO(data))
        tpl.init_docx()
        doc = tpl.docx
        self._prefix, self._suffix, self._body_open, self._body_plain = _document_frame(doc)
        body = tpl.patch_xml(tpl.get_xml())
        parts, scanned = [self._compile(doc.part.partname, "body", body)], [body]
        for uri in (DocxTemplate.HEADER_URI, DocxTemplate.FOOTER_URI):
            for _, part in tpl.get_headers_footers(uri):
                source = tpl.patch_xml(tpl.get_part_xml(part))
                parts.append(self._compile(part.partname, "xml", source))
                scanned.append(source)
        for part in doc.part.package.parts:
            if part.content_type == CT.WML_FOOTNOTES:
                source = tpl.patch_xml(part.blob.decode("utf-8"))
                parts.append(self._compile(part.partname, "raw", source))
        missing = [p.member for p in parts if p.member not in self._by_name]
        if missing:
            raise ValueError(f"{name}: parts {missing} are not ZIP members")
        self.parts = tuple(parts)
        self._core = self._core_properties(doc)
        # as docxtpl's get_undeclared_template_variables: body, headers and footers
        self._variables = frozenset(meta.find_undeclared_variables(
            Environment().parse("".join(scanned))))

    def variables(self) -> set[str]:
        """Undeclared variables, as docxtpl's get_undeclared_template_variables() gives."""
        return set(self._variables)

    def render(self, context: Mapping[str, Any], edit: Edit | None = None) -> bytes:
        """The rendered .docx. Raises TemplateFault (one line, naming the field) on an error.
        `edit`, given the rendered body (parsed) and the main document's XML, returns the XML
        to store instead (the draft's mark), before anything is compressed."""
        replace: dict[str, zipcopy.Member] = {}
        for part in self.parts:
            xml = self._render_part(part, context)
            if part.kind == "body":
                data = self._body(xml, edit)
            elif part.kind == "xml":
                data = serialize_part_xml(parse_xml(xml.encode("utf-8")))
            else:
                data = xml.encode("utf-8")
            replace[part.member] = self._by_name[part.member].replaced(data, LEVEL)
        if self._core is not None:
            member, templates = self._core
            data = self._render_core(self._by_name[member], templates, context)
            replace[member] = self._by_name[member].replaced(data, LEVEL)
        return zipcopy.write(self._members, replace)

    # -- internals -------------------------------------------------------------------------

    def _compile(self, partname: str, kind: Kind, patched: str) -> _Part:
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)  # as render_xml_part does
        member, lines = partname.lstrip("/"), source.splitlines()
        try:
            template = self.env.from_string(source)
        except TemplateError as exc:
            raise self._fault(member, lines, getattr(exc, "lineno", None), exc) from None
        return _Part(member, kind, template, lines)

    def _render_part(self, part: _Part, context: Mapping[str, Any]) -> str:
        try:
            xml = part.template.render(context)
        except TemplateError as exc:
            raise self._fault(part.member, part.lines, template_line(exc), exc) from None
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = (xml.replace("{_{", "{{").replace("}_}", "}}")
               .replace("{_%", "{%").replace("%_}", "%}"))
        if "\t" in xml or "\a" in xml or "\n" in xml or "\f" in xml:
            xml = _docxtpl().resolve_listing(xml)  # the identity when none of these occurs
        return xml

    def _body(self, xml: str, edit: Edit | None) -> bytes:
        tree = _docxtpl().fix_tables(xml)
        for i, elt in enumerate(_docpr()(tree), start=1001):  # DocxTemplate.fix_docpr_ids
            elt.attrib["id"] = str(i)
        body: str = etree.tostring(tree, encoding="unicode")
        if self._body_open and body.startswith(self._body_open):
            body = self._body_plain + body[len(self._body_open):]
        whole = self._prefix + body + self._suffix
        return (edit(tree, whole) if edit is not None else whole).encode("utf-8")

    def _core_properties(self, doc: Any) -> tuple[str, dict[str, Template]] | None:
        """The core properties holding Jinja; None when rendering leaves them unchanged."""
        part = next((p for p in doc.part.package.parts
                     if p.content_type == CT.OPC_CORE_PROPERTIES), None)
        if part is None:
            return None
        member = part.partname.lstrip("/")
        props = CoreProperties(cast(CT_CoreProperties, parse_xml(part.blob)))
        templates = {}
        for prop in CORE_PROPERTIES:
            value = getattr(props, prop)
            if re.search(r"\{[{%#]", value) or value.endswith("\n"):
                try:
                    templates[prop] = self.env.from_string(value)
                except TemplateError as exc:
                    raise self._fault(member, [value], getattr(exc, "lineno", None),
                                      exc) from None
        return (member, templates) if templates else None

    def _render_core(self, member: zipcopy.Member, templates: Mapping[str, Template],
                     context: Mapping[str, Any]) -> bytes:
        raw = member.stored if member.method == 0 else zlib.decompress(member.stored, -15)
        element = parse_xml(raw)
        props = CoreProperties(cast(CT_CoreProperties, element))
        for prop, template in templates.items():
            try:
                setattr(props, prop, template.render(context))
            except TemplateError as exc:
                raise self._fault(member.name, [prop], None, exc) from None
        return bytes(serialize_part_xml(element))

    def _fault(self, member: str, lines: list[str], lineno: int | None,
               exc: TemplateError) -> TemplateFault:
        return TemplateFault(self.name, member, lineno, excerpt_of(lines, lineno), exc)


def _document_frame(doc: Any) -> tuple[str, str, str, str]:
    """The main document as python-docx saves it, split around <w:body>: (prefix, suffix,
    the body start tag as the rendered body carries it, the plain start tag to use)."""
    root = deepcopy(doc.element)
    root.body.clear()
    marker = f"<{root.body.prefix}:body/>" if root.body.prefix else "<body/>"
    whole = serialize_part_xml(root).decode("utf-8")
    if whole.count(marker) != 1:
        raise ValueError("cannot locate <w:body> in the main document")
    prefix, suffix = whole.split(marker)
    # the rendered body re-declares the document's namespaces; python-docx's save drops them
    # when the body is moved back in, so they are dropped here too (plain <w:body> only)
    body_open = "" if doc.element.body.attrib else (
        etree.tostring(doc.element.body, encoding="unicode").split(">", 1)[0] + ">")
    return prefix, suffix, body_open, marker[:-2] + ">"
