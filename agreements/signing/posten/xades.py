"""The XAdES signature (`META-INF/signatures.xml`) of a Posten signering document package.

Made with signxml's `XAdESSigner`, adapted to the profile in Posten's "dokumentpakke" documentation:

- rsa-sha256 signature, sha256 reference digests, Canonical XML 1.0 for SignedInfo;
- one reference per package file, by file name, *without* transforms (signxml only signs XML nodes,
  so the file references are the one part added here), plus the SignedProperties reference with a
  Canonical XML 1.0 transform; no KeyInfo reference;
- SignedProperties: SigningTime, the legacy `SigningCertificate` (sha1 CertDigest + IssuerSerial, as
  the profile demands sha1 there) and one `DataObjectFormat` per file with only ObjectReference and
  MimeType;
- KeyInfo with every certificate from the enterprise certificate up to the root.

The signature sits inside `<XAdESSignatures xmlns="http://uri.etsi.org/2918/v1.2.1#">` while it is
made, so the canonical forms signed are the ones a verifier sees.
"""

from __future__ import annotations

from base64 import b64encode
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree
from signxml.algorithms import (
    CanonicalizationMethod,
    DigestAlgorithm,
    SignatureConstructionMethod,
    SignatureMethod,
)
from signxml.util import SigningSettings, ds_tag, xades_tag
from signxml.xades.xades import XAdESSigner

from .certificates import EnterpriseCertificate

ASIC_NS = "http://uri.etsi.org/2918/v1.2.1#"
SIGNED_PROPERTIES_TYPE = "http://uri.etsi.org/01903#SignedProperties"
C14N_1_0 = CanonicalizationMethod.CANONICAL_XML_1_0


@dataclass(frozen=True)
class PackageFile:
    """One file of the package that the signature covers."""

    name: str
    data: bytes
    mime: str


