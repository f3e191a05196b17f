"""HTTP client for Posten signering's portal flow. One call per method, never a retry of its own.

Errors become `PostenError` with a code: `retryable=True` for timeouts, transport errors and 5xx
(and 429 outside polling); `retryable=False` for 4xx, TLS certificate refusals, a server that is
not Posten's, and malformed answers. The service's `<error>` code and message are the error's
`detail` when it sends one. Polling too early raises `TooEarly` with the permitted time; a
cancellation answered 404 or 409 raises `Conflict` (the job is over).

`maybe_done=True` marks failures after which the request may have taken effect: a timeout or a
dropped connection once the request was on its way, or a 200 whose body cannot be read. A create
that fails that way may still have created the job on Posten's side.
"""

from __future__ import annotations

import functools
import re
import secrets
import ssl
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx
from cryptography import x509
from cryptography.x509.oid import NameOID

from agreements.errorcodes import Code
from agreements.signing.provider import Conflict, CreatedJob, Poll, TooEarly

from .errors import PostenError
from .responses import parse_create_response, parse_error, parse_status_change

NEXT_POLL_HEADER = "X-Next-permitted-poll-time"
EMPTY_QUEUE_FALLBACK = timedelta(minutes=10)  # production's wait after an empty queue
_XML = "application/xml"


