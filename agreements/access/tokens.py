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
from agreements.errorcodes import Code
from agreements.errors import NotFound, Refused
from agreements.outbox import queue
from agreements.registry.contacts import check_email

if TYPE_CHECKING:
    from agreements.core.ports import Work
    from agreements.outbox.delivery import Delivers

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


def _new(work: Work, session: Session, email: str) -> str:
    token = secrets.token_urlsafe(32)
    now = work.clock.now()
    session.add(SignInToken(token_hash=digest(token), email=email, created_at=now,
                            expires_at=now + timedelta(minutes=work.settings.signin_link_minutes)))
    session.flush()
    return token


def request_link(work: Work, email: str, client: str) -> Queued | None:
    """A person asks to sign in: counted against the limits (RateLimited when over), and a
    link e-mailed when the address belongs to a contact. None when nothing was queued."""
    return mail_link(work, count_request(work, email, client), client)


def count_request(work: Work, email: str, client: str) -> str:
    """A request to sign in, counted against the limits (RateLimited when over): the same
    work whether the address is known or not. Returns the address, checked."""
    email = check_email(email)
    with work.transaction() as session:
        limits.take(session, [(limits.address_key(email), work.settings.signin_per_address),
                              (limits.client_key(client), work.settings.signin_per_client)],
                    work.clock.now())
    return email


def mail_link(work: Work, email: str, client: str) -> Queued | None:
    """A counted request's link, queued to the address when it belongs to a contact (the
    portal does this after answering, so the answer's time tells nothing); None when
    nothing was queued."""
    email = check_email(email)
    with work.transaction() as session:
        who = rules.person(session, email)
        if who is None:
            return None
        token = _new(work, session, email)
        subject, body = messages.sign_in_link(lenke=links.sign_in(work.settings, token),
                                              minutter=work.settings.signin_link_minutes)
        key = f"signin:{digest(token)[:32]}"
        queue.enqueue(work, session, queue.Mail(key, queue.address(who.name, email), subject,
                                               body, secret=token))
        audit.record(session, actor=f"portal:{email}", action="access.link_requested",
                     subject=f"person:{email}", data={"client": client[:80]})
    return Queued(key, token)


def deliver_link(work: Delivers, queued: Queued) -> None:
    """Send the e-mail now (the outbox then forgets the token); if the mail server is down,
    the next delivery sends it."""
    deliver_links(work, [queued.key])


def deliver_links(work: Delivers, keys: list[str]) -> None:
    """Send the sign-in e-mails queued under `keys` now (see `deliver_link`)."""
    from agreements.outbox.delivery import deliver

    deliver(work, keys=keys)


def issue_link(work: Work, email: str) -> str:
    """An operator issues a link for a registered contact (audited; nothing is e-mailed)."""
    address = email.strip().lower()
    with work.transaction() as session:
        if rules.person(session, address) is None:
            raise NotFound(Code.NO_CONTACT_WITH_ADDRESS, email=address)
        token = _new(work, session, address)
        audit.record(session, actor=work.actor, action="access.link_issued",
                     subject=f"person:{address}",
                     data={"minutes": work.settings.signin_link_minutes})
    return links.sign_in(work.settings, token)


def redeem(work: Work, token: str) -> str:
    """Use a link: returns the e-mail address it signs in, or raises InvalidLink."""
    with work.transaction() as session:
        return _use(work, session, token)


def sign_in(work: Work, token: str) -> tuple[str, str]:
    """Use a link and start a portal session for its address, in one transaction: returns
    the address and the session's key (for the cookie), or raises InvalidLink."""
    with work.transaction() as session:
        email = _use(work, session, token)
        return email, sessions.start(session, email, work.clock.now(),
                                     work.settings.session_hours)


def _use(work: Work, session: Session, token: str) -> str:
    if not _TOKEN.match(token or ""):
        raise InvalidLink(Code.LINK_INVALID)
    found = session.exec(select(SignInToken.id).where(
        SignInToken.token_hash == digest(token))).first()
    row = locked(session, SignInToken, found) if found else None
    if row is None:
        raise InvalidLink(Code.LINK_INVALID)
    if row.used_at is not None:
        raise InvalidLink(Code.LINK_USED)
    if row.expires_at <= work.clock.now():
        raise InvalidLink(Code.LINK_EXPIRED, minutes=work.settings.signin_link_minutes)
    if rules.person(session, row.email) is None:
        raise InvalidLink(Code.LINK_CONTACT_GONE)
    row.used_at = work.clock.now()
    audit.record(session, actor=f"portal:{row.email}", action="access.signed_in",
                 subject=f"person:{row.email}", data={})
    return row.email
