"""The double's jobs, its queued status changes, and the XML it answers with."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from lxml import etree

from .checks import NS


@dataclass(frozen=True)
class Recorded:
    """One request as the double saw it."""

    method: str
    path: str
    headers: dict[str, str]
    client_orgnr: str | None


@dataclass
class FakeSigner:
    email: str
    order: int
    status: str = "WAITING"
    since: datetime = field(default_factory=lambda: datetime.now(UTC))
    xades: bytes | None = None  # their own signature over the document, once signed


@dataclass
class FakeJob:
    id: int
    orgnr: str
    reference: str | None
    queue: str
    title: str
    signers: list[FakeSigner]
    pdf: bytes | None
    status: str = "IN_PROGRESS"
    pdf_name: str = "document.pdf"


@dataclass
class QueuedChange:
    seq: int
    job_id: int
    xml: bytes
    visible_at: float = 0.0
    deliveries: int = 0
    confirmed: bool = False


def status_xml(job: FakeJob, url: Callable[[FakeJob, str], str], legacy: bool) -> bytes:
    """The `portal-signature-job-status-change-response` for the job as it is now."""
    root = etree.Element(
        f"{{{NS}}}portal-signature-job-status-change-response", nsmap={None: NS}
    )

    def sub(parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
        element = etree.SubElement(parent, f"{{{NS}}}{tag}", attrs)
        element.text = text
        return element

    if job.reference:
        sub(root, "reference", job.reference)
    sub(root, "signature-job-id", str(job.id))
    sub(root, "status", job.status)
    sub(root, "confirmation-url", url(job, "complete"))
    if job.status == "IN_PROGRESS":
        sub(root, "cancellation-url", url(job, "cancel"))
    else:
        sub(root, "delete-documents-url", url(job, "documents"))
    signatures = sub(root, "signatures")
    for number, s in enumerate(job.signers, start=1):
        signature = sub(signatures, "signature")
        sub(signature, "status", s.status, since=s.since.isoformat(timespec="milliseconds"))
        if legacy:
            sub(signature, "identifier", s.email)
        else:
            sub(sub(signature, "identifier"), "email", address=s.email)
        if s.status == "SIGNED":
            sub(signature, "xades-url", url(job, f"xades/{number}"))
    if any(s.status == "SIGNED" for s in job.signers):
        sub(signatures, "pades-url", url(job, "pades"))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def error_xml(code: str, message: str, kind: str = "CLIENT") -> bytes:
    root = etree.Element(f"{{{NS}}}error", nsmap={None: NS})
    for tag, text in (("error-code", code), ("error-message", message), ("error-type", kind)):
        etree.SubElement(root, f"{{{NS}}}{tag}").text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
