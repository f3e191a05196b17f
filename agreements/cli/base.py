"""The root command group and the application context it builds on demand."""

from __future__ import annotations

import os
from datetime import date
from typing import Any

import click

from agreements.app import App, Clock, open_app
from agreements.config import Settings
from agreements.db import require_schema
from agreements.errors import InvalidInput


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """avtaleflyt: agreements, readiness and NHN ordering for Pasientens journaldokumenter."""


def make_app(today: date | None = None, *, need_schema: bool = True,
             settings: Settings | None = None) -> App:
    app = open_app(settings, clock=Clock(today))
    if need_schema:
        require_schema(app.engine)
    return app


def parse_day(value: str | None, option: str = "--today") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{option} must be a date like 2026-11-25, got {value!r}") from None


def prefect_configured() -> bool:
    """A Prefect server is configured: human actions then run as flows, visible in the UI."""
    return bool(os.environ.get("PREFECT_API_URL"))


def run_flow(module: str, flow_name: str, /, **params: Any) -> Any:
    """Run a flow in this process (Prefect is imported only here, on demand)."""
    import importlib

    from flows.common import fast_local_runs

    flow_fn = getattr(importlib.import_module(module), flow_name)
    with fast_local_runs():
        return flow_fn(**params)