def _cause_chain(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def parse_poll_time(raw: str | None) -> datetime | None:
    """`X-Next-permitted-poll-time` (ISO-8601) as aware datetime; None if unusable."""
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(raw.strip())
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class PostenClient:
    """Posten signering portal API over an `httpx.Client` that does two-way TLS.

    `root_url` is e.g. ``https://api.signering.posten.no/api``. With `server_orgnr` set (the
    app sets AVTALEFLYT_POSTEN_SERVER_ORGNR, Posten Norge AS by default), every answer must come
    from a certificate naming that organisation number: the security guide (sikkerhet.rst) asks
    clients to check that the server certificate belongs to Posten Norge AS by its organisation
    number.
    """

    def __init__(
        self, http: httpx.Client, root_url: str, *, server_orgnr: str | None = None
    ) -> None:
        self._http = http
        self._root = root_url.rstrip("/")
        root = urlsplit(self._root)
        self._origin = (root.scheme, root.netloc)
        self._server_orgnr = server_orgnr

    # --- API ----------------------------------------------------------------------------------
    def create_job(
        self, sender_orgnr: str, package_zip: bytes, job_request_xml: bytes
    ) -> CreatedJob:
        """POST the job: `multipart/mixed`, the job request (application/xml) then the package."""
        boundary = secrets.token_hex(16)
        body = b"".join(
            [
                f"--{boundary}\r\nContent-Type: {_XML}\r\n"
                'Content-Disposition: form-data; name="signature-job"\r\n\r\n'.encode(),
                job_request_xml,
                f"\r\n--{boundary}\r\nContent-Type: application/octet-stream\r\n"
                'Content-Disposition: form-data; name="document-bundle"\r\n\r\n'.encode(),
                package_zip,
                f"\r\n--{boundary}--\r\n".encode(),
            ]
        )
        response = self._send(
            "POST",
            f"{self._root}/{sender_orgnr}/portal/signature-jobs",
            content=body,
            headers={"Content-Type": f"multipart/mixed; boundary={boundary}", "Accept": _XML},
        )
        self._expect(response, 200)
        try:
            return parse_create_response(response.content)
        except PostenError as exc:  # Posten said 200: the job most likely exists
            raise PostenError(exc.code, maybe_done=True, **exc.params) from exc

    def poll(self, sender_orgnr: str, polling_queue: str | None) -> Poll:
        """GET the oldest status change of the queue. 204 → change None. 429 → `TooEarly`."""
        params = {"polling_queue": polling_queue} if polling_queue else None
        response = self._send(
            "GET",
            f"{self._root}/{sender_orgnr}/portal/signature-jobs",
            params=params,
            headers={"Accept": _XML},
        )
        next_permitted = parse_poll_time(response.headers.get(NEXT_POLL_HEADER))
        now = datetime.now(UTC)
        if response.status_code == 429:
            when = next_permitted or now + EMPTY_QUEUE_FALLBACK
            raise TooEarly(Code.POSTEN_TOO_EARLY, next_permitted=when, when=when.isoformat())
        if response.status_code == 204:
            return Poll(None, next_permitted or now + EMPTY_QUEUE_FALLBACK)
        self._expect(response, 200)
        try:
            change = parse_status_change(response.content)
        except PostenError as exc:  # unconfirmed, so Posten delivers it again later
            raise PostenError(exc.code, retryable=True, **exc.params) from exc
        return Poll(change, next_permitted or now)

    def confirm(self, url: str) -> None:
        """POST an empty body to the confirmation URL (after the change is fully processed)."""
        response = self._send("POST", self._own(url), content=b"", headers={"Accept": _XML})
        self._expect(response)

    def download(self, url: str) -> bytes:
        """GET a PAdES or XAdES URL and return the bytes."""
        response = self._send(
            "GET",
            self._own(url),
            headers={"Accept": "application/pdf, application/xml, application/octet-stream, */*"},
        )
        self._expect(response, 200)
        if not response.content:
            raise PostenError(Code.POSTEN_EMPTY_DOCUMENT)
        return response.content

    def cancel(self, url: str) -> None:
        """POST an empty body to the cancellation URL. 404 or 409: the job is over already."""
        response = self._send("POST", self._own(url), content=b"", headers={"Accept": _XML})
        if response.status_code == 404:
            raise Conflict(Code.POSTEN_NO_LONGER, **self._refusal(response))
        self._expect(response)

    # --- plumbing -----------------------------------------------------------------------------
    def _own(self, url: str) -> str:
        parts = urlsplit(url)
        if (parts.scheme, parts.netloc) != self._origin:
            raise PostenError(Code.POSTEN_FOREIGN_URL, url=url)
        return url

    def _send(self, method: str, url: str, **kwargs: object) -> httpx.Response:
        try:
            response = self._http.request(method, url, **kwargs)  # type: ignore[arg-type]
        except httpx.TimeoutException as exc:
            raise PostenError(
                Code.POSTEN_TIMEOUT, method=method, url=url, reason=repr(exc),
                retryable=True, maybe_done=not isinstance(exc, httpx.ConnectTimeout),
            ) from exc
        except httpx.TransportError as exc:
            tls = [e for e in _cause_chain(exc) if isinstance(e, ssl.SSLError)]
            if tls and any(word in str(tls[0]).upper() for word in ("CERTIFICATE", "ALERT")):
                raise PostenError(Code.POSTEN_TLS_REFUSED, method=method, url=url,
                                  reason=str(tls[0])) from exc
            raise PostenError(
                Code.POSTEN_UNREACHABLE, method=method, url=url, reason=repr(exc),
                retryable=True, maybe_done=not isinstance(exc, httpx.ConnectError),
            ) from exc
        self._check_server(response)
        return response

    def _check_server(self, response: httpx.Response) -> None:
        if self._server_orgnr is None:
            return
        stream = response.extensions.get("network_stream")
        ssl_object = stream.get_extra_info("ssl_object") if stream is not None else None
        der = ssl_object.getpeercert(True) if ssl_object is not None else None
        if not der:
            raise PostenError(Code.POSTEN_SERVER_UNCHECKED)
        subject, values = _names(der)
        wanted = re.compile(rf"(?<!\d){re.escape(self._server_orgnr)}(?!\d)")
        if not any(wanted.search(value) for value in values):
            raise PostenError(Code.POSTEN_SERVER_FOREIGN, subject=subject,
                              orgnr=self._server_orgnr)

    @staticmethod
    def _refusal(response: httpx.Response) -> dict[str, Any]:
        error = parse_error(response.content)
        detail = (
            f"{error.code}: {error.message}" if error else (response.text[:200] or "no details")
        )
        call = f"{response.request.method} {response.request.url.path}"
        return {"call": call, "status": response.status_code, "detail": detail}

    @classmethod
    def _expect(cls, response: httpx.Response, *statuses: int) -> None:
        code = response.status_code
        if (code in statuses) if statuses else 200 <= code < 300:
            return
        if code == 409:
            raise Conflict(Code.POSTEN_NO_LONGER, **cls._refusal(response))
        raise PostenError(Code.POSTEN_REFUSED, retryable=code >= 500 or code == 429,
                          **cls._refusal(response))


@functools.lru_cache(maxsize=8)  # the same certificate on every answer of a connection
def _names(der: bytes) -> tuple[str, tuple[str, ...]]:
    """The server certificate's subject, and the values that may hold its orgnr."""
    subject = x509.load_der_x509_certificate(der).subject
    return subject.rfc4514_string(), tuple(
        str(a.value)
        for oid in (NameOID.COMMON_NAME, NameOID.SERIAL_NUMBER, NameOID.ORGANIZATION_IDENTIFIER)
        for a in subject.get_attributes_for_oid(oid))
