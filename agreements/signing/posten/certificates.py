"""The enterprise certificate (virksomhetssertifikat) and the two-way TLS client made from it."""

from __future__ import annotations

import os
import secrets
import ssl
import tempfile
from dataclasses import dataclass
from pathlib import Path

import httpx
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from agreements.errorcodes import Code
from agreements.errors import InvalidInput

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


@dataclass(frozen=True)
class EnterpriseCertificate:
    """A private key, its certificate and the CA chain above it (issuer first, root last)."""

    private_key: PrivateKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]

    @property
    def full_chain(self) -> list[x509.Certificate]:
        """The certificate followed by its chain: what the XAdES KeyInfo must carry."""
        return [self.certificate, *self.chain]


def load_pkcs12(path: str | Path, password: str | bytes) -> EnterpriseCertificate:
    """Read a PKCS#12 (.p12/.pfx) file; refused, saying why, when it is unusable."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InvalidInput(Code.POSTEN_CERT_UNREADABLE, path=str(path)) from exc
    return load_pkcs12_bytes(data, password)


def load_pkcs12_bytes(data: bytes, password: str | bytes) -> EnterpriseCertificate:
    """Parse PKCS#12 bytes; the chain runs from the certificate's issuer to the root."""
    secret = password.encode() if isinstance(password, str) else password
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, secret)
    except ValueError as exc:
        raise InvalidInput(Code.POSTEN_CERT_LOCKED) from exc
    if key is None or cert is None:
        raise InvalidInput(Code.POSTEN_CERT_INCOMPLETE)
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise InvalidInput(Code.POSTEN_CERT_KEY_TYPE)
    return EnterpriseCertificate(key, cert, tuple(_order_chain(cert, list(extra))))


def _order_chain(leaf: x509.Certificate, pool: list[x509.Certificate]) -> list[x509.Certificate]:
    """Follow issuer names from `leaf` through `pool`; unlinked ones go last."""
    ordered: list[x509.Certificate] = []
    current = leaf
    remaining = [c for c in pool if c != leaf]
    while current.issuer != current.subject:
        parent = next((c for c in remaining if c.subject == current.issuer), None)
        if parent is None:
            break
        ordered.append(parent)
        remaining.remove(parent)
        current = parent
    return ordered + remaining


def tls_context(
    cert: EnterpriseCertificate, *, ca_bundle: str | Path | None = None
) -> ssl.SSLContext:
    """An SSLContext presenting `cert` (two-way TLS) and verifying the server against `ca_bundle`.

    `ssl` can only load a client key from a file: key and chain are written, with the key encrypted
    under a one-time password, to a private temporary file (mode 0600), loaded and deleted at once.
    Without `ca_bundle` the system trust store verifies the server.
    """
    context = ssl.create_default_context(cafile=str(ca_bundle) if ca_bundle else None)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    one_time = secrets.token_urlsafe(32).encode()
    pem = cert.private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(one_time),
    )
    for c in cert.full_chain:
        pem += c.public_bytes(serialization.Encoding.PEM)
    fd, name = tempfile.mkstemp(prefix="esign-", suffix=".pem")  # mkstemp creates it 0600
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
        context.load_cert_chain(name, password=one_time)
    finally:
        os.unlink(name)
    return context


def build_http_client(
    cert: EnterpriseCertificate,
    *,
    ca_bundle: str | Path | None = None,
    timeout: httpx.Timeout | float = 30.0,
) -> httpx.Client:
    """An `httpx.Client` for Posten signering: two-way TLS with `cert`, timeouts, no retries."""
    return httpx.Client(
        verify=tls_context(cert, ca_bundle=ca_bundle),
        timeout=timeout,
        follow_redirects=False,
    )
