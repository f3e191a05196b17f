"""Why a signature's certificate is not trusted, in one code: weak digest, revoked, expired,
not yet valid, not for signing (key usage), or no chain to a trusted root.

pyhanko-certvalidator reports a not-yet-valid certificate only as a general chain failure and
a wrong key usage as a chain constraint, so the certificate's own dates and key usage are
read here as well. Revocation is decided on the revocation data the file carries (its DSS and
each signature's archived CRLs and OCSP answers): nothing is fetched from the network.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from pyhanko.sign.ades.report import AdESFailure, AdESIndeterminate
from pyhanko_certvalidator import ValidationContext

from agreements.errorcodes import Code
from agreements.signing.problems import Problem, problem

if TYPE_CHECKING:
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature

    from agreements.signing.identity import CertIdentity

WEAK = frozenset({"md2", "md5", "sha1"})
_REVOKED = {AdESIndeterminate.REVOKED_NO_POE, AdESIndeterminate.REVOKED_CA_NO_POE,
            AdESFailure.REVOKED}
_CRYPTO = {AdESIndeterminate.CRYPTO_CONSTRAINTS_FAILURE,
           AdESIndeterminate.CRYPTO_CONSTRAINTS_FAILURE_NO_POE}


def context_for(reader: PdfFileReader, embedded: list[EmbeddedPdfSignature],
                roots: list[asn1_x509.Certificate], now: datetime | None) -> ValidationContext:
    """A validation context with the trust roots and the revocation data the file carries."""
    crls: list[Any] = []
    ocsps: list[Any] = []
    try:
        from pyhanko.sign.validation.dss import DocumentSecurityStore

        dss = DocumentSecurityStore.read_dss(reader)
        crls += [c.get_object().data for c in dss.crls]
        ocsps += [o.get_object().data for o in dss.ocsps]
    except Exception:
        pass
    for sig in embedded:
        try:
            attrs = sig.signer_info["signed_attrs"]
            for attr in attrs:
                if attr["type"].native == "adobe_revocation_info_archival":
                    for value in attr["values"]:
                        crls += list(value["crl"]) if value["crl"].native else []
                        ocsps += list(value["ocsp"]) if value["ocsp"].native else []
        except Exception:
            continue
    return ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail",
                             moment=now, crls=crls, ocsps=ocsps)


def _usable_for_signing(cert: Any) -> bool:
    usage = cert.key_usage_value
    return usage is None or bool({"digital_signature", "non_repudiation"} & set(usage.native))


def trust_problem(status: Any, signer: CertIdentity, now: datetime | None) -> Problem | None:
    """The code for why `status` (pyHanko's) is not trusted; None when it is."""
    if status.trusted:
        return None
    cert, indic = status.signing_cert, status.trust_problem_indic
    who = signer.name or signer.subject
    algorithm = str(status.md_algorithm).lower().replace("-", "")
    cert_hash = str(cert.hash_algo).lower()
    if algorithm in WEAK or cert_hash in WEAK or indic in _CRYPTO:
        return problem(Code.SIGNATURE_WEAK_DIGEST,
                       algorithm=(algorithm if algorithm in WEAK else cert_hash).upper())
    if status.revoked or indic in _REVOKED:
        details = status.revocation_details
        when = details.revocation_date.date() if details is not None else None
        return problem(Code.SIGNATURE_REVOKED, signer=who, revoked_on=when or "")
    moment = now or datetime.now(UTC)
    if cert.not_valid_after < moment:
        return problem(Code.SIGNATURE_EXPIRED, signer=who, expired_on=cert.not_valid_after.date())
    if cert.not_valid_before > moment:
        return problem(Code.SIGNATURE_NOT_YET_VALID, signer=who,
                       valid_from=cert.not_valid_before.date())
    if not _usable_for_signing(cert):
        return problem(Code.SIGNATURE_KEY_USAGE, signer=who)
    return problem(Code.SIGNATURE_UNTRUSTED, signer=who)
