"""The ASiC-E document package and the job request XML for a Posten signering portal job.

Package layout (dokumentpakke.rst): the PDF, `manifest.xml` (`portal-signature-job-manifest`) and
`META-INF/signatures.xml` (XAdES over both). No `mimetype` entry and no `META-INF/manifest.xml`:
the profile lists exactly these three files.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from lxml import etree

from agreements.signing.provider import JobRequest

from .certificates import EnterpriseCertificate
from .xades import PackageFile, sign_package_files

NS = "http://signering.posten.no/schema/v1"
OSLO = ZoneInfo("Europe/Oslo")
MAX_AVAILABLE_SECONDS = (
    7_776_000  # 90 days: "Jobs that specify greater available-seconds … are rejected"
)
MANIFEST_NAME = "manifest.xml"
SIGNATURES_NAME = "META-INF/signatures.xml"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, _q(tag), attrs)
    if text is not None:
        element.text = text
    return element


def check_reference(reference: str) -> None:
    """Refuse references that could carry personal data (Posten shows them in e-mails)."""
    if not 1 <= len(reference) <= 50:
        raise ValueError("The job reference must be 1 to 50 characters")
    if "@" in reference or re.search(r"\d{11}", reference):
        raise ValueError("The job reference must not carry personal data (e-mail or national id)")


def available_seconds(deadline: date, now: datetime) -> int:
    """Seconds from `now` to the end of `deadline` (Europe/Oslo), checked against Posten's limits.

    Posten counts `available-seconds` from activation for the first signer group and from the
    moment the document reaches each later group, so with sequential signers the job can run
    longer than `deadline`.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    end = datetime.combine(deadline + timedelta(days=1), time(0, 0), tzinfo=OSLO)
    seconds = int((end - now).total_seconds())
    if seconds <= 0:
        raise ValueError(f"The signing deadline {deadline.isoformat()} has passed")
    if seconds > MAX_AVAILABLE_SECONDS:
        raise ValueError("The signing deadline is more than 90 days away; Posten refuses such jobs")
    return seconds


def _check_job(job: JobRequest) -> None:
    check_reference(job.reference)
    if not re.fullmatch(r"[0-9]{9}", job.sender_orgnr):
        raise ValueError("The sender organisation number must be 9 digits")
    if not 1 <= len(job.title) <= 80:
        raise ValueError("The title must be 1 to 80 characters")
    if job.description is not None and len(job.description) > 220:
        raise ValueError("The description must be at most 220 characters")
    if not 1 <= len(job.signers) <= 9:
        raise ValueError("A job needs 1 to 9 signers (order 1..9)")
    for email in job.signers:
        if not _EMAIL.match(email):
            raise ValueError(f"Not an e-mail address: {email!r}")
    name = job.pdf_name
    if (
        not 4 <= len(name) <= 100
        or "/" in name
        or "\\" in name
        or name in (MANIFEST_NAME, "mimetype")
    ):
        raise ValueError(f"Unusable document file name: {name!r}")
    if not job.pdf.startswith(b"%PDF-"):
        raise ValueError("The document is not a PDF")


def build_manifest(job: JobRequest, *, now: datetime) -> bytes:
    """`manifest.xml`: signers (e-mail, in order, OTHER), sender, texts, document, window.

    `signers` are e-mail addresses in signing order; signer n gets `order="n"` (1-based), so each
    signs after the previous one. `deadline` is the last day (Europe/Oslo) a signer may sign;
    Posten applies the window to *each* order group, see `available_seconds`.
    """
    _check_job(job)
    root = etree.Element(_q("portal-signature-job-manifest"), nsmap={None: NS})
    signers = _sub(root, "signers")
    for order, email in enumerate(job.signers, start=1):
        signer = _sub(signers, "signer", order=str(order))
        _sub(signer, "identified-by-contact-information")
        _sub(_sub(signer, "notifications"), "email", address=email)
        _sub(signer, "on-behalf-of", "OTHER")  # signs for an organisation, not as a private person
    _sub(_sub(root, "sender"), "organization-number", job.sender_orgnr)
    _sub(root, "title", job.title)
    if job.description:
        _sub(root, "description", job.description)
    document = _sub(_sub(root, "documents"), "document", href=job.pdf_name, mime="application/pdf")
    _sub(document, "title", job.title)
    availability = _sub(root, "availability")
    _sub(availability, "available-seconds", str(available_seconds(job.deadline, now)))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def build_package(
    job: JobRequest, cert: EnterpriseCertificate, *, now: datetime | None = None
) -> bytes:
    """The ASiC-E zip (bytes) for `job`, signed (XAdES) with the enterprise certificate."""
    manifest = build_manifest(job, now=now or datetime.now(OSLO))
    files = [
        PackageFile(job.pdf_name, job.pdf, "application/pdf"),
        PackageFile(MANIFEST_NAME, manifest, "application/xml"),
    ]
    signatures = sign_package_files(files, cert)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            archive.writestr(file.name, file.data)
        archive.writestr(SIGNATURES_NAME, signatures)
    return buffer.getvalue()


def build_job_request(reference: str, polling_queue: str | None) -> bytes:
    """`portal-signature-job-request`: reference (the agreement number) and queue."""
    check_reference(reference)
    root = etree.Element(_q("portal-signature-job-request"), nsmap={None: NS})
    _sub(root, "reference", reference)
    if polling_queue:
        _sub(root, "polling-queue", polling_queue)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
