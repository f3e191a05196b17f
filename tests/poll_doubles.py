"""Test doubles for the poll's pipeline (tests/test_poll_pipeline.py): a provider that notes
its XAdES downloads and can die after a confirmation, a document store that holds the first
file it stores, a mail server that refuses the first message for now."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from agreements.app import App, Transports
from agreements.contracts import polling
from agreements.contracts.polling import PollReport
from agreements.errorcodes import Code
from agreements.outbox.mail import MailError
from agreements.signing.provider import SigningProvider
from tests.waiting import PATIENCE, Held, wait_for


class Watching:
    """The real provider, noting each XAdES download, and dying (`Crash`) right after the
    `die_at`-th confirmation."""

    def __init__(self, real: SigningProvider, *, die_at: int | None = None) -> None:
        self.real, self.name, self.remote = real, real.name, real.remote
        self.die_at = die_at
        self.xades: list[str] = []
        self.confirmed = self.handed = 0  # confirmations; changes handed out by polls

    def poll(self, sender_orgnr: str, polling_queue: str) -> Any:
        result = self.real.poll(sender_orgnr, polling_queue)
        self.handed += result.change is not None
        return result

    def download_xades(self, signer: Any) -> bytes:
        self.xades.append(signer.xades_url)
        return self.real.download_xades(signer)

    def download(self, change: Any) -> bytes:
        return self.real.download(change)

    def confirm(self, change: Any) -> None:
        self.real.confirm(change)
        self.confirmed += 1
        if self.confirmed == self.die_at:
            raise Crash("after a confirmation")

    def cancel(self, cancellation_url: str) -> None:
        self.real.cancel(cancellation_url)


class Crash(BaseException):
    """The process dies here (not an Exception: nothing may catch and carry on)."""


def using(app: App, provider: Any = None, mail: Any = None) -> App:
    """The same database and settings, with that provider and mail transport."""
    return App(app.settings, app.engine, clock=app.clock, actor="test",
               transports=Transports(signing_provider=provider, mail=mail))


class HeldFirstPut:
    """The app's document store, holding the first file it is asked to store (the first
    batch's record) until the test lets it go."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.held = inner, Held()

    def put(self, session: Any, **what: Any) -> Any:
        if not self.held.started.is_set():
            self.held.wait()
        return self.inner.put(session, **what)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


class FirstPutAfter:
    """The app's document store, storing its first file (the first batch's record) only once
    `ready()` holds: the poller has run ahead, as when Posten answers faster than we record."""

    def __init__(self, inner: Any, ready: Callable[[], bool]) -> None:
        self.inner, self.ready, self.waited = inner, ready, False

    def put(self, session: Any, **what: Any) -> Any:
        if not self.waited:
            self.waited = True
            wait_for(self.ready, "the poller running ahead of the first record")
        return self.inner.put(session, **what)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


class LostPut:
    """The app's document store, failing every file as a lost database connection would."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def put(self, session: Any, **what: Any) -> Any:
        raise ConnectionError("the connection to the database was lost")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


class WithStore:
    """The app as a use case sees it, with that document store."""

    def __init__(self, app: App, documents: Any) -> None:  # a store wrapping the app's
        self.app, self.documents = app, documents

    def __getattr__(self, name: str) -> Any:
        return getattr(self.app, name)


class DownFirst:
    """A mail server that refuses the first message handed to it for now (451: try later),
    and takes the rest."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.refused, self.sent = inner, 0, 0

    def _once(self) -> None:
        if not self.refused:
            self.refused += 1
            raise MailError(Code.MAIL_REFUSED, status=451, reason="try again later",
                            retryable=True)
        self.sent += 1

    def send(self, message: Any, name: str) -> None:
        self._once()
        self.inner.send(message, name)

    def send_raw(self, message: Any, name: str) -> None:
        self._once()
        self.inner.send_raw(message, name)


def poll_preparing_second_while_first_records(app: App, second_job: int
                                              ) -> tuple[PollReport, Watching]:
    """A poll of one change a batch whose first batch's record is held (at its first file)
    until the batch of `second_job` has fetched its XAdES, then let go: its report, and the
    provider that saw the downloads."""
    provider = Watching(app.signing_provider())
    store = HeldFirstPut(app.documents)
    done: list[PollReport] = []
    run = threading.Thread(target=lambda: done.append(polling.poll(
        WithStore(using(app, provider), store), batch=1)))
    run.start()
    try:
        assert store.held.started.wait(PATIENCE), "the first batch was never recorded"
        wait_for(lambda: any(f"/{second_job}/" in url for url in provider.xades),
                 "the second batch prepared while the first is being recorded")
    finally:
        store.held.go.set()
        run.join(PATIENCE)
    (report,) = done
    return report, provider
