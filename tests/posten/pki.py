"""A throw-away PKI for the tests: a test CA, a server certificate, an enterprise client certificate
(PKCS#12 with a password), PAdES signer certificates, and an untrusted second CA for negative tests.

EC P-256 keys everywhere except the enterprise certificate, which must be RSA (the package profile
demands rsa-sha256); that keeps generation to a few hundred milliseconds.
"""

from __future__ import annotations

import atexit
import ipaddress
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

SENDER_ORGNR = "999888777"
POSTEN_ORGNR = "984661185"
P12_PASSWORD = "correct horse battery staple"

Key = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


@dataclass(frozen=True)
class Issued:
    """A key and its certificate."""

    key: Key
    cert: x509.Certificate


@dataclass(frozen=True)
class Pki:
    """Paths and objects the tests use. Every file lives under `folder`."""

    folder: Path
    ca: Issued
    ca_pem: Path
    server_chain_pem: Path
    server_key_pem: Path
    client: Issued
    client_p12: Path
    signer: Issued
    untrusted_ca: Issued
    untrusted_ca_pem: Path
    untrusted_signer: Issued
    untrusted_client_p12: Path


def _name(cn: str, org: str, serial: str | None = None) -> x509.Name:
    attrs = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "NO"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
        x509.NameAttribute(NameOID.COMMON_NAME, cn),
    ]
    if serial:
        attrs.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, serial))
    return x509.Name(attrs)


def _issue(
    subject: x509.Name,
    key: Key,
    issuer: Issued | None,
    *,
    ca: bool = False,
    eku: list[x509.ObjectIdentifier] | None = None,
    san: list[x509.GeneralName] | None = None,
) -> Issued:
    now = datetime.now(UTC)
    issuer_name = issuer.cert.subject if issuer else subject
    signing_key = issuer.key if issuer else key
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(signing_key.public_key()),
            critical=False,
        )
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=False)
    if san:
        builder = builder.add_extension(x509.SubjectAlternativeName(san), critical=False)
    return Issued(key, builder.sign(signing_key, hashes.SHA256()))


def _pem(*certs: x509.Certificate) -> bytes:
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certs)


def _p12(path: Path, issued: Issued, chain: list[x509.Certificate]) -> Path:
    assert isinstance(issued.key, rsa.RSAPrivateKey)
    data = pkcs12.serialize_key_and_certificates(
        b"enterprise",
        issued.key,
        issued.cert,
        chain,
        serialization.BestAvailableEncryption(P12_PASSWORD.encode()),
    )
    path.write_bytes(data)
    return path


def make_pki(folder: Path) -> Pki:
    """Create every key and certificate under `folder` and return where they are."""
    ec_key = lambda: ec.generate_private_key(ec.SECP256R1())  # noqa: E731
    ca = _issue(_name("Test Root CA", "Test PKI"), ec_key(), None, ca=True)
    server = _issue(
        _name("api.signering.test", "POSTEN NORGE AS", POSTEN_ORGNR),
        ec_key(),
        ca,
        eku=[ExtendedKeyUsageOID.SERVER_AUTH],
        san=[x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))],
    )
    client = _issue(
        _name("Avtaleflyt test", "AVTALEFLYT TEST AS", SENDER_ORGNR),
        rsa.generate_private_key(public_exponent=65537, key_size=2048),
        ca,
        eku=[ExtendedKeyUsageOID.CLIENT_AUTH],
    )
    signer = _issue(
        _name("Posten signering test seal", "POSTEN NORGE AS", POSTEN_ORGNR), ec_key(), ca
    )
    untrusted_ca = _issue(_name("Untrusted Root CA", "Elsewhere"), ec_key(), None, ca=True)
    untrusted_signer = _issue(_name("Impostor seal", "Elsewhere"), ec_key(), untrusted_ca)
    untrusted_client = _issue(
        _name("Impostor client", "Elsewhere", SENDER_ORGNR),
        rsa.generate_private_key(public_exponent=65537, key_size=2048),
        untrusted_ca,
        eku=[ExtendedKeyUsageOID.CLIENT_AUTH],
    )

    ca_pem = folder / "ca.pem"
    ca_pem.write_bytes(_pem(ca.cert))
    untrusted_ca_pem = folder / "untrusted-ca.pem"
    untrusted_ca_pem.write_bytes(_pem(untrusted_ca.cert))
    server_chain_pem = folder / "server-chain.pem"
    server_chain_pem.write_bytes(_pem(server.cert, ca.cert))
    server_key_pem = folder / "server-key.pem"
    server_key_pem.write_bytes(
        server.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    server_key_pem.chmod(0o600)
    return Pki(
        folder=folder,
        ca=ca,
        ca_pem=ca_pem,
        server_chain_pem=server_chain_pem,
        server_key_pem=server_key_pem,
        client=client,
        client_p12=_p12(folder / "enterprise.p12", client, [ca.cert]),
        signer=signer,
        untrusted_ca=untrusted_ca,
        untrusted_ca_pem=untrusted_ca_pem,
        untrusted_signer=untrusted_signer,
        untrusted_client_p12=_p12(folder / "impostor.p12", untrusted_client, [untrusted_ca.cert]),
    )


@cache
def shared_pki() -> Pki:
    """One PKI per test process, in a temporary folder removed at exit (plain helpers that are
    not fixtures, and subprocesses given its paths, use the same one)."""
    folder = Path(tempfile.mkdtemp(prefix="avtaleflyt-pki-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return make_pki(folder)
