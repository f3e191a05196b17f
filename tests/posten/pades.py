"""PAdES files for the tests, made with pyHanko.

`make_pades` does what Posten's documentation describes for its signed PDF: a *new* file with a
cover page about the signing, the original pages (imported as form XObjects) with a footer naming
the signers, the signers' XAdES embedded as attached files, and a PDF signature (a test "seal").
`sign_incrementally` signs the original bytes as an incremental update instead.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils import embed, generic
from pyhanko.pdf_utils.generic import NameObject as N
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import PageObject, PdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from .pki import Issued


def _asn1_cert(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _signer(issued: Issued, chain: Sequence[x509.Certificate]) -> signers.SimpleSigner:
    key_der = issued.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return signers.SimpleSigner(
        signing_cert=_asn1_cert(issued.cert),
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs([_asn1_cert(c) for c in chain]),
    )


def _sign(pdf: bytes, issued: Issued, chain: Sequence[x509.Certificate], field: str) -> bytes:
    meta = signers.PdfSignatureMetadata(field_name=field, subfilter=fields.SigSeedSubFilter.PADES)
    out = signers.sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False), meta, signer=_signer(issued, chain)
    )
    return out.getvalue()


def _text(*lines: str, size: int = 11, x: int = 72, y: int = 770) -> bytes:
    ops = [f"BT /F1 {size} Tf {x} {y} Td {size + 5} TL".encode()]
    for line in lines:
        escaped = (
            line.encode("cp1252")
            .replace(b"\\", b"\\\\")
            .replace(b"(", b"\\(")
            .replace(b")", b"\\)")
        )
        ops.append(b"(" + escaped + b") Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops) + b"\n"


def make_pades(
    original: bytes,
    *,
    title: str,
    signed_by: Sequence[str],
    xades: Sequence[bytes],
    seal: Issued,
    chain: Sequence[x509.Certificate],
) -> bytes:
    """A new signed PDF: cover page + the original's pages with a footer + embedded XAdES."""
    writer = PdfFileWriter()
    font = writer.add_object(
        generic.DictionaryObject(
            {
                N("/Type"): N("/Font"),
                N("/Subtype"): N("/Type1"),
                N("/BaseFont"): N("/Helvetica"),
                N("/Encoding"): N("/WinAnsiEncoding"),
            }
        )
    )
    fonts = generic.DictionaryObject({N("/F1"): font})
    a4 = generic.ArrayObject([generic.NumberObject(v) for v in (0, 0, 595, 842)])
    cover = _text("Signert dokument", f"Tittel: {title}", *(f"Signert av: {s}" for s in signed_by))
    writer.insert_page(
        PageObject(
            contents=writer.add_object(generic.StreamObject(stream_data=cover)),
            media_box=a4,
            resources=generic.DictionaryObject({N("/Font"): fonts}),
        )
    )
    reader = PdfFileReader(io.BytesIO(original), strict=False)
    footer = _text("Signert av: " + ", ".join(signed_by), size=8, y=20)
    for index in range(int(reader.root["/Pages"]["/Count"])):
        page_xobject = writer.import_page_as_xobject(reader, page_ix=index)
        content = b"q /Orig Do Q\n" + footer
        writer.insert_page(
            PageObject(
                contents=writer.add_object(generic.StreamObject(stream_data=content)),
                media_box=a4,
                resources=generic.DictionaryObject(
                    {
                        N("/Font"): fonts,
                        N("/XObject"): generic.DictionaryObject({N("/Orig"): page_xobject}),
                    }
                ),
            )
        )
    for number, data in enumerate(xades, start=1):
        embed.embed_file(
            writer,
            embed.FileSpec(
                file_spec_string=f"signatur-{number}.xml",
                description=f"XAdES {number}",
                embedded_data=embed.EmbeddedFileObject.from_file_data(
                    writer, data, mime_type="application/xml"
                ),
            ),
        )
    buffer = io.BytesIO()
    writer.write(buffer)
    return _sign(buffer.getvalue(), seal, chain, "PostenSignering")


def sign_incrementally(
    original: bytes, issued: Issued, chain: Sequence[x509.Certificate], field: str = "Signature1"
) -> bytes:
    """`original` with a PAdES signature appended as an incremental update."""
    return _sign(original, issued, chain, field)


def append_change(signed: bytes) -> bytes:
    """`signed` with an incremental update after the signature replacing page 1's text."""
    writer = IncrementalPdfFileWriter(io.BytesIO(signed), strict=False)
    page_ref = writer.root["/Pages"]["/Kids"][0]
    page = page_ref.get_object()
    stream = generic.StreamObject(stream_data=_text("This page was changed after signing"))
    page[N("/Contents")] = writer.add_object(stream)
    writer.update_container(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
