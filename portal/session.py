"""The visit: a signed, HttpOnly, SameSite=Lax cookie (Secure unless the portal is on
localhost) that expires, carrying a random visit id and nothing else: no address, no name.

Every visitor gets a visit id on the first page, so the sign-in form has a CSRF token too.
Signing in starts a new visit whose id is the key of a session kept on the server
(`agreements.access.sessions`), so an id planted before sign-in is worth nothing, and ending
that session («Logg ut», the contact removed, "sign out everywhere") ends every copy of the
cookie at once. The CSRF token of every form is an HMAC of the visit id under the secret key.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "avtaleflyt_besok"


@dataclass(frozen=True)
class Visit:
    sid: str  # random; once signed in, the key of the server's session

    @staticmethod
    def new() -> Visit:
        return Visit(secrets.token_urlsafe(24))


class Visits:
    """Reads and writes the visit cookie, and makes and checks CSRF tokens."""

    def __init__(self, secret: str, *, secure: bool, max_age: int) -> None:
        self._secret = secret.encode()
        self._serializer = URLSafeTimedSerializer(secret, salt="avtaleflyt-visit")
        self.secure, self.max_age = secure, max_age

    def load(self, raw: str | None) -> Visit | None:
        if not raw:
            return None
        try:
            data: Any = self._serializer.loads(raw, max_age=self.max_age)
        except BadSignature:  # altered, or expired (SignatureExpired is a BadSignature)
            return None
        if not isinstance(data, dict) or not isinstance(data.get("sid"), str):
            return None
        return Visit(data["sid"][:100])

    def cookie(self, visit: Visit) -> str:
        value = self._serializer.dumps({"sid": visit.sid})
        flags = f"; Max-Age={self.max_age}; Path=/; HttpOnly; SameSite=Lax"
        return f"{COOKIE}={value}{flags}" + ("; Secure" if self.secure else "")

    def csrf(self, visit: Visit) -> str:
        return hmac.new(self._secret, b"csrf:" + visit.sid.encode(), hashlib.sha256).hexdigest()

    def csrf_ok(self, visit: Visit, token: object) -> bool:
        return isinstance(token, str) and hmac.compare_digest(self.csrf(visit), token)


class VisitMiddleware:
    """Puts the visit on `scope["state"]["visit"]` and writes the cookie when it is new or a
    route replaced it (sign-in, sign-out)."""

    def __init__(self, app: ASGIApp, visits: Visits) -> None:
        self.app, self.visits = app, visits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        conn = HTTPConnection(scope)
        found = self.visits.load(conn.cookies.get(COOKIE))
        visit = found or Visit.new()
        state = scope.setdefault("state", {})
        state["visit"] = visit

        async def send_with_cookie(message: Message) -> None:
            current = state.get("visit", visit)
            if message["type"] == "http.response.start" and (found is None or current != found):
                MutableHeaders(scope=message).append("set-cookie", self.visits.cookie(current))
            await send(message)

        await self.app(scope, receive, send_with_cookie)
