"""`avtaleflyt portal --workers 2`: two processes answer on one port as one portal. A person
signed in through one worker is signed in on the other, and a form's CSRF token made by one
is taken by the other: the session is a row and the token an HMAC under the one key the
workers share (the demo's made-up key too, on 127.0.0.1)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from agreements.access import tokens
from agreements.app import App, open_app
from agreements.core.db import get_engine
from tests import loopback
from tests.conftest import free_port
from tests.forked import portal_child
from tests.helpers import oslo_kilde
from tests.portal_helpers import csrf, follow_link


@contextmanager
def two_workers(app: App, tmp_path: Path) -> Iterator[str]:
    """The portal with two workers on `app`'s database, in demo mode (no secret key given)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    url = app.settings.database_url or ""
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("AVTALEFLYT_")},
           "AVTALEFLYT_DATA_DIR": str(app.settings.data_dir), "AVTALEFLYT_OFFLINE": "1",
           "AVTALEFLYT_DEMO": "1", "AVTALEFLYT_PORTAL_URL": base,
           **({"AVTALEFLYT_DATABASE_URL": url} if url else {})}
    app.close()
    get_engine(app.settings.db_url).dispose()
    with portal_child(port, env, "--workers", "2", db_url=url or None) as ended:
        yield base
    assert ended[0].code == 0


def test_a_session_made_by_one_worker_is_honoured_by_every_worker(any_app: App,
                                                                   tmp_path: Path) -> None:
    """Signed in once, every page asked on a fresh connection (either worker) is the signed-in
    page, and a form token from any page is accepted on a POST to any worker."""
    oslo_kilde(any_app)
    with open_app(any_app.settings) as now:  # the link lives by the portal's clock, today's
        link = tokens.issue_link(now, "ola@oslo.kommune.no")
    with two_workers(any_app, tmp_path) as base:
        with loopback.client(base_url=base, follow_redirects=True, timeout=30) as first:
            assert "Logg ut" in follow_link(first, base + link[link.index("/logg-inn"):]).text
            cookies = first.cookies
        pages = []
        for _ in range(12):  # a fresh connection each: the kernel hands it to either worker
            with loopback.client(base_url=base, cookies=cookies, timeout=30) as other:
                pages.append(other.get("/"))
        assert all(p.status_code == 200 and "Logg ut" in p.text for p in pages)
        with loopback.client(base_url=base, cookies=cookies, timeout=30) as other:
            out = other.post("/logg-ut", data={"csrf_token": csrf(pages[-1].text)})
        assert out.status_code == 303
        with loopback.client(base_url=base, cookies=cookies, timeout=30) as other:
            assert "Logg ut" not in other.get("/").text  # the session ended for every worker


def test_the_workers_socket_and_each_connection_it_accepts_send_at_once() -> None:
    """TCP_NODELAY on the workers' listening socket and on a connection it accepts (Linux
    hands it on): no response waits for the client to acknowledge its head (about 40 ms a
    request when uvicorn bound the socket alone)."""
    import socket

    import uvicorn

    from portal.serving import listening

    nodelay = (socket.IPPROTO_TCP, socket.TCP_NODELAY)
    with listening(uvicorn.Config("portal.serving:worker", host="127.0.0.1", port=0)) as sock:
        sock.listen()
        with socket.create_connection(sock.getsockname()):
            accepted, _ = sock.accept()
            with accepted:
                assert sock.getsockopt(*nodelay) and accepted.getsockopt(*nodelay)
