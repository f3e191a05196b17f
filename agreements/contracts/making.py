"""Making the documents that are signed (an agreement, an annex): render each from its
template, find the passages the template leaves open, mark a document that has any
«UTKAST – ikke til signering» (the DOCX and every page of the PDF), and convert them in one
converter run. Slow: call it with no transaction open."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from agreements.documents import passages, pdf, render

if TYPE_CHECKING:
    from agreements.documents.pdf import Converts


@dataclass(frozen=True)
class Made:
    docx: bytes
    pdf: bytes | None
    open_passages: tuple[str, ...]  # the sections with a passage still to be settled
    template_sha256: str


def make(work: Converts, wanted: Sequence[tuple[str, dict[str, Any]]]) -> list[Made]:
    """One document per (template, context), in order."""
    renderer = render.renderer(work.settings.templates_dir)
    docx, found = [], []
    for template, context in wanted:
        data, open_passages = renderer.render_marked(template, context)
        docx.append(data)
        found.append(tuple(passages.sections(open_passages)))
    pdfs = pdf.convert(work.converter(), docx)
    return [Made(d, (passages.mark_pdf(pdfs[i]) if found[i] else pdfs[i]) if pdfs else None,
                 found[i], renderer.template(template).sha256)
            for i, (d, (template, _)) in enumerate(zip(docx, wanted, strict=True))]
