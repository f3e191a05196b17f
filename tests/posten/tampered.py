"""Signed PDFs that change more than a signature, made with pyHanko for the tests: what a
forger could hand in. Each `with_*` changes the document in the same incremental update that
adds the signature (the signing revision); `after_*` changes it after the signature."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from cryptography import x509
from pyhanko.pdf_utils import embed, generic
from pyhanko.pdf_utils.generic import NameObject as N
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from .pades import _signer, _text
from .pki import Issued

Change = Callable[[IncrementalPdfFileWriter], None]


def _page(writer: IncrementalPdfFileWriter) -> generic.DictionaryObject:
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    assert isinstance(page, generic.DictionaryObject)
    return page


def overlay(writer: IncrementalPdfFileWriter) -> None:
    """Text drawn over page 1 (a second content stream)."""
    page = _page(writer)
    extra = writer.add_object(generic.StreamObject(
        stream_data=_text("Kommunen betaler KS 1 000 000 kr", y=400)))
    old = page["/Contents"]
    kept = list(old) if isinstance(old, generic.ArrayObject) else [page.raw_get("/Contents")]
    page[N("/Contents")] = generic.ArrayObject([*kept, extra])
    writer.update_container(page)


def extra_page(writer: IncrementalPdfFileWriter) -> None:
    """A second page with a clause of its own."""
    pages = writer.root["/Pages"]
    first = _page(writer)
    new = generic.DictionaryObject({
        N("/Type"): N("/Page"), N("/Parent"): writer.root.raw_get("/Pages"),
        N("/MediaBox"): first["/MediaBox"], N("/Resources"): first.raw_get("/Resources"),
        N("/Contents"): writer.add_object(generic.StreamObject(
            stream_data=_text("Tilleggsavtale: KS eier alle data")))})
    pages["/Kids"].append(writer.add_object(new))
    pages[N("/Count")] = generic.NumberObject(int(pages["/Count"]) + 1)
    writer.update_container(pages)


def annotation(writer: IncrementalPdfFileWriter) -> None:
    """A free-text annotation on page 1."""
    page = _page(writer)
    annot = writer.add_object(generic.DictionaryObject({
        N("/Type"): N("/Annot"), N("/Subtype"): N("/FreeText"),
        N("/Rect"): generic.ArrayObject([generic.NumberObject(v) for v in (72, 300, 400, 340)]),
        N("/Contents"): generic.TextStringObject("Gjelder ikke"),
        N("/DA"): generic.TextStringObject("/Helv 12 Tf 0 g")}))
    annots = page.get("/Annots")
    page[N("/Annots")] = generic.ArrayObject([*(annots or []), annot])
    writer.update_container(page)


def javascript(writer: IncrementalPdfFileWriter) -> None:
    """JavaScript run when the document opens."""
    action = writer.add_object(generic.DictionaryObject({
        N("/S"): N("/JavaScript"), N("/JS"): generic.TextStringObject("app.alert('hei');")}))
    writer.root[N("/OpenAction")] = action
    writer.update_root()


def embedded_file(writer: IncrementalPdfFileWriter) -> None:
    """An attached program."""
    embed.embed_file(writer, embed.FileSpec(
        file_spec_string="oppdatering.exe", description="Oppdatering",
        embedded_data=embed.EmbeddedFileObject.from_file_data(
            writer, b"MZ\x90\x00" + b"\x00" * 60, mime_type="application/octet-stream")))


def metadata(writer: IncrementalPdfFileWriter) -> None:
    """The document's title in its information dictionary."""
    writer.document_meta.title = "Avtale om salg av data"
    writer.update_root()  # an update of its own, so the writer writes the metadata


SIGNING_REVISION_CHANGES: dict[str, Change] = {
    "overlay": overlay, "extra page": extra_page, "annotation": annotation,
    "javascript": javascript, "embedded file": embedded_file, "metadata": metadata}


def sign_with(pdf: bytes, issued: Issued, chain: Sequence[x509.Certificate],
              change: Change | None = None, *, field: str = "Signature1",
              md_algorithm: str | None = None) -> bytes:
    """`pdf` with a signature appended, `change` made in the same incremental update."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    if change is not None:
        change(writer)
    meta = signers.PdfSignatureMetadata(field_name=field, md_algorithm=md_algorithm,
                                        subfilter=fields.SigSeedSubFilter.PADES)
    return signers.sign_pdf(writer, meta, signer=_signer(issued, chain)).getvalue()


def after(signed: bytes, change: Change) -> bytes:
    """`signed` with `change` made in an unsigned incremental update after it."""
    writer = IncrementalPdfFileWriter(io.BytesIO(signed), strict=False)
    change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
