"""Signing in by e-mail link, signing out, and the front page (what the person can reach)."""

from __future__ import annotations

from fastapi import APIRouter, BackgroundTasks, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

import portal.forms as forms
from agreements.access import rules, tokens
from agreements.commands import (
    MailSignInLink,
    RequestSignInLink,
    SignedIn,
    SignIn,
    SignOut,
    SignOutEverywhere,
)
from agreements.errors import AvtaleflytError
from portal.session import Visit
from portal.web import Ctx, csrf_checked, ctx, failed, log, page, run, signed_in

router = APIRouter()


@router.get("/")
def home(c: Ctx = Depends(ctx)) -> Response:
    if c.who is None:
        return page(c, "signin.html", email="")
    with c.app.reading() as session:
        organisations = rules.organisations(session, c.who)
        areas = rules.areas(session, c.who)
        to_sign = rules.agreements_to_sign(session, c.who)
    return page(c, "home.html", organisations=organisations, areas=areas, to_sign=to_sign)


@router.post("/logg-inn", dependencies=[Depends(csrf_checked)])
def ask_for_link(request: Request, tasks: BackgroundTasks, email: str = Form(""),
                 c: Ctx = Depends(ctx)) -> Response:
    """Always the same answer, after the same work, for a known and an unknown address: the
    request is counted against the limits; the link is made, queued and sent after the
    answer, so neither the answer nor the time it takes tells whether the address is known."""
    try:
        address = forms.email(email)
        client = request.client.host if request.client else "unknown"
        run(c, RequestSignInLink, email=address, client=client)
    except (forms.FormError, AvtaleflytError) as exc:
        return page(c, "signin.html", status=400, email=email, **failed(exc))
    tasks.add_task(_mail, c, address, client)
    return page(c, "signin_sent.html", email=address)


def _mail(c: Ctx, address: str, client: str) -> None:
    """After the answer: the link queued and sent; a failure is logged (a queued e-mail is
    sent by the next delivery)."""
    try:
        queued = run(c, MailSignInLink, email=address, client=client).queued
        if queued:
            tokens.deliver_links(c.app, queued)
    except Exception:
        log.exception("portal: the sign-in e-mail to %s could not be sent now", address)


@router.get("/logg-inn/lenke")
def confirm_link(token: str = "", c: Ctx = Depends(ctx)) -> Response:
    """The link from the e-mail opens a page with a button: a mail scanner that fetches the
    link does not use it up."""
    return page(c, "signin_confirm.html", token=token)


@router.post("/logg-inn/lenke", dependencies=[Depends(csrf_checked)])
def use_link(request: Request, token: str = Form(""), c: Ctx = Depends(ctx)) -> Response:
    try:
        outcome = run(c, SignIn, token=token[:200])
    except AvtaleflytError as exc:
        return page(c, "signin.html", status=400, email="", **failed(exc))
    assert isinstance(outcome, SignedIn)
    # a new visit, whose id is the session's key: nothing planted before survives
    request.state.visit = Visit(outcome.session.get_secret_value())
    return RedirectResponse("/", status_code=303)


@router.post("/logg-ut", dependencies=[Depends(csrf_checked)])
def sign_out(request: Request, c: Ctx = Depends(ctx)) -> Response:
    """End the session on the server (every copy of the cookie with it), then a new visit."""
    if c.who is not None:
        run(c, SignOut)
    request.state.visit = Visit.new()
    return RedirectResponse("/", status_code=303)


@router.post("/logg-ut-overalt", dependencies=[Depends(csrf_checked)])
def sign_out_everywhere(request: Request, c: Ctx = Depends(signed_in)) -> Response:
    """End every session of the person signed in: on every device, this one too."""
    assert c.who is not None
    run(c, SignOutEverywhere, email=c.who.email)
    request.state.visit = Visit.new()
    return RedirectResponse("/", status_code=303)
