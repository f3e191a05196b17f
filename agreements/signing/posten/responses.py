"""Parsing of what Posten signering answers: job created, status changes, errors.

Unknown job or signer statuses are kept as plain strings: portal.xsd says the signer status "might
contain new, unknown statuses in the future … should be logged for later review and ignored at
runtime". Anything that is not the expected XML raises `PostenError`
("Posten signering answered something unexpected: …"). Status changes become the provider's
`StatusChange`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from agreements.errorcodes import Code
from agreements.signing.provider import CreatedJob, SignerStatus, StatusChange

from .errors import PostenError

NS = "http://signering.posten.no/schema/v1"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)


@dataclass(frozen=True)
class ServiceError:
    """The service's `<error>`: code, message and type."""

    code: str
    message: str
    type: str


def _unexpected(detail: str) -> PostenError:
    return PostenError(Code.POSTEN_UNEXPECTED, detail=detail)


def _root(data: bytes, expected: str) -> etree._Element:
    try:
        root = etree.fromstring(data, _PARSER)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise _unexpected(f"not XML ({exc})") from exc
    if root.tag != f"{{{NS}}}{expected}":
        raise _unexpected(f"expected <{expected}>, got <{etree.QName(root).localname}>")
    return root


def _text(parent: etree._Element, tag: str, *, required: bool = True) -> str | None:
    element = parent.find(f"{{{NS}}}{tag}")
    value = (element.text or "").strip() if element is not None else ""
    if not value:
        if required:
            raise _unexpected(f"<{tag}> is missing in <{etree.QName(parent).localname}>")
        return None
    return value


def _job_id(parent: etree._Element) -> int:
    raw = _text(parent, "signature-job-id")
    try:
        return int(raw or "")
    except ValueError as exc:
        raise _unexpected(f"signature-job-id {raw!r} is not a number") from exc


def _datetime(raw: str | None) -> datetime | None:
    if raw is None:
        return None
    try:
        return datetime.fromisoformat(raw.strip())
    except ValueError as exc:
        raise _unexpected(f"{raw!r} is not a date-time") from exc


def parse_create_response(data: bytes) -> CreatedJob:
    """Parse `portal-signature-job-response`."""
    root = _root(data, "portal-signature-job-response")
    return CreatedJob(
        job_id=_job_id(root),
        cancellation_url=_text(root, "cancellation-url"),
    )


def _signer(signature: etree._Element) -> str:
    pin = _text(signature, "personal-identification-number", required=False)
    if pin:
        return pin
    identifier = signature.find(f"{{{NS}}}identifier")
    if identifier is None:
        raise _unexpected("a <signature> has neither identifier nor personal-identification-number")
    email = identifier.find(f"{{{NS}}}email")
    sms = identifier.find(f"{{{NS}}}sms")
    if email is not None and email.get("address"):
        return str(email.get("address"))
    if sms is not None and sms.get("number"):
        return str(sms.get("number"))
    # Older form (schema type signer-identifier): plain text, "e-mail", "mobile" or "e-mail;mobile".
    parts = [p.strip() for p in (identifier.text or "").split(";") if p.strip()]
    if not parts:
        raise _unexpected("a signer <identifier> is empty")
    return next((p for p in parts if "@" in p), parts[0])


def parse_status_change(data: bytes) -> StatusChange:
    """Parse `portal-signature-job-status-change-response`; unknown statuses are kept as strings."""
    root = _root(data, "portal-signature-job-status-change-response")
    signatures_el = root.find(f"{{{NS}}}signatures")
    if signatures_el is None:
        raise _unexpected("<signatures> is missing")
    signatures = []
    for signature in signatures_el.findall(f"{{{NS}}}signature"):
        status_el = signature.find(f"{{{NS}}}status")
        if status_el is None or not (status_el.text or "").strip():
            raise _unexpected("a <signature> has no <status>")
        signatures.append(
            SignerStatus(
                signer=_signer(signature),
                status=(status_el.text or "").strip(),
                since=_datetime(status_el.get("since")),
                xades_url=_text(signature, "xades-url", required=False),
            )
        )
    return StatusChange(
        job_id=_job_id(root),
        reference=_text(root, "reference", required=False),
        status=_text(root, "status") or "",
        confirmation_url=_text(root, "confirmation-url") or "",
        cancellation_url=_text(root, "cancellation-url", required=False),
        document_url=_text(signatures_el, "pades-url", required=False),
        signers=tuple(signatures),
    )


def parse_error(data: bytes) -> ServiceError | None:
    """The service's `<error>` if `data` is one; None otherwise. Never raises."""
    try:
        root = etree.fromstring(data, _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root.tag != f"{{{NS}}}error":
        return None

    def text(tag: str) -> str:
        element = root.find(f"{{{NS}}}{tag}")
        return (element.text or "").strip() if element is not None else ""

    return ServiceError(
        code=text("error-code"), message=text("error-message"), type=text("error-type")
    )
