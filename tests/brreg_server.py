"""A real HTTP server on loopback answering as Enhetsregisteret, with whatever body a test
gives it (for the command line, which talks to a URL, not to a MockTransport)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from tests.loopback import QuietHandler, serving


@contextmanager
def register_server(answers: dict[str, tuple[int, bytes]]) -> Iterator[str]:
    """Serve `answers` (orgnr → status and body) at <url>/enheter/<orgnr>; yields the URL."""

    class Handler(QuietHandler):
        def do_GET(self) -> None:
            self.answer(*answers.get(self.path.rsplit("/", 1)[-1], (404, b"{}")))

    with serving(Handler) as port:
        yield f"http://127.0.0.1:{port}/enhetsregisteret/api"
