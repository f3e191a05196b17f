"""Checking the XAdES that Posten signering gives for each signer (its `xades-url`): the
signer's own signature over the document that was sent.

The XML signature is verified with signxml against the certificate it carries, each of its
references resolving to the PDF that was sent (a different document fails its digest); the
certificate is then validated with pyhanko-certvalidator against the trust roots, for signing,
at `now`, with the revocation data it can find locally (nothing fetched), and each fault gets
its own code, as for a PDF signature. Who the certificate names is the caller's question
(`contracts.identities`).

Posten's production XAdES is an LTV-SDO (SEID-SDO) wrapping the e-ID's signature; this checks
the first `ds:Signature` with a certificate, which is the signer's in the profile the test
double makes. Bad input never raises.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, datetime

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree

from agreements.errorcodes import Code
from agreements.signing.identity import CertIdentity, identity_of
from agreements.signing.problems import Problem, problem
from agreements.signing.quiet import quiet, run

DS = "http://www.w3.org/2000/09/xmldsig#"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)


@dataclass(frozen=True)
class XadesCheck:
    """What a signer's XAdES proves: who signed (the certificate), when, and what is wrong."""

    problems: tuple[Problem, ...] = ()
    signer: CertIdentity | None = None
    signing_time: datetime | None = None

    @property
    def ok(self) -> bool:
        return not self.problems and self.signer is not None


def _certificates(signature: etree._Element) -> list[x509.Certificate]:
    found = []
    for element in signature.iter(f"{{{DS}}}X509Certificate"):
        try:
            found.append(x509.load_der_x509_certificate(base64.b64decode(element.text or "")))
        except ValueError:
            continue
    return found


def _signing_time(signature: etree._Element) -> datetime | None:
    for element in signature.iter("{*}SigningTime"):
        try:
            moment = datetime.fromisoformat((element.text or "").strip())
        except ValueError:
            return None
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return None


def verify_xades(data: bytes, *, trust_roots_pem: bytes, document: bytes,
                 now: datetime | None = None) -> XadesCheck:
    """Check one signer's XAdES (module docstring). Never raises for bad input."""
    with quiet():
        return _verify(data, trust_roots_pem, document, now)


def _verify(data: bytes, roots_pem: bytes, document: bytes, now: datetime | None) -> XadesCheck:
    from signxml.exceptions import InvalidDigest, InvalidInput, InvalidSignature
    from signxml.xades.xades import XAdESSignatureConfiguration, XAdESVerifier

    broken = (problem(Code.SIGNATURE_BROKEN, field="XAdES"),)
    try:
        root = etree.fromstring(data, _PARSER)
        signature = next(root.iter(f"{{{DS}}}Signature"))
    except (etree.XMLSyntaxError, ValueError, StopIteration):
        return XadesCheck(broken)
    certs = _certificates(signature)
    if not certs:
        return XadesCheck(broken)
    leaf = certs[0]
    references = len(signature.findall(f"{{{DS}}}SignedInfo/{{{DS}}}Reference"))
    try:
        XAdESVerifier().verify(
            etree.tostring(signature), x509_cert=leaf,
            uri_resolver=lambda uri: None if uri.startswith("#") else document,
            expect_config=XAdESSignatureConfiguration(expect_references=references))
    except InvalidDigest:
        return XadesCheck((problem(Code.SIGNED_COPY_NOT_SENT),))
    except (InvalidSignature, InvalidInput, ValueError, KeyError):
        failed = True  # signxml also refuses a certificate outside its validity: say which
    else:
        failed = False
    signer = identity_of(asn1_x509.Certificate.load(leaf.public_bytes(Encoding.DER)))
    trouble = _trust(leaf, certs[1:], roots_pem, signer, now)
    if failed:
        return XadesCheck((trouble,) if trouble else broken, signer)
    return XadesCheck((trouble,) if trouble else (), signer, _signing_time(signature))


def _trust(leaf: x509.Certificate, chain: list[x509.Certificate], roots_pem: bytes,
           signer: CertIdentity, now: datetime | None) -> Problem | None:
    """The code for why the certificate is not trusted for signing at `now`; None if it is."""
    from pyhanko_certvalidator import CertificateValidator, ValidationContext
    from pyhanko_certvalidator import errors as e

    def asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))

    roots = [asn1(c) for c in x509.load_pem_x509_certificates(roots_pem)]
    context = ValidationContext(trust_roots=roots, allow_fetching=False,
                                revocation_mode="soft-fail", moment=now)
    validator = CertificateValidator(asn1(leaf), [asn1(c) for c in chain], context)
    who = signer.name or signer.subject
    try:
        run(validator.async_validate_usage(set()))
    except e.ExpiredError:
        return problem(Code.SIGNATURE_EXPIRED, signer=who,
                       expired_on=leaf.not_valid_after_utc.date())
    except e.NotYetValidError:
        return problem(Code.SIGNATURE_NOT_YET_VALID, signer=who,
                       valid_from=leaf.not_valid_before_utc.date())
    except e.RevokedError:
        return problem(Code.SIGNATURE_REVOKED, signer=who, revoked_on="")
    except e.DisallowedAlgorithmError:
        return problem(Code.SIGNATURE_WEAK_DIGEST, algorithm=leaf.signature_hash_algorithm.name
                       .upper() if leaf.signature_hash_algorithm else "?")
    except e.InvalidCertificateError:
        return problem(Code.SIGNATURE_KEY_USAGE, signer=who)
    except (e.PathBuildingError, e.PathValidationError, e.ValidationError):
        return problem(Code.SIGNATURE_UNTRUSTED, signer=who)
    usage = _usage(leaf)
    if usage is not None and not usage & {"digital_signature", "content_commitment"}:
        return problem(Code.SIGNATURE_KEY_USAGE, signer=who)
    return None


def _usage(cert: x509.Certificate) -> set[str] | None:
    try:
        ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return None
    return {name for name in ("digital_signature", "content_commitment") if getattr(ku, name)}
