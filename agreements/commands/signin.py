"""Signing in to the portal and out again: links (asked for by a person, or issued by an
operator), sessions started by a link and ended by «Logg ut» or "sign out everywhere"."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from pydantic import Field, SecretStr

from agreements.access import policy, sessions, tokens
from agreements.access.actors import Person
from agreements.access.policy import Rule
from agreements.commands.base import Command, Email, Outcome
from agreements.core import audit

if TYPE_CHECKING:
    from agreements.app import App


class IssueSignInLink(Command):
    """Issue a single-use sign-in link for a registered contact (audited; not e-mailed)."""

    action: ClassVar[str] = "issue-sign-in-link"
    rule: ClassVar[Rule] = policy.OPERATOR

    email: Email


class LinkOutcome(Outcome):
    link: str
    minutes: int


def issue_sign_in_link(app: App, cmd: IssueSignInLink) -> LinkOutcome:
    link = tokens.issue_link(app, cmd.email)
    minutes = app.settings.signin_link_minutes
    return LinkOutcome(message=f"valid once, for {minutes} minutes", link=link, minutes=minutes)


class RequestSignInLink(Command):
    """A person asks for a sign-in link by e-mail: counted against the rate limits, the same
    work whether the address is known or not. The link itself is `MailSignInLink`'s, which
    the portal runs after answering, so neither the answer nor its time tells anything."""

    action: ClassVar[str] = "request-sign-in-link"
    rule: ClassVar[Rule] = policy.PORTAL

    email: Email
    client: str = Field(title="Client", max_length=80, description="where the request came from")


def request_sign_in_link(app: App, cmd: RequestSignInLink) -> Outcome:
    tokens.count_request(app, cmd.email, cmd.client)
    return Outcome(message="a sign-in link is sent if the address is registered")


class MailSignInLink(RequestSignInLink):
    """After a counted request: a single-use link queued to the address when it belongs to a
    contact (audited), nothing otherwise."""

    action: ClassVar[str] = "mail-sign-in-link"


def mail_sign_in_link(app: App, cmd: MailSignInLink) -> Outcome:
    queued = tokens.mail_link(app, cmd.email, cmd.client)
    return Outcome(message="a sign-in link is queued if the address is registered",
                   queued=[queued.key] if queued else [])


class SignIn(Command):
    """Use a sign-in link: a session starts, its key only in the visitor's cookie."""

    action: ClassVar[str] = "sign-in"
    rule: ClassVar[Rule] = policy.PORTAL

    token: str = Field(title="Token", max_length=200)


class SignedIn(Outcome):
    session: SecretStr  # the key the cookie carries (the server keeps only its hash)


def sign_in(app: App, cmd: SignIn) -> SignedIn:
    email, key = tokens.sign_in(app, cmd.token)
    return SignedIn(message=f"{email} signed in", session=SecretStr(key))


class SignOut(Command):
    """«Logg ut»: end this session; every copy of its cookie stops working at once."""

    action: ClassVar[str] = "sign-out"
    rule: ClassVar[Rule] = policy.SIGNED_IN


def sign_out(app: App, cmd: SignOut) -> Outcome:
    who = app.who
    if not isinstance(who, Person) or who.session is None:
        return Outcome(message="no session to end")
    with app.transaction() as session:
        if sessions.end(session, who.session, app.clock.now()):
            audit.record(session, actor=app.actor, action="access.signed_out",
                         subject=f"person:{who.email}", data={})
    return Outcome(message=f"{who.email} signed out")


class SignOutEverywhere(Command):
    """End every portal session of a person (a lost laptop, someone who left): each copy of
    each of its cookies stops working at once; the person can sign in again by a new link."""

    action: ClassVar[str] = "sign-out-everywhere"
    rule: ClassVar[Rule] = policy.SESSIONS

    email: Email


def sign_out_everywhere(app: App, cmd: SignOutEverywhere) -> Outcome:
    with app.transaction() as session:
        ended = sessions.end_all(session, cmd.email, app.clock.now())
        audit.record(session, actor=app.actor, action="access.signed_out_everywhere",
                     subject=f"person:{cmd.email}", data={"sessions": ended})
    return Outcome(message=f"{ended} session(s) of {cmd.email} ended")
