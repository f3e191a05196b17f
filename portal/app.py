"""The portal's app factory: nothing is built at import; `create_app()` reads the settings,
refuses to run without a secret key (except the demo on 127.0.0.1), and wires the routes."""

from __future__ import annotations

import logging
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from agreements.access.actors import Visitor
from agreements.app import Clock, Transports, open_app
from agreements.config import Settings
from agreements.errorcodes import Code
from agreements.errors import InvalidInput
from portal.errortexts import STATUS_PAGES
from portal.guards import BodyLimit, SameOrigin, SecurityHeaders
from portal.routes_agreement import router as agreement_routes
from portal.routes_area import router as area_routes
from portal.routes_checklist import router as checklist_routes
from portal.routes_files import router as files_routes
from portal.routes_org import router as org_routes
from portal.routes_signin import router as signin_routes
from portal.session import VisitMiddleware, Visits
from portal.web import Portal, SignInFirst, ctx, environment, page

log = logging.getLogger("avtaleflyt.portal")
LOOPBACK = ("127.0.0.1", "localhost", "::1")
FORM_ROOM = 256 * 1024  # what a form carries besides its file


def secret_for(settings: Settings, host: str | None = None) -> str:
    """The key that signs cookies. Without AVTALEFLYT_SECRET_KEY only the demo on 127.0.0.1
    runs, with a key made up for this process (sessions end when it stops)."""
    if settings.secret_key is not None:
        return settings.secret_key.get_secret_value()
    where = host or urlsplit(settings.portal_url).hostname or ""
    if settings.demo and where in LOOPBACK:
        log.warning("AVTALEFLYT_SECRET_KEY is not set: demo mode, sessions end on restart")
        return secrets.token_urlsafe(48)
    raise InvalidInput(Code.PORTAL_NEEDS_SECRET)


def create_app(settings: Settings | None = None, *, transports: Transports | None = None,
               clock: Clock | None = None, host: str | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    secret = secret_for(settings, host)
    base = open_app(settings, clock=clock, actor=Visitor(), transports=transports,
                    need_schema=True)
    secure = (urlsplit(settings.portal_url).hostname or "") not in LOOPBACK
    visits = Visits(secret, secure=secure, max_age=settings.session_hours * 3600)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        base.close()

    web = FastAPI(title="avtaleflyt", docs_url=None, redoc_url=None, openapi_url=None,
                  lifespan=lifespan)
    portal = Portal(base, visits, environment(settings))
    web.state.portal = portal
    for router in (signin_routes, org_routes, checklist_routes, agreement_routes, area_routes,
                   files_routes):
        web.include_router(router)
    web.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    _handlers(web)
    too_large = _plain_page(portal, 413)
    web.add_middleware(VisitMiddleware, visits=visits)
    web.add_middleware(SameOrigin, portal_url=settings.portal_url,
                       page=_plain_page(portal, 403, FOREIGN_FORM))
    web.add_middleware(BodyLimit, limit=settings.max_signed_file_bytes + FORM_ROOM,
                       page=too_large)
    web.add_middleware(SecurityHeaders)
    return web


FOREIGN_FORM = ("Skjemaet kom fra en annen nettside",
                "Portalen tar bare imot skjemaer som sendes fra portalens egne sider. Åpne "
                "portalen direkte (skriv adressen selv eller bruk et bokmerke) og prøv igjen.")


def _plain_page(portal: Portal, status: int, said: tuple[str, str] | None = None) -> str:
    title, text = said or STATUS_PAGES[status]
    return portal.env.get_template("error.html").render(
        c=None, who=None, csrf="", ok=None, error=None, field=None, status=status, title=title,
        text=text.format(maks_mb=portal.env.globals["maks_mb"]))


def _handlers(web: FastAPI) -> None:
    @web.exception_handler(SignInFirst)
    async def sign_in_first(request: Request, _: Exception) -> Response:
        c = ctx(request)
        return page(c, "signin.html", status=401, email="")

    @web.exception_handler(HTTPException)
    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        return _error_page(request, status if status in STATUS_PAGES else 400)

    @web.exception_handler(RequestValidationError)
    async def bad_request(request: Request, _: Exception) -> Response:
        return _error_page(request, 400)

    @web.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("portal: %s %s failed", request.method, request.url.path, exc_info=exc)
        return _error_page(request, 500)


def _error_page(request: Request, status: int) -> HTMLResponse:
    portal: Portal = request.app.state.portal
    return HTMLResponse(_plain_page(portal, status), status_code=status)
