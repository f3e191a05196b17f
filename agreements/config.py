"""Settings, read from `AVTALEFLYT_*` environment variables when asked for, never at import.

`Settings.from_env()` reads the environment; a value that does not parse or is out of range is
refused by a code naming the variable (a plain pydantic model with its own reader: `status`
stays free of pydantic-settings). Secrets are `SecretStr` (`reveal()` where one is used); no
URL may carry a user name or password (it would be stored, printed or e-mailed verbatim).
"""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Literal, Self
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from agreements.core.addresses import has_credentials, is_host, is_one_mailbox, is_remote, is_store
from agreements.core.fields import FieldProblem, setting_refusal
from agreements.core.text import has_control
from agreements.errorcodes import Code
from agreements.errors import InvalidInput

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PREFIX = "AVTALEFLYT_"
SECRETS = ("audit_secret", "nhn_secret", "smtp_password", "posten_cert_password",
           "secret_key", "database_url")  # never echoed in a message


def reveal(secret: SecretStr | str | None) -> str | None:
    """A secret setting's value, where it is used (never to print)."""
    return secret.get_secret_value() if isinstance(secret, SecretStr) else secret


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers)
        return "avtaleflyt"


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)

    data_dir: Path = Field(Path("var"), description="Database, documents and e-mails land here")
    database_url: SecretStr | None = Field(
        None, description="SQLAlchemy URL (may hold the database's password); default SQLite "
                          "in data_dir")
    templates_dir: Path = PROJECT_ROOT / "templates"
    brreg_url: str = "https://data.brreg.no/enhetsregisteret/api"
    brreg_timeout: float = Field(10.0, gt=0)
    offline: bool = False
    pdf: bool = Field(True, description="Convert documents to PDF where LibreOffice is installed")
    actor: str = Field(default_factory=_user, min_length=1, max_length=120)
    audit_secret: SecretStr | None = Field(None, min_length=16, description=(
        "Key of the audit log's HMAC chain; unset: a random key kept in <data_dir>/audit.key"))
    audit_anchor: Path | None = Field(None, description=(
        "The audit log's sealed head: a file every writing process shares (unset: in data_dir)"))
    document_store: str = Field("folder", description=(
        "folder (under data_dir), database, or an fsspec URL (s3://bucket/avtaleflyt)"))

    # Mail: SMTP when smtp_host is set, otherwise .eml files under data_dir/outbox.
    smtp_host: str | None = None
    smtp_port: int = Field(25, ge=1, le=65535)
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = False
    smtp_timeout: float = Field(10.0, gt=0, le=600)
    mail_from: str = "avtaleflyt <avtaleflyt@localhost>"

    # NHN ordering
    nhn_channel: Literal["email", "http"] = "email"
    nhn_email: str | None = None  # no default: the address NHN gives for orders
    nhn_url: str | None = None
    nhn_secret: SecretStr | None = None
    nhn_timeout: float = Field(15.0, gt=0, le=600)
    order_after_agreement: bool = Field(
        False, description="A kilde orders from NHN only once its agreement is signed (the "
                           "seed requires both only before go-live)")

    # The outbox: how long a claim on a message holds before another run may take it over
    outbox_lease_seconds: int = Field(120, ge=1, le=86_400)

    # Agreements and signing
    signing_deadline_days: int = Field(30, ge=1, le=365, description="Working days to sign")
    agreement_term_years: int = Field(3, ge=1, le=50)
    allow_draft_templates: bool = Field(False, description="Send unsettled templates, UTKAST")
    max_signed_file_bytes: int = Field(20 * 1024 * 1024, ge=1, le=1024 ** 3, description=(
        "Largest file handed in (signed copy, evidence)"))
    signing: Literal["manual", "posten"] = Field(
        "manual", description="manual: e-mail and recorded copies; posten: Posten signering")
    signing_trust_roots: Path | None = Field(
        None, description="PEM bundle of the CAs whose PDF signatures are accepted")
    posten_url: str | None = Field(None, description="Posten signering's API root")
    posten_cert: Path | None = Field(None, description="the enterprise certificate (PKCS#12)")
    posten_cert_password: SecretStr | None = None
    posten_ca_bundle: Path | None = Field(
        None, description="PEM CAs for Posten's server certificate; default the system's")
    posten_timeout: float = Field(30.0, gt=0, le=600)
    posten_server_orgnr: str = Field("984661185", pattern=r"^\d{9}$", description=(  # Posten
        "the organisation number Posten signering's server certificate must carry"))

    # Follow-up cadence (working days unless stated)
    reminder_first_after: int = Field(5, ge=1, le=365)
    reminder_every: int = Field(5, ge=1, le=365)
    reminder_max: int = Field(3, ge=0, le=50)
    checklist_escalate_after: int = Field(10, ge=1, le=365)
    nhn_chase_after: int = Field(10, ge=1, le=365)
    konsument_escalation_to: str | None = None  # a konsument has no organiser: or nobody
    expiry_warning_days: list[int] = Field(default_factory=lambda: [90, 30, 7])
    renewal_draft_days: int = Field(90, ge=1, le=3650)  # calendar days before expiry

    # The portal (see README, "Portal")
    portal_url: str = Field("http://127.0.0.1:8000", pattern=r"^https?://[^/\s]+(/\S*)?$",
                            description="Base URL of the portal, used in links in e-mails")
    secret_key: SecretStr | None = Field(None, min_length=32,
                                         description="Signs the portal's session cookies")
    demo: bool = Field(False, description="Demo mode: the portal on 127.0.0.1 may run "
                                          "without a secret key (sessions end on restart)")
    session_hours: int = Field(8, ge=1, le=24 * 14, description="A portal session lasts this")
    signin_link_minutes: int = Field(30, ge=1, le=24 * 60)
    signin_per_address: int = Field(5, ge=1, le=10_000,
                                    description="Sign-in requests per address an hour")
    signin_per_client: int = Field(30, ge=1, le=100_000,
                                   description="Sign-in requests per client an hour")
    stuck_after: int = Field(10, ge=1, le=365, description="Working days without progress: stuck")

    @field_validator("brreg_url", "nhn_url", "posten_url", "portal_url")
    @classmethod
    def _url(cls, value: str | None, info: ValidationInfo) -> str | None:
        parts = urlsplit(value or "")
        if value is not None and info.field_name != "portal_url" and not (
                parts.scheme in ("http", "https") and parts.hostname):
            raise FieldProblem(Code.SETTING_NOT_URL)
        if value is not None and has_credentials(value):
            raise FieldProblem(Code.SETTING_URL_CREDENTIALS)
        return value

    @field_validator("document_store", "audit_anchor")
    @classmethod
    def _places(cls, value: str | Path | None) -> str | Path | None:
        if isinstance(value, Path) and (not value.name or value.is_dir()):
            raise FieldProblem(Code.SETTING_AUDIT_ANCHOR)
        if isinstance(value, str) and (has_credentials(value) or not is_store(value)):
            raise FieldProblem(Code.SETTING_URL_CREDENTIALS if has_credentials(value)
                               else Code.SETTING_DOCUMENT_STORE)
        return value

    @field_validator("smtp_host")
    @classmethod
    def _host(cls, value: str | None) -> str | None:
        if value is not None and not is_host(value):
            raise FieldProblem(Code.SETTING_NOT_A_HOST)
        return value

    @field_validator("actor", "smtp_host", "mail_from", "nhn_email", "audit_secret",
                     "konsument_escalation_to", "portal_url", "posten_url")
    @classmethod
    def _printable(cls, value: str | SecretStr | None) -> str | SecretStr | None:
        if value is not None and has_control(reveal(value) or ""):
            raise FieldProblem(Code.SETTING_CONTROL)
        return value

    @field_validator("mail_from", "nhn_email", "konsument_escalation_to")
    @classmethod
    def _one_address(cls, value: str | None) -> str | None:
        if value is not None and not is_one_mailbox(value):
            raise FieldProblem(Code.SETTING_NOT_ONE_ADDRESS)
        return value

    @field_validator("expiry_warning_days")
    @classmethod
    def _days(cls, value: list[int]) -> list[int]:
        if not value or any(not 1 <= d <= 3650 for d in value):
            raise FieldProblem(Code.SETTING_DAYS)
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.nhn_channel == "http" and not (self.nhn_url and self.nhn_secret):
            missing = [f"{PREFIX}{n.upper()}" for n in ("nhn_url", "nhn_secret")
                       if not getattr(self, n)]
            raise FieldProblem(Code.NHN_HTTP_NEEDS, missing=" and ".join(missing))
        if is_remote(self.smtp_host) and not is_remote(urlsplit(self.portal_url).hostname):
            raise FieldProblem(Code.PORTAL_URL_LOCAL, portal_url=self.portal_url,
                               smtp_host=self.smtp_host)
        if self.outbox_lease_seconds <= self.slowest_send:
            raise FieldProblem(Code.LEASE_TOO_SHORT, lease=self.outbox_lease_seconds,
                               slowest=f"{self.slowest_send:g}")
        return self

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Settings from `AVTALEFLYT_<FIELD>` variables (lists as JSON), then `overrides`."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for name, field in cls.model_fields.items():
            raw = env.get(PREFIX + name.upper())
            if raw is None or (raw == "" and field.annotation is not str):
                continue
            values[name] = _decode(name, raw)
        values.update(overrides)
        try:
            return cls.model_validate(values)
        except ValidationError as exc:
            raise setting_refusal(exc, values, overrides, secrets=SECRETS, prefix=PREFIX) from None

    @property
    def db_url(self) -> str:
        return (reveal(self.database_url) or "") if self.database_url else \
            f"sqlite:///{(self.data_dir / 'avtaleflyt.db').resolve()}"

    @property
    def slowest_send(self) -> float:  # one message's longest way out: a claim's lease outlasts it
        return max(self.smtp_timeout, self.nhn_timeout if self.nhn_channel == "http" else 0)

    @property
    def anchor_path(self) -> Path:
        """Where the audit log's sealed head is kept."""
        return self.audit_anchor or self.data_dir / "audit-head.json"

    @property
    def documents_dir(self) -> Path:
        return self.data_dir / "documents"

    @property
    def outbox_dir(self) -> Path:
        return self.data_dir / "outbox"


def _decode(name: str, raw: str) -> object:
    if name == "expiry_warning_days":
        try:
            return json.loads(raw)
        except json.JSONDecodeError:
            raise InvalidInput(Code.SETTING_NOT_JSON_LIST, variable=f"{PREFIX}{name.upper()}",
                               value=raw) from None
    return raw
