"""The double's HTTPS front: TLS 1.2 with a client certificate required, and the routes."""

from __future__ import annotations

import contextlib
import socket
import ssl
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from cryptography import x509
from lxml import etree

from .checks import NS, Refusal, orgnr_of
from .jobs import Recorded, error_xml

if TYPE_CHECKING:
    from .server import PostenServer


class TLSServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, double: PostenServer, context: ssl.SSLContext) -> None:
        self.double, self.context = double, context
        super().__init__(("127.0.0.1", 0), _Handler)

    def finish_request(self, request: Any, client_address: Any) -> None:
        try:
            tls = self.context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError) as exc:
            self.double.tls_failures.append(str(exc))
            return
        try:
            self.RequestHandlerClass(tls, client_address, self)  # type: ignore[arg-type]
        finally:
            with contextlib.suppress(OSError):
                tls.shutdown(socket.SHUT_RDWR)
            tls.close()


def _poll_header(wait: float) -> str:
    at = datetime.now(UTC) + timedelta(seconds=max(0.0, wait))
    return at.astimezone().isoformat(timespec="milliseconds")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # The headers and the body are two writes: without TCP_NODELAY the body waits for the
    # client's delayed ACK (about 40 ms an answer on Linux), which no real server makes.
    disable_nagle_algorithm = True
    server: TLSServer

    def log_message(self, format: str, *args: Any) -> None:  # keep pytest output clean
        pass

    def _answer(
        self,
        status: int,
        body: bytes = b"",
        content_type: str = "application/xml",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if body:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _handle(self) -> None:
        double = self.server.double
        der = self.connection.getpeercert(binary_form=True)
        client_orgnr = orgnr_of(x509.load_der_x509_certificate(der)) if der else None
        double.requests.append(
            Recorded(self.command, self.path, dict(self.headers.items()), client_orgnr)
        )
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        url = urlsplit(self.path)
        parts = url.path.removeprefix("/api/").strip("/").split("/")
        try:
            if len(parts) < 3 or parts[1:3] != ["portal", "signature-jobs"]:
                raise Refusal("NOT_FOUND", f"no resource {url.path}", 404)
            orgnr, rest = parts[0], parts[3:]
            if orgnr != client_orgnr and orgnr not in double.senders:
                raise Refusal(
                    "BROKER_NOT_AUTHORIZED", f"{client_orgnr} may not act for {orgnr}", 403
                )
            self._route(double, orgnr, rest, url.query, body, client_orgnr)
        except Refusal as refusal:
            self._answer(refusal.status, error_xml(refusal.code, refusal.message))
        except Exception as exc:  # a bug in the double: answer like a server error
            self._answer(500, error_xml("INTERNAL_SERVER_ERROR", repr(exc), "SERVER"))

    def _route(
        self,
        double: PostenServer,
        orgnr: str,
        rest: list[str],
        query: str,
        body: bytes,
        client: str | None,
    ) -> None:
        method = self.command
        if not rest and method == "POST":
            job = double.create(orgnr, client, self.headers.get("Content-Type", ""), body)
            response = etree.Element(f"{{{NS}}}portal-signature-job-response", nsmap={None: NS})
            if job.reference:
                etree.SubElement(response, f"{{{NS}}}reference").text = job.reference
            etree.SubElement(response, f"{{{NS}}}signature-job-id").text = str(job.id)
            etree.SubElement(response, f"{{{NS}}}cancellation-url").text = double.url(job, "cancel")
            self._answer(200, etree.tostring(response, xml_declaration=True, encoding="UTF-8"))
        elif not rest and method == "GET":
            queue = parse_qs(query).get("polling_queue", [""])[0]
            status, xml, wait = double.poll(orgnr, queue)
            self._answer(status, xml, headers={"X-Next-permitted-poll-time": _poll_header(wait)})
        elif len(rest) >= 2:
            job = double.job_for(orgnr, rest[0])
            action = (method, rest[1])
            if action == ("POST", "complete"):
                double.confirm(job)
                self._answer(200)
            elif action == ("POST", "cancel"):
                double.cancel(job)
                self._answer(200)
            elif (
                action == ("GET", "pades")
                and job.pdf
                and any(s.status == "SIGNED" for s in job.signers)
            ):
                self._answer(200, double.pades(job), "application/pdf")
            elif action == ("GET", "xades") and len(rest) == 3 and rest[2].isdigit():
                self._answer(200, double.xades(job, int(rest[2])))
            elif action == ("DELETE", "documents") and job.status != "IN_PROGRESS":
                job.pdf = None
                self._answer(200)
            else:
                raise Refusal("NOT_FOUND", f"{method} {'/'.join(rest)} is not available", 404)
        else:
            raise Refusal("METHOD_NOT_ALLOWED", f"{method} is not allowed here", 405)

    do_GET = do_POST = do_DELETE = _handle
