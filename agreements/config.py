"""Settings, read from `AVTALEFLYT_*` environment variables when asked for, never at import."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AVTALEFLYT_", extra="ignore")

    data_dir: Path = Field(Path("var"), description="Database, documents and e-mails land here")
    database_url: str | None = Field(None, description="SQLAlchemy URL; default SQLite in data_dir")
    templates_dir: Path = PROJECT_ROOT / "templates"
    brreg_url: str = "https://data.brreg.no/enhetsregisteret/api"
    brreg_timeout: float = 10.0
    offline: bool = False
    actor: str = Field(default_factory=getpass.getuser)

    # Mail: SMTP when smtp_host is set, otherwise .eml files under data_dir/outbox.
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    smtp_timeout: float = 30.0
    mail_from: str = "avtaleflyt <avtaleflyt@localhost>"

    # NHN ordering
    nhn_channel: Literal["email", "http"] = "email"
    nhn_email: str = "kundesenter@nhn.no"
    nhn_url: str | None = None
    nhn_secret: str | None = None
    nhn_timeout: float = 15.0

    # Agreements and signing
    signing_deadline_days: int = Field(30, description="Working days a party has to sign")
    agreement_term_years: int = 3
    max_signed_file_bytes: int = 20 * 1024 * 1024

    # Follow-up cadence (working days unless stated)
    reminder_first_after: int = 5
    reminder_every: int = 5
    reminder_max: int = 3
    checklist_escalate_after: int = 10
    nhn_chase_after: int = 10
    expiry_warning_days: list[int] = Field(default_factory=lambda: [90, 30])
    renewal_draft_days: int = Field(90, description="Calendar days before expiry to draft renewal")

    @property
    def db_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'avtaleflyt.db').resolve()}"

    @property
    def documents_dir(self) -> Path:
        return self.data_dir / "documents"

    @property
    def outbox_dir(self) -> Path:
        return self.data_dir / "outbox"
