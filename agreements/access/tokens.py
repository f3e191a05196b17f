"""Single-use sign-in links: asked for by a person (e-mailed through the outbox) or issued by
an operator (`avtaleflyt portal link`, audited), redeemed once within their lifetime.

Only the SHA-256 of a token is stored. The e-mail carrying it is queued under a key of its own
with the token as its secret: once it has left (or was given up), whichever process delivered
it, the outbox blanks the token out of the stored body. Whether an address is known never
shows in the answer: an unknown address is counted against the rate limits like a known one,
and simply gets no e-mail.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlmodel import Session, select

from agreements import links, messages
from agreements.access import limits, rules, sessions
from agreements.core import audit
from agreements.core.db import locked
from agreements.core.models import SignInToken
from agreements.errors import NotFound, Refused
from agreements.outbox import queue
from agreements.registry.contacts import check_email

if TYPE_CHECKING:
    from agreements.app import App

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,100}$")


class InvalidLink(Refused):
    """The sign-in link is unknown, altered, already used or expired."""


@dataclass(frozen=True)
class Queued:
    """A sign-in e-mail waiting in the outbox (the token, to blank it out once it has left)."""

    key: str
    token: str


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new(app: App, session: Session, email: str) -> str:
    token = secrets.token_urlsafe(32)
    now = app.clock.now()
    session.add(SignInToken(token_hash=digest(token), email=email, created_at=now,
                            expires_at=now + timedelta(minutes=app.settings.signin_link_minutes)))
    session.flush()
    return token


def request_link(app: App, email: str, client: str) -> Queued | None:
    """A person asks to sign in: counted against the limits (RateLimited when over), and a
    link e-mailed when the address belongs to a contact. None when nothing was queued."""
    email = check_email(email)
    with app.transaction() as session:
        limits.take(session, [(limits.address_key(email), app.settings.signin_per_address),
                              (limits.client_key(client), app.settings.signin_per_client)],
                    app.clock.now())
        who = rules.person(session, email)
        if who is None:
            return None
        token = _new(app, session, email)
        subject, body = messages.sign_in_link(lenke=links.sign_in(app.settings, token),
                                              minutter=app.settings.signin_link_minutes)
        key = f"signin:{digest(token)[:32]}"
        queue.enqueue(app, session, queue.Mail(key, queue.address(who.name, email), subject,
                                               body, secret=token))
        audit.record(session, actor=f"portal:{email}", action="access.link_requested",
                     subject=f"person:{email}", data={"client": client[:80]})
    return Queued(key, token)


def deliver_link(app: App, queued: Queued) -> None:
    """Send the e-mail now (the outbox then forgets the token); if the mail server is down,
    the next delivery sends it."""
    deliver_links(app, [queued.key])


def deliver_links(app: App, keys: list[str]) -> None:
    """Send the sign-in e-mails queued under `keys` now (see `deliver_link`)."""
    from agreements.outbox.delivery import deliver

    deliver(app, keys=keys)


def issue_link(app: App, email: str) -> str:
    """An operator issues a link for a registered contact (audited; nothing is e-mailed)."""
    address = email.strip().lower()
    with app.transaction() as session:
        if rules.person(session, address) is None:
            raise NotFound(f"no contact has the e-mail address {address}: add one with "
                           "`avtaleflyt org contact add`")
        token = _new(app, session, address)
        audit.record(session, actor=app.actor, action="access.link_issued",
                     subject=f"person:{address}",
                     data={"minutes": app.settings.signin_link_minutes})
    return links.sign_in(app.settings, token)


def redeem(app: App, token: str) -> str:
    """Use a link: returns the e-mail address it signs in, or raises InvalidLink."""
    with app.transaction() as session:
        return _use(app, session, token)


def sign_in(app: App, token: str) -> tuple[str, str]:
    """Use a link and start a portal session for its address, in one transaction: returns
    the address and the session's key (for the cookie), or raises InvalidLink."""
    with app.transaction() as session:
        email = _use(app, session, token)
        return email, sessions.start(session, email, app.clock.now(),
                                     app.settings.session_hours)


def _use(app: App, session: Session, token: str) -> str:
    if not _TOKEN.match(token or ""):
        raise InvalidLink("the sign-in link is not valid")
    found = session.exec(select(SignInToken.id).where(
        SignInToken.token_hash == digest(token))).first()
    row = locked(session, SignInToken, found) if found else None
    if row is None:
        raise InvalidLink("the sign-in link is not valid")
    if row.used_at is not None:
        raise InvalidLink("the sign-in link has been used already")
    if row.expires_at <= app.clock.now():
        raise InvalidLink("the sign-in link has expired")
    if rules.person(session, row.email) is None:
        raise InvalidLink("the address is no longer registered as a contact")
    row.used_at = app.clock.now()
    audit.record(session, actor=f"portal:{row.email}", action="access.signed_in",
                 subject=f"person:{row.email}", data={})
    return row.email
