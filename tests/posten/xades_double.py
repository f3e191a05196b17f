"""The XAdES the test double gives for each signer (its `xades-url`): the signer's own
signature over the document, made with a personal certificate from the test CA (EC P-256,
ecdsa-sha256) in the XAdES profile of the document package, the PDF referenced by its name."""

from __future__ import annotations

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from lxml import etree
from signxml import SignatureMethod

from agreements.signing.posten.xades import PackageFile, PostenXAdESSigner

from .pki import Issued


def signer_xades(pdf: bytes, name: str, issued: Issued, chain: list[x509.Certificate]) -> bytes:
    """`issued`'s XAdES over `pdf` (named `name` in the job)."""
    assert isinstance(issued.key, ec.EllipticCurvePrivateKey)
    signer = PostenXAdESSigner([PackageFile(name, pdf, "application/pdf")],
                               signature_algorithm=SignatureMethod.ECDSA_SHA256)
    signature = signer.sign(b"", key=issued.key, cert=[issued.cert, *chain],
                            always_add_key_value=False)
    root = signature.getroottree().getroot()
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=False)
