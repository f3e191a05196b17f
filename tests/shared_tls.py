"""One default TLS context for the httpx clients the suite's processes make (the workers and
the children they fork). httpx builds a context for every client, loading the CA bundle (about
20 ms of a core), and the suite makes thousands: a wait polls a starting server every 10 ms
with a client of its own, the portal's tests sign in with one each, Prefect's client is made
for every call. That came to several per cent of the suite's CPU, and a poll that costs more
than its interval takes a core from the server it waits for.

A client that names its own `verify` or `cert` (the Posten client's certificate) still builds
its own context; the shared one is built as httpx builds a default one, from the same
environment (SSL_CERT_FILE, SSL_CERT_DIR)."""

from __future__ import annotations

import functools
import os
import ssl
from typing import Any

# httpx is pinned: its transports build their context with `create_ssl_context` (0.28)
import httpx._transports.default as transports

_built = transports.create_ssl_context


@functools.cache
def _default(trust_env: bool, cert_file: str | None, cert_dir: str | None) -> ssl.SSLContext:
    return _built(verify=True, cert=None, trust_env=trust_env)


def _shared(verify: Any = True, cert: Any = None, trust_env: bool = True) -> ssl.SSLContext:
    if verify is True and cert is None:
        return _default(trust_env, os.environ.get("SSL_CERT_FILE"),
                        os.environ.get("SSL_CERT_DIR"))
    return _built(verify=verify, cert=cert, trust_env=trust_env)


def pytest_configure() -> None:
    transports.create_ssl_context = _shared
