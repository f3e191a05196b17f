"""The portal on a loopback port (uvicorn in a thread, on a socket bound here), and a person
signed in to it over HTTP the way a browser does: link, confirm page, CSRF token, cookie."""

from __future__ import annotations

import asyncio
import email
import email.policy
import re
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import uvicorn
from pydantic import SecretStr

from agreements.access import tokens
from agreements.app import App, Clock, Transports
from agreements.config import Settings
from tests import loopback
from tests.waiting import PATIENCE, wait_for

SECRET = "test-secret-key-0123456789-abcdefghijklmnop"
_CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]{64})"')


def portal_settings(settings: Settings, base_url: str = "http://127.0.0.1:8000") -> Settings:
    return settings.model_copy(update={"secret_key": SecretStr(SECRET), "portal_url": base_url})


class _Prompt(uvicorn.Server):
    """uvicorn's server, stopping as soon as it is told to: uvicorn looks at `should_exit`
    every 0.1 s, then sleeps 0.1 s for the connections it asked to close, about 0.175 s a stop
    with nothing to wait for, and the suite stops a portal a few hundred times. Here it looks
    every 5 ms and waits for the connections and requests until they are gone."""

    async def main_loop(self) -> None:
        counter = 0
        while not await self.on_tick(counter):  # the Date header's clock, and should_exit
            counter = (counter + 1) % 864_000
            await asyncio.sleep(0.005)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        for server in self.servers:
            server.close()
        for sock in sockets or []:
            sock.close()
        for connection in list(self.server_state.connections):
            connection.shutdown()  # an idle one closes now, a busy one after its response
        state = self.server_state
        await asyncio.wait_for(_until(lambda: not state.connections and not state.tasks),
                               PATIENCE)
        for server in self.servers:
            await server.wait_closed()
        await self.lifespan.shutdown()


async def _until(condition: Callable[[], bool]) -> None:
    while not condition():
        await asyncio.sleep(0.005)


@contextmanager
def serve(settings: Settings, *, clock: Clock | None = None,
          transports: Transports | None = None, portal_url: str | None = None) -> Iterator[str]:
    """The portal for `settings`, listening on 127.0.0.1; yields its base URL (also the base
    of links in e-mails, unless `portal_url` is given)."""
    from portal import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # as portal.serving.listening
    sock.bind(("127.0.0.1", 0))
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    web = create_app(portal_settings(settings, portal_url or base), clock=clock,
                     transports=transports)
    server = _Prompt(uvicorn.Config(web, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    wait_for(lambda: server.started or not thread.is_alive(), "the portal to start")
    if not server.started:
        raise RuntimeError("the portal did not start")
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=PATIENCE)
        sock.close()


def link_in(eml: Path) -> str:
    """The sign-in link in a delivered e-mail (an .eml file of the outbox folder)."""
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    body = message.get_body(preferencelist=("plain",))
    assert isinstance(body, EmailMessage)
    found = re.search(r"https?://\S+/logg-inn/lenke\?token=[\w-]+", body.get_content())
    assert found, body.get_content()
    return found.group(0)


def csrf(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "no CSRF token on the page"
    return found.group(1)


def link_for(app: App, base: str, email: str) -> str:
    """A sign-in link for `email`, pointing at the portal under test."""
    link = tokens.issue_link(app, email)
    parts = urlsplit(link)
    return f"{base}{parts.path}?{parts.query}"


def follow_link(client: httpx.Client, link: str) -> httpx.Response:
    """Open a sign-in link and press its button."""
    page = client.get(link)
    token = re.search(r'name="token" value="([^"]*)"', page.text)
    assert token, page.text
    return client.post("/logg-inn/lenke", data={"csrf_token": csrf(page.text),
                                                 "token": token.group(1)})


@contextmanager
def signed_in(app: App, base: str, email: str) -> Iterator[httpx.Client]:
    """An HTTP client with `email` signed in."""
    with loopback.client(base_url=base, follow_redirects=True, timeout=30) as client:
        answer = follow_link(client, link_for(app, base, email))
        assert answer.status_code == 200 and "Logg ut" in answer.text, answer.text
        yield client


def post(client: httpx.Client, path: str, data: dict[str, str] | None = None,
         files: dict[str, tuple[str, bytes, str]] | None = None,
         page: str | None = None) -> httpx.Response:
    """POST a form with the CSRF token of `page` (default: the form's own page)."""
    token = csrf(client.get(page or path.rsplit("/", 1)[0] or "/").text)
    return client.post(path, data={"csrf_token": token, **(data or {})}, files=files)
