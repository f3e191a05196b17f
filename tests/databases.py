"""Initialised databases for the tests, made once per worker and copied for each test.

`make_app` (tests/conftest.py) used to run `avtaleflyt init` for every test: fifteen migrations
and the reference data, about a second of a core on PostgreSQL and a third of one on SQLite,
more than a thousand times a run. Now the first `make_app` of a process for a kind of database
and a day runs that same `bootstrap.init` in a folder of its own (the template), and every
later one copies it: the data folder by file copy (audit.key, audit-head.json and, for SQLite,
the database file) and a PostgreSQL database by `CREATE DATABASE … TEMPLATE`. The copy is what
init would have made, down to the audit log's sealed head, the reference rows and the
sequences; only the times in it are those of the template's init, minutes earlier on the
same day.

A copy is made only where init would start from nothing — the data folder new or empty, the
SQLite file absent, the PostgreSQL database without a table — and only with the settings that
init's result does not depend on beyond the data folder (the audit key kept in the folder, the
anchor in the folder, documents in the folder). Anything else runs `bootstrap.init` as before,
so a test of init itself (tests/test_registry.py, the CLI's `init`) still runs it.

Nothing is shared by name: each process makes its templates under a fresh temporary folder and
a PostgreSQL template under a new name, and removes them when the session ends
(`discard_templates`).
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from agreements.app import App, Clock, Transports, open_app
from agreements.config import Settings
from agreements.registry import bootstrap

SQLITE = "sqlite:///"
DB_FILE = "avtaleflyt.db"
# A copy by files (a checkpoint, then the template's files copied) rather than PostgreSQL 15's
# default of writing every page of the template through the WAL: about 35 ms a copy here
# instead of 55-75 ms, a thousand times a run.
BY_FILES = "STRATEGY FILE_COPY"


@dataclass(frozen=True)
class Template:
    folder: Path  # the data folder init left (with the SQLite database file for SQLite)
    database: str | None  # the PostgreSQL template database's URL, None for SQLite


_templates: dict[tuple[str, date | None], Template] = {}
_root: list[Path] = []  # this process's folder of templates, made when first needed


def _server(url: str) -> str:
    """The PostgreSQL server's maintenance database URL, from a database's URL."""
    return url.rsplit("/", 1)[0] + "/postgres"


def _database_name(url: str) -> str:
    return url.rsplit("/", 1)[1]


def _as_admin(url: str, *statements: str) -> None:
    """Run statements on the server's maintenance database (outside a transaction)."""
    engine = sa.create_engine(_server(url), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            for statement in statements:
                conn.exec_driver_sql(statement)
    finally:
        engine.dispose()


def _copyable(settings: Settings) -> bool:
    """Init's result depends on nothing but the data folder and the database (it stores no
    document, so the document store does not matter)."""
    return settings.audit_secret is None and settings.audit_anchor is None


def _folder_is_new(folder: Path) -> bool:
    return not folder.exists() or (folder.is_dir() and not any(folder.iterdir()))


def _sqlite_file(url: str) -> Path | None:
    return Path(url.removeprefix(SQLITE)) if url.startswith(SQLITE) else None


def _postgres_is_empty(url: str) -> bool:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return not conn.exec_driver_sql(
                "SELECT 1 FROM pg_tables WHERE schemaname = 'public' LIMIT 1").first()
    finally:
        engine.dispose()


def _template(settings: Settings, day: date | None) -> Template:
    """This process's template for the settings' kind of database and the day, made now if
    it is the first."""
    url = settings.db_url
    key = (kind(settings), day)
    if key in _templates:
        return _templates[key]
    if not _root:
        _root.append(Path(tempfile.mkdtemp(prefix="avtaleflyt-templates-")))
    folder = Path(tempfile.mkdtemp(dir=_root[0])) / "var"
    database = None
    if key[0] != "sqlite":
        database = _server(url).rsplit("/", 1)[0] + f"/tmpl_{uuid.uuid4().hex[:12]}"
        _as_admin(url, f'CREATE DATABASE "{_database_name(database)}"')
    made = settings.model_copy(update={"data_dir": folder, "database_url": database})
    with open_app(made, clock=Clock(day), actor="test") as app:
        bootstrap.init(app)
        app.engine.dispose()  # SQLite folds its WAL into the file; PostgreSQL: no session left
    _templates[key] = Template(folder, database)
    return _templates[key]


def fresh(settings: Settings) -> bool:
    """Init would start from nothing in the settings' data folder and database (and its
    result depends on nothing else)."""
    if not (_copyable(settings) and _folder_is_new(settings.data_dir)):
        return False
    file = _sqlite_file(settings.db_url)
    return not file.exists() if file is not None else _postgres_is_empty(settings.db_url)


def _copy(settings: Settings, day: date | None) -> bool:
    """Copy the template into the settings' data folder and database, if init would start
    from nothing there; False (nothing done) otherwise."""
    return fresh(settings) and _copy_from(_template(settings, day), settings)


def _copy_from(template: Template, settings: Settings) -> bool:
    url = settings.db_url
    file = _sqlite_file(url)
    if file is not None:
        file.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(template.folder / DB_FILE, file)
    else:
        assert template.database is not None
        name = _database_name(url)
        try:  # made empty by the test: made again, as a copy
            _as_admin(url, f'DROP DATABASE "{name}"')
        except sa.exc.DBAPIError:  # the test holds a connection to it: init runs there
            return False
        _as_admin(url, f'CREATE DATABASE "{name}" TEMPLATE "{_database_name(template.database)}" '
                  f"{BY_FILES}")
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    for entry in template.folder.iterdir():  # the audit key and anchor that match the copy
        if entry.name.startswith(DB_FILE):  # the database itself, above
            continue
        if entry.is_dir():
            shutil.copytree(entry, settings.data_dir / entry.name)
        else:
            shutil.copy2(entry, settings.data_dir / entry.name)
    return True


def kind(settings: Settings) -> str:
    """'sqlite', or the PostgreSQL server's maintenance database URL."""
    url = settings.db_url
    return "sqlite" if url.startswith(SQLITE) else _server(url)


_kept: dict[tuple[str, object], Template] = {}


def keep(settings: Settings, key: object) -> None:
    """Keep what the settings' data folder and database hold now as a template under `key`
    (for this kind of database), for `copy_kept`. Nothing may be connected to the database
    (dispose the app's engine first); if something is, nothing is kept."""
    if not _root:
        _root.append(Path(tempfile.mkdtemp(prefix="avtaleflyt-templates-")))
    folder = Path(tempfile.mkdtemp(dir=_root[0])) / "var"
    shutil.copytree(settings.data_dir, folder, ignore=shutil.ignore_patterns(f"{DB_FILE}*"))
    database = None
    file = _sqlite_file(settings.db_url)
    if file is not None:
        shutil.copyfile(file, folder / DB_FILE)
    else:
        database = _server(settings.db_url).rsplit("/", 1)[0] + f"/tmpl_{uuid.uuid4().hex[:12]}"
        try:
            _as_admin(settings.db_url, f'CREATE DATABASE "{_database_name(database)}" TEMPLATE '
                      f'"{_database_name(settings.db_url)}" {BY_FILES}')
        except sa.exc.DBAPIError:  # a session is still open on it
            return
    _kept[(kind(settings), key)] = Template(folder, database)


def copy_kept(settings: Settings, key: object) -> bool:
    """Copy what `keep` kept under `key` into the settings' data folder and database, if init
    would start from nothing there; False (nothing done) otherwise."""
    template = _kept.get((kind(settings), key))
    return template is not None and fresh(settings) and _copy_from(template, settings)


def initialised_app(settings: Settings, day: date | None = None, *,
                    transports: Transports | None = None) -> App:
    """An app on a database as `avtaleflyt init` leaves it: a copy of the template where one
    can be made, else init itself."""
    copied = _copy(settings, day)
    app = open_app(settings, clock=Clock(day), actor="test", transports=transports)
    if not copied:
        bootstrap.init(app)
    return app


def discard_templates() -> None:
    """Remove this process's templates (at the end of the session). A PostgreSQL server the
    session started itself (`pytest` in one process) has stopped by then, its databases gone
    with its folder."""
    for template in [*_templates.values(), *_kept.values()]:
        if template.database:
            try:
                _as_admin(template.database,
                          f'DROP DATABASE IF EXISTS "{_database_name(template.database)}"')
            except sa.exc.OperationalError:  # the server has stopped
                break
    _templates.clear()
    _kept.clear()
    if _root:
        shutil.rmtree(_root.pop(), ignore_errors=True)
