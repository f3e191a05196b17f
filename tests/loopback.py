"""A quiet HTTP server on loopback for the fakes of outside services (Enhetsregisteret, NHN),
and the tests' own HTTP clients (`client`, `get`, `post`)."""

from __future__ import annotations

import functools
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler that answers JSON and logs nothing, each part as soon as it is
    written (TCP_NODELAY: the body does not wait about 40 ms for the client to acknowledge
    the head)."""

    disable_nagle_algorithm = True

    def answer(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[int]:
    """Serve with `handler` on a free loopback port (yielded) until the block ends."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@functools.cache
def tls() -> ssl.SSLContext:
    """One default TLS context for the tests' own clients. httpx builds one for every client
    not given one, loading the CA bundle (about 20 ms of a core: 21 ms a client against 1.4),
    and the waits poll a starting server every 10 ms with a client each."""
    return httpx.create_ssl_context()


def client(**options: Any) -> httpx.Client:
    """An httpx client on the shared TLS context."""
    return httpx.Client(verify=tls(), **options)


def get(url: str, **options: Any) -> httpx.Response:
    with client() as one:
        return one.get(url, **options)


def post(url: str, **options: Any) -> httpx.Response:
    with client() as one:
        return one.post(url, **options)

