"""ASGI guards around every request: security headers on every answer, a cap on the size of a
request body (a larger upload is refused before it is spooled anywhere), and forms accepted
only from the portal's own pages (`SameOrigin`)."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADERS = {
    "content-security-policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "referrer-policy": "no-referrer",  # the sign-in page's address holds the token
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
}


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


class TooLarge(HTTPException):
    """Raised while a body without Content-Length streams past the limit (FastAPI passes an
    HTTPException from the body through, so the app's 413 page answers)."""

    def __init__(self) -> None:
        super().__init__(status_code=413)


DRAIN = 4  # bodies up to this many times the limit are read and dropped before the answer


async def _drain(receive: Receive) -> None:
    while True:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body"):
            return


class BodyLimit:
    """Refuse a request whose body is larger than `limit` bytes with 413 and a page that says
    so, by its Content-Length or, without one, while it streams in."""

    def __init__(self, app: ASGIApp, limit: int, page: str) -> None:
        self.app, self.limit, self.page = app, limit, page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            if int(declared) <= DRAIN * self.limit:  # read it, so a browser gets the page
                await _drain(receive)
            await self._refuse(scope, receive, send)
            return
        seen = 0
        started = False

        async def counting() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise TooLarge
            return message

        async def tracking(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting, tracking)
        except TooLarge:
            if started:
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        await HTMLResponse(self.page, status_code=413, headers={"connection": "close"})(
            scope, receive, send)


UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
ACCEPTED_SITES = frozenset({"same-origin", "none"})  # none: typed or bookmarked by the person


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class SameOrigin:
    """Refuse (403, with a page that says why) a form sent from another site's page, before
    anything reads it. A browser says where a request comes from:

    - `Sec-Fetch-Site`, sent by every current browser to https addresses and to localhost,
      must be `same-origin` (or `none`: typed or bookmarked by the person);
    - without it, `Origin` must be the portal's own: its configured address, or the host the
      request was sent to.

    Browsers send `Origin: null` instead of the origin when the page's referrer policy
    withholds it (the portal's pages say `no-referrer`: the sign-in link holds a token), and
    older browsers and programs send neither header; such a request goes on to the CSRF token
    check, which every form needs anyway."""

    def __init__(self, app: ASGIApp, portal_url: str, page: str) -> None:
        self.app, self.own, self.page = app, origin_of(portal_url), page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in UNSAFE or self._allowed(scope):
            await self.app(scope, receive, send)
            return
        await HTMLResponse(self.page, status_code=403)(scope, receive, send)

    def _allowed(self, scope: Scope) -> bool:
        headers = Headers(scope=scope)
        site = headers.get("sec-fetch-site")
        if site is not None:
            return site.lower() in ACCEPTED_SITES
        origin = (headers.get("origin") or "null").lower()
        own = {self.own, f"{scope.get('scheme', 'http')}://{headers.get('host', '')}".lower()}
        return origin == "null" or origin in own
