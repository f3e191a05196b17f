"""Posten signering's portal flow (asynchronous, several signers in order), as a provider.

    certificates   the enterprise certificate (PKCS#12) and the two-way TLS client made from it
    xades          META-INF/signatures.xml: XAdES with Posten's profile, made with signxml
    package        the ASiC-E document package, manifest.xml and the job request
    responses      parsing what the service answers (status changes, errors)
    client         one HTTP call per method, errors as `PostenError`
    errors         `PostenError`, an `ExternalServiceError`

Specification: the public repositories `digipost/signature-api-specification` (XSDs, examples)
and `digipost/signering-docs` (portal flow, document package, security).
"""

from __future__ import annotations

from datetime import datetime

from agreements.errorcodes import Code
from agreements.signing.provider import CreatedJob, JobRequest, Poll, SignerStatus, StatusChange

from .certificates import EnterpriseCertificate
from .client import PostenClient
from .errors import PostenError
from .package import OSLO, build_job_request, build_package


class PostenProvider:
    """The provider interface over a `PostenClient` and the sender's enterprise certificate."""

    name = "posten"
    remote = True

    def __init__(self, client: PostenClient, certificate: EnterpriseCertificate) -> None:
        self.client = client
        self.certificate = certificate

    def create_job(self, job: JobRequest) -> CreatedJob:
        try:
            package = build_package(job, self.certificate, now=datetime.now(OSLO))
            request = build_job_request(job.reference, job.polling_queue)
        except ValueError as exc:  # the job breaks one of Posten's rules: nothing was sent
            raise PostenError(Code.POSTEN_JOB_UNMAKEABLE, reason=str(exc)) from exc
        return self.client.create_job(job.sender_orgnr, package, request)

    def poll(self, sender_orgnr: str, polling_queue: str) -> Poll:
        return self.client.poll(sender_orgnr, polling_queue)

    def confirm(self, change: StatusChange) -> None:
        self.client.confirm(change.confirmation_url)

    def download(self, change: StatusChange) -> bytes:
        if not change.document_url:
            raise PostenError(Code.POSTEN_NO_DOCUMENT_YET, job=change.job_id)
        return self.client.download(change.document_url)

    def download_xades(self, signer: SignerStatus) -> bytes:
        if not signer.xades_url:
            raise PostenError(Code.POSTEN_NO_XADES_YET, signer=signer.signer)
        return self.client.download(signer.xades_url)

    def cancel(self, cancellation_url: str) -> None:
        self.client.cancel(cancellation_url)


__all__ = ["PostenClient", "PostenError", "PostenProvider"]
