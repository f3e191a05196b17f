"""What every flow shares: building the app from the environment, delivery, fast local runs.

Every task has side effects or reads live state, so none is cached by its inputs (NO_CACHE):
idempotency comes from the use cases and the outbox keys, not from Prefect's result cache.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

from agreements import outbox
from agreements.app import App, Clock, open_app
from agreements.config import Settings
from agreements.db import require_schema
from agreements.errors import InvalidInput


def app_for(today: str | None = None, *, actor: str | None = None) -> App:
    """The app for a flow run: settings from AVTALEFLYT_* in the worker's environment."""
    day = None
    if today:
        try:
            day = date.fromisoformat(today)
        except ValueError:
            raise InvalidInput(f"today must be a date like 2026-11-25, got {today!r}") from None
    settings = Settings()
    app = open_app(settings, clock=Clock(day), actor=actor or f"prefect:{settings.actor}")
    require_schema(app.engine)
    return app


@task(name="deliver-outbox", retries=3, retry_delay_seconds=[10, 60, 300],
      cache_policy=NO_CACHE)
def deliver(today: str | None = None) -> str:
    """Deliver everything queued; raise (and so retry) while retryable failures remain."""
    app = app_for(today)
    report = outbox.deliver(app)
    if report.failed:
        raise RuntimeError(f"outbox: {report}")
    return str(report)


@contextmanager
def fast_local_runs() -> Iterator[None]:
    """Skip joining the heartbeat thread at the end of each synchronous flow run (about 1 s)."""
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield
