"""A real HTTP server on loopback answering as Enhetsregisteret, with whatever body a test
gives it (for the command line, which talks to a URL, not to a MockTransport)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@contextmanager
def register_server(answers: dict[str, tuple[int, bytes]]) -> Iterator[str]:
    """Serve `answers` (orgnr → status and body) at <url>/enheter/<orgnr>; yields the URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, body = answers.get(self.path.rsplit("/", 1)[-1], (404, b"{}"))
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/enhetsregisteret/api"
    finally:
        server.shutdown()
        server.server_close()
