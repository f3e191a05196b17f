"""`app` and `any_app` without PDFs, for a test file whose documents are not the subject while
another fixture it uses (`esign_app`, Posten's path) still makes them (by the stand-in for
LibreOffice, tests/posten/fixtures.py's `pdf_stand_in`): import both into the
module (tests/test_annex.py), where they replace conftest's `app` and `any_app`. Each
LibreOffice conversion costs about 0.7 s of a core."""

from __future__ import annotations

from datetime import date

import pytest

from agreements.app import App
from agreements.config import Settings
from tests.conftest import make_app

DAY = date(2026, 11, 25)


@pytest.fixture(name="app")
def app_without_pdf(settings: Settings) -> App:
    """An initialised app on SQLite, offline, on 2026-11-25, making no PDFs."""
    return make_app(settings.model_copy(update={"pdf": False}), DAY)


@pytest.fixture(name="any_app")
def any_app_without_pdf(settings: Settings, db_url: str) -> App:
    """`app` on SQLite and, in a second run, PostgreSQL."""
    return make_app(settings.model_copy(update={"pdf": False, "database_url": db_url}), DAY)
