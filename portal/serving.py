"""How `avtaleflyt portal` serves: one process, or `--workers N` processes on one listening
socket (uvicorn's supervisor starts them, restarts one that dies, and stops them all on
SIGTERM). Each worker builds its own app on the same database; a visit's session is a row
there and its CSRF token an HMAC under the secret key, so any worker answers any request as
long as all hold the same key: the supervisor hands its key to the workers it starts (the
demo's key, made up once, included)."""

from __future__ import annotations

import gc
import os
import socket
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI

from agreements.config import Settings
from portal.app import create_app, secret_for

if TYPE_CHECKING:
    import uvicorn

KEY = "AVTALEFLYT_SECRET_KEY"


def run_workers(workers: int, host: str, port: int, **options: Any) -> None:
    """`workers` processes of `worker` on one listening socket, as `uvicorn.run(workers=N)`
    starts them, but on a socket with TCP_NODELAY (`listening`)."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config("portal.serving:worker", factory=True, workers=workers, host=host,
                            port=port, **options)
    Multiprocess(config, sockets=[listening(config)]).run()


def listening(config: uvicorn.Config) -> socket.socket:
    """The uvicorn config's listening socket with TCP_NODELAY, which the connections it accepts
    inherit. uvicorn binds a plain socket for its workers, and asyncio sets TCP_NODELAY only
    on the sockets it makes itself, so a response written in two parts (head, then body) was
    held back until the client acknowledged the first: about 40 ms a request, the client's
    delayed acknowledgement (44 ms against 0.7 ms a request, measured on loopback)."""
    sock = config.bind_socket()
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def share_secret(settings: Settings, host: str) -> None:
    """Before the workers start: the one key they all sign with (refused as `create_app`
    refuses: without a key only the demo on 127.0.0.1 runs)."""
    os.environ[KEY] = secret_for(settings, host)


def settle() -> None:
    """Once the app is built: what was made at start-up (modules, templates, the app) is kept
    out of the garbage collector's full passes, which otherwise walk all of it while a page
    is made (tens of ms each on the area overview)."""
    gc.collect()
    gc.freeze()


def worker() -> FastAPI:
    """The app of one worker process (uvicorn calls it in each, `factory=True`)."""
    web = create_app(Settings.from_env())
    settle()
    return web