class PostenXAdESSigner(XAdESSigner):
    """signxml's XAdES signer with Posten's profile (module docstring). One use per instance."""

    def __init__(self, files: Sequence[PackageFile],
                 signature_algorithm: SignatureMethod = SignatureMethod.RSA_SHA256) -> None:
        super().__init__(
            method=SignatureConstructionMethod.detached,
            signature_algorithm=signature_algorithm,
            digest_algorithm=DigestAlgorithm.SHA256,
            c14n_algorithm=C14N_1_0,
        )
        self._files = list(files)
        signature_annotators: list[Any] = [self.add_signing_time, self._signing_certificate]
        data_annotators: list[Any] = [self._data_object_formats]
        self.signed_signature_properties_annotators = signature_annotators
        self.signed_data_object_properties_annotators = data_annotators

    # --- signature skeleton -------------------------------------------------------------------
    def _unpack(self, data: Any, references: Any) -> tuple[Any, Any, list[Any], list[Any]]:
        wrapper = etree.Element(etree.QName(ASIC_NS, "XAdESSignatures"), nsmap={None: ASIC_NS})
        sig_root = etree.SubElement(
            wrapper, ds_tag("Signature"), nsmap=self.namespaces, Id="Signature"
        )
        return sig_root, wrapper, [], []

    def _build_sig(
        self,
        sig_root: Any,
        references: Any,
        c14n_inputs: Any,
        inclusive_ns_prefixes: Any,
        exclude_c14n_transform_element: bool = False,
    ) -> tuple[Any, Any]:
        signed_info: etree._Element
        signed_info, signature_value = super()._build_sig(  # type: ignore[no-untyped-call]
            sig_root, [], [], inclusive_ns_prefixes)
        for index, file in enumerate(self._files):
            ref = etree.SubElement(
                signed_info, ds_tag("Reference"), Id=f"ID_{index}", URI=file.name
            )
            etree.SubElement(ref, ds_tag("DigestMethod"), Algorithm=self.digest_alg.value)
            digest = etree.SubElement(ref, ds_tag("DigestValue"))
            digest.text = b64encode(self._get_digest(file.data, self.digest_alg)).decode()
        return signed_info, signature_value

    # --- XAdES qualifying properties ------------------------------------------------------------
    def _build_xades_ds_object(self, sig_root: Any, signing_settings: SigningSettings) -> None:
        root: etree._Element = sig_root
        ds_object = etree.SubElement(root, ds_tag("Object"))
        qualifying = etree.SubElement(
            ds_object, xades_tag("QualifyingProperties"), nsmap=self.namespaces, Target="#Signature"
        )
        signed_props = etree.SubElement(
            qualifying, xades_tag("SignedProperties"), Id="SignedProperties"
        )
        ssp = etree.SubElement(signed_props, xades_tag("SignedSignatureProperties"))
        for annotate in self.signed_signature_properties_annotators:
            annotate(ssp, sig_root=sig_root, signing_settings=signing_settings)
        sdop = etree.SubElement(signed_props, xades_tag("SignedDataObjectProperties"))
        for annotate_data in self.signed_data_object_properties_annotators:
            annotate_data(sdop, sig_root=sig_root, signing_settings=signing_settings)

        signed_info: etree._Element = self._find(  # type: ignore[no-untyped-call]
            sig_root, "SignedInfo")
        ref = etree.SubElement(
            signed_info, ds_tag("Reference"), Type=SIGNED_PROPERTIES_TYPE, URI="#SignedProperties"
        )
        transforms = etree.SubElement(ref, ds_tag("Transforms"))
        etree.SubElement(transforms, ds_tag("Transform"), Algorithm=C14N_1_0.value)
        etree.SubElement(ref, ds_tag("DigestMethod"), Algorithm=self.digest_alg.value)
        digest = etree.SubElement(ref, ds_tag("DigestValue"))
        canonical = self._c14n(signed_props, algorithm=C14N_1_0)
        digest.text = b64encode(self._get_digest(canonical, self.digest_alg)).decode()

    def _signing_certificate(
        self, ssp: Any, sig_root: Any, signing_settings: SigningSettings
    ) -> None:
        assert signing_settings.cert_chain
        leaf = signing_settings.cert_chain[0]
        assert isinstance(leaf, x509.Certificate)
        properties: etree._Element = ssp
        cert = etree.SubElement(
            etree.SubElement(properties, xades_tag("SigningCertificate")), xades_tag("Cert")
        )
        cert_digest = etree.SubElement(cert, xades_tag("CertDigest"))
        etree.SubElement(cert_digest, ds_tag("DigestMethod"), Algorithm=DigestAlgorithm.SHA1.value)
        value = etree.SubElement(cert_digest, ds_tag("DigestValue"))
        value.text = b64encode(
            self._get_digest(leaf.public_bytes(Encoding.DER), DigestAlgorithm.SHA1)
        ).decode()
        issuer_serial = etree.SubElement(cert, xades_tag("IssuerSerial"))
        etree.SubElement(
            issuer_serial, ds_tag("X509IssuerName")
        ).text = leaf.issuer.rfc4514_string()
        etree.SubElement(issuer_serial, ds_tag("X509SerialNumber")).text = str(leaf.serial_number)

    def _data_object_formats(
        self, sdop: Any, sig_root: Any, signing_settings: SigningSettings
    ) -> None:
        formats: etree._Element = sdop
        for index, file in enumerate(self._files):
            dof = etree.SubElement(
                formats, xades_tag("DataObjectFormat"), ObjectReference=f"#ID_{index}"
            )
            etree.SubElement(dof, xades_tag("MimeType")).text = file.mime


def sign_package_files(files: Sequence[PackageFile], cert: EnterpriseCertificate) -> bytes:
    """`META-INF/signatures.xml` (bytes) over `files`, signed with the enterprise certificate."""
    signer = PostenXAdESSigner(files)
    signature = signer.sign(
        b"", key=cert.private_key, cert=cert.full_chain, always_add_key_value=False
    )
    root = signature.getroottree().getroot()
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=False)
