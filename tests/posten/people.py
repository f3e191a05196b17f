"""Personal signing certificates from the test CA, as Norwegian e-IDs write them: the name as
"Etternavn, Fornavn" in the common name and a `serialNumber` (UN:NO-…) that identifies the
person at the issuer; and the faulty ones a careful tester hands in (expired, not yet valid,
not for signing, SHA-1, revoked with the CRL in the file)."""

from __future__ import annotations

import dataclasses
import hashlib
import io
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from functools import cache

from asn1crypto import crl as asn1_crl
from asn1crypto import pdf as asn1_pdf
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from .pades import _signer
from .pki import Issued, shared_pki

_USAGE = dict(digital_signature=False, content_commitment=False, key_encipherment=False,
              data_encipherment=False, key_agreement=False, key_cert_sign=False,
              crl_sign=False, encipher_only=False, decipher_only=False)


# Where the CA publishes revocations, as real e-IDs say (never fetched: the tests embed it)
_WHERE_REVOKED = x509.CRLDistributionPoints([x509.DistributionPoint(
    [x509.UniformResourceIdentifier("http://crl.test.invalid/ca.crl")], None, None, None)])


def serial_of(name: str) -> str:
    """A made-up BankID-like serialNumber, the same for the same name."""
    digits = int(hashlib.sha256(name.encode()).hexdigest(), 16) % 10**9
    return f"UN:NO-9578-4050-{digits:09d}"


def bankid_name(name: str) -> str:
    """"Kari Nordmann" as BankID writes it: "Nordmann, Kari"."""
    *given, surname = name.split()
    return f"{surname}, {' '.join(given)}"


def issue(name: str, *, serial: str | None = None, days: tuple[int, int] = (-1, 30),
          usage: Sequence[str] = ("digital_signature", "content_commitment"),
          sha1: bool = False, ca: Issued | None = None) -> Issued:
    """A personal certificate for `name` from the test CA (or `ca`), EC P-256."""
    key, now = ec.generate_private_key(ec.SECP256R1()), datetime.now(UTC)
    authority = ca or shared_pki().ca
    subject = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "NO"),
        x509.NameAttribute(NameOID.COMMON_NAME, bankid_name(name)),
        x509.NameAttribute(NameOID.SERIAL_NUMBER, serial or serial_of(name))])
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(authority.cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now + timedelta(days=days[0]))
            .not_valid_after(now + timedelta(days=days[1]))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(**{**_USAGE, **dict.fromkeys(usage, True)}),
                           critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                authority.key.public_key()), critical=False)
            .add_extension(_WHERE_REVOKED, critical=False)
            .sign(authority.key, hashes.SHA256()))
    return Issued(key, _sha1(cert) if sha1 else cert)


def _sha1(cert: x509.Certificate) -> x509.Certificate:
    """`cert` signed again by the test CA with SHA-1 (cryptography refuses to build one)."""
    pki = shared_pki()
    parsed = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    tbs = parsed["tbs_certificate"]
    tbs["signature"] = {"algorithm": "sha1_ecdsa"}
    assert isinstance(pki.ca.key, ec.EllipticCurvePrivateKey)
    value = pki.ca.key.sign(tbs.dump(force=True), ec.ECDSA(hashes.SHA1()))
    again = asn1_x509.Certificate({"tbs_certificate": tbs,
                                   "signature_algorithm": {"algorithm": "sha1_ecdsa"},
                                   "signature_value": value})
    return x509.load_der_x509_certificate(again.dump())


@cache
def person(name: str, serial: str | None = None) -> Issued:
    """The certificate `name` signs with (one per name and serialNumber per test run)."""
    return issue(name, serial=serial)


def revocation_list(*revoked: Issued) -> bytes:
    """A CRL of the test CA revoking `revoked`, DER."""
    pki, now = shared_pki(), datetime.now(UTC)
    builder = (x509.CertificateRevocationListBuilder().issuer_name(pki.ca.cert.subject)
               .last_update(now - timedelta(hours=1)).next_update(now + timedelta(days=7)))
    for issued in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(issued.cert.serial_number)
            .revocation_date(now - timedelta(minutes=30)).build())
    return builder.sign(pki.ca.key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


class _WithRevocation(signers.SimpleSigner):
    """A signer that archives given revocation data in its signature (Adobe's attribute)."""

    revinfo: asn1_pdf.RevocationInfoArchival | None = None

    def _signed_attr_provider_spec(self, attr_settings, timestamper=None,  # type: ignore
                                   use_cades=False, is_pdf_sig=True):
        attr_settings = dataclasses.replace(attr_settings, adobe_revinfo_attr=self.revinfo)
        return super()._signed_attr_provider_spec(attr_settings, timestamper, use_cades,
                                                  is_pdf_sig)


def sign_revoked(pdf: bytes, issued: Issued, crl: bytes) -> bytes:
    """`pdf` signed by `issued`, the CRL that revokes it archived in the signature (pyHanko
    itself refuses to embed revocation data that says its signer is revoked)."""
    base = _signer(issued, [shared_pki().ca.cert])
    signer = _WithRevocation(signing_cert=base.signing_cert, signing_key=base.signing_key,
                             cert_registry=base.cert_registry)
    signer.revinfo = asn1_pdf.RevocationInfoArchival(
        {"crl": [asn1_crl.CertificateList.load(crl)]})
    meta = signers.PdfSignatureMetadata(field_name="Signature1",
                                        subfilter=fields.SigSeedSubFilter.ADOBE_PKCS7_DETACHED)
    return signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False), meta,
                            signer=signer).getvalue()
