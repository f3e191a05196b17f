"""The application context handed to every use case: settings, database, clock, actor.

Built by the caller (CLI, flow, test), never at import time.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine
from sqlmodel import Session

from agreements.config import Settings
from agreements.db import get_engine, transaction
from agreements.errors import InvalidInput

if TYPE_CHECKING:
    import httpx

OSLO = ZoneInfo("Europe/Oslo")


@dataclass
class Clock:
    """Real time, or a fixed day (`--today`) for planning and demos."""

    fixed_day: date | None = None

    def now(self) -> datetime:
        if self.fixed_day is None:
            return datetime.now(UTC)
        real = datetime.now(OSLO).time()
        return datetime.combine(self.fixed_day, real, OSLO).astimezone(UTC)

    def today(self) -> date:
        return self.fixed_day or datetime.now(OSLO).date()


@dataclass
class App:
    settings: Settings
    engine: Engine
    clock: Clock = field(default_factory=Clock)
    actor: str = "avtaleflyt"
    http: httpx.Client | None = None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with transaction(self.engine) as session:
            yield session

    def http_client(self) -> httpx.Client:
        import httpx

        if self.http is None:
            self.http = httpx.Client(timeout=self.settings.brreg_timeout)
        return self.http


def open_app(
    settings: Settings | None = None,
    *,
    clock: Clock | None = None,
    actor: str | None = None,
    http: httpx.Client | None = None,
) -> App:
    settings = settings or Settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return App(
        settings=settings,
        engine=get_engine(settings.db_url),
        clock=clock or Clock(),
        actor=actor or settings.actor,
        http=http,
    )


def parse_moment(value: str | None, option: str = "--at") -> datetime | None:
    """An ISO time from the user; without a zone it is Norwegian local time."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{option} must be an ISO time like 2026-11-25T14:30, got {value!r}"
                           ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=OSLO)
