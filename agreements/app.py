"""The composition root: settings, database engine, clock, actor, and every transport to the
outside world, built in one place.

A front door (CLI command, flow run, web request) opens one App, uses it, and closes it
(`with open_app(...) as app:`). The transports — the HTTP clients for Enhetsregisteret, NHN and
the signing service, the mail transport, the outbox channels — are built on first use, so a
command that never calls out never imports httpx, and closed with the app. Tests hand in
`httpx.MockTransport` clients, a loopback SMTP server or fakes through `Transports`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any

from agreements.access.actors import Actor, Operator
from agreements.config import Settings, reveal
from agreements.core import anchor, auditkey, crashpoints
from agreements.core.addresses import missing_filesystem
from agreements.core.clock import SIMULATION_WINDOW, Clock
from agreements.core.db import get_engine, reading, require_schema, transaction
from agreements.errorcodes import Code
from agreements.errors import InvalidInput
from agreements.signing.settings import check_signing

__all__ = ["SIMULATION_WINDOW", "App", "Clock", "Transports", "open_app"]

if TYPE_CHECKING:
    import httpx
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from agreements.core.ports import DocumentStore
    from agreements.documents.pdf import Converter
    from agreements.outbox.delivery import Channel
    from agreements.outbox.mail import MailTransport
    from agreements.signing.provider import SigningProvider


@dataclass
class Transports:
    """What the app talks to the world with; None means "build it from the settings"."""

    brreg: httpx.Client | None = None
    nhn: httpx.Client | None = None
    signing: httpx.Client | None = None  # two-way TLS to Posten signering
    signing_provider: SigningProvider | None = None  # a whole provider (tests wrap one)
    mail: MailTransport | None = None
    converter: Converter | None = None


class App:
    """Every port at once (`core.ports` and the ports beside each capability): settings,
    engine, clock, actor, the unit of work, the document store and the transports. Use cases
    name only the port they use; commands and the front doors hand them the app.

    `who` is the typed actor every command is checked against (`agreements.access`); `actor`
    is its label in the audit log. A plain name is an operator of that name. A plain class
    rather than a dataclass, so orchestration layers pass it by reference instead of walking
    its fields.
    """

    def __init__(self, settings: Settings, engine: Engine, *, clock: Clock | None = None,
                 actor: Actor | str | None = None, transports: Transports | None = None) -> None:
        self.settings = settings
        self.engine = engine
        self.clock = clock or Clock()
        self.who: Actor = (Operator(actor or settings.actor) if actor is None
                           or isinstance(actor, str) else actor)
        self.actor = self.who.label
        self._given = transports or Transports()
        self._built: dict[str, Any] = {}
        self._signer: auditkey.Signer | None = None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: everything in the block commits together or not at all.

        The audit events it appends are sealed with the app's key; once it has committed,
        the new head of the audit chain is anchored outside the database.
        """
        with transaction(self.engine) as session:
            session.info[auditkey.SIGNER] = self.audit_signer()
            yield session
            crashpoints.reached("commit.before")
        crashpoints.reached("commit.after")
        head = session.info.get(auditkey.HEAD)
        if head is not None:
            anchor.save(self.settings.anchor_path, self.audit_signer().key, *head,
                        first=session.info.get(auditkey.FIRST, 1))

    def reading(self) -> AbstractContextManager[Session]:
        """A unit of work that only reads (pages, reports; `core.db.reading`): on SQLite it
        neither waits for a writer nor holds one up; writing in it is an error."""
        return reading(self.engine)

    def audit_signer(self) -> auditkey.Signer:
        """What seals audit events: the key, and the simulated day (`--today`) if any."""
        if self._signer is None:
            key = auditkey.load_key(self.settings.data_dir,
                                   reveal(self.settings.audit_secret))
            day = self.clock.fixed_day.isoformat() if self.clock.fixed_day else None
            self._signer = auditkey.Signer(key, day)
        return self._signer

    def acting_as(self, actor: Actor | str) -> App:
        """The same app (engine, transports) acting for someone else."""
        other = App(self.settings, self.engine, clock=self.clock, actor=actor,
                    transports=self._given)
        other._built, other._signer = self._built, self._signer
        return other

    @property
    def documents(self) -> DocumentStore:
        """The document store the settings name: the local folder, the database, or object
        storage (`documents.shared`)."""
        if "documents" not in self._built:
            from agreements.documents.shared import store_for

            self._built["documents"] = store_for(self.settings, self.engine, self.clock)
        store: DocumentStore = self._built["documents"]
        return store

    # Transports, each built once on first use ------------------------------------------
    def brreg_http(self) -> httpx.Client:
        return self._given.brreg or self._http("brreg", self.settings.brreg_timeout)

    def nhn_http(self) -> httpx.Client:
        return self._given.nhn or self._http("nhn", self.settings.nhn_timeout)

    def signing_provider(self, name: str | None = None) -> SigningProvider:
        """The signing provider `name` (default: the `signing` setting), built once."""
        name = name or self.settings.signing
        given = self._given.signing_provider
        if given is not None and given.name == name:
            return given
        if f"provider:{name}" not in self._built:
            from agreements.signing.build import build_provider

            built, http = build_provider(self.settings, name, self._given.signing)
            self._built[f"provider:{name}"] = built
            if http is not None:
                self._built[f"provider-http:{name}"] = http
        provider: SigningProvider = self._built[f"provider:{name}"]
        return provider

    def mail(self) -> MailTransport:
        if self._given.mail is not None:
            return self._given.mail
        if "mail" not in self._built:
            from agreements.outbox.mail import transport_for

            self._built["mail"] = transport_for(self.settings)
        transport: MailTransport = self._built["mail"]
        return transport

    def converter(self) -> Converter | None:
        """The DOCX → PDF converter, or None where LibreOffice is not installed."""
        if self._given.converter is not None:
            return self._given.converter
        if "converter" not in self._built:
            from agreements.documents.pdf import converter_for

            self._built["converter"] = converter_for(self.settings)
        converter: Converter | None = self._built["converter"]
        return converter

    def channels(self) -> Mapping[str, Channel]:
        """How each kind of outbox message leaves: composed here, so the outbox knows no NHN."""
        if "channels" not in self._built:
            from agreements.nhn.channels import nhn_channels
            from agreements.outbox.emailing import email_channel

            email = email_channel(self)
            self._built["channels"] = {"email": email, **nhn_channels(
                email, self.nhn_http, self.settings.nhn_secret)}
        channels: Mapping[str, Channel] = self._built["channels"]
        return channels

    def _http(self, name: str, timeout: float) -> httpx.Client:
        if name not in self._built:
            import httpx

            self._built[name] = httpx.Client(timeout=timeout)
        client: httpx.Client = self._built[name]
        return client

    def close(self) -> None:
        """Close what the app built (never what it was given: the giver closes that)."""
        built, self._built = self._built, {}
        for value in built.values():
            close = getattr(value, "close", None)
            if callable(close):
                close()

    def __enter__(self) -> App:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def open_app(settings: Settings | None = None, *, clock: Clock | None = None,
             actor: Actor | str | None = None, transports: Transports | None = None,
             need_schema: bool = False) -> App:
    """Build the app from settings (by default the AVTALEFLYT_* environment)."""
    settings = settings or Settings.from_env()
    check_signing(settings)
    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise InvalidInput(Code.DATA_DIR_NOT_A_FOLDER, path=str(settings.data_dir)) from None
    if missing := missing_filesystem(settings.document_store):  # found now, not mid-command
        scheme, package = missing
        raise InvalidInput(Code.SETTING_STORE_PACKAGE if package else Code.SETTING_DOCUMENT_STORE,
                           variable="AVTALEFLYT_DOCUMENT_STORE", value=settings.document_store,
                           **({"scheme": scheme, "package": package} if package else {}))
    engine = get_engine(settings.db_url)
    if need_schema:
        require_schema(engine)
    return App(settings, engine, clock=clock, actor=actor, transports=transports)
