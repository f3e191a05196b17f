"""Finding 11 of issue 11, and issue 22: the bad-input table through the real command line
(`cli.main`, in a child forked by tests/zygote.py), on SQLite and PostgreSQL. Every case
answers with exit 1 (2 for a usage error) and one line on stderr naming the problem, no
traceback, and leaves the database, the audit log and the stored files exactly as they were —
each under a memory limit: the child's address space may grow by `MEMORY` and no more (a
10 GB file, /dev/zero or a ZIP bomb read whole would die of it, exit 70)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlmodel import SQLModel

from agreements.config import Settings
from tests import bad_inputs, bad_inputs_bounded, bad_inputs_more, bad_inputs_portal
from tests.brreg_server import register_server
from tests.conftest import fresh_postgres_database
from tests.figures import record
from tests.helpers import signed_copy
from tests.posten.pki import shared_pki
from tests.template_copies import syntax_error
from tests.world import World, build_world
from tests.zygote import ZYGOTE

CASES = {**bad_inputs.CASES, **bad_inputs_more.CASES, **bad_inputs_portal.CASES,
         **bad_inputs_bounded.CASES}
MEMORY = 512 * 1024 * 1024  # bytes a case may add to the process it runs in
# Commands that write nothing, run once in the zygote so that its children start with what
# the cases' commands load on first use (tests/zygote.py): about 30 ms of a core a case less.
WARM_UP = (("status", bad_inputs.OSLO), ("checklist", "show", bad_inputs.OSLO), ("org", "list"),
           ("agreement", "list"), ("outbox", "list"),
           ("org", "add", "958935421", "--role", "kilde"))  # refused: the check digit
FILES = {
    "empty": b"", "stub": b"%PDF-", "scan": b"%PDF-1.4\n% skannet kopi\n%%EOF\n",
    "text": b"Dette er ikke en PDF\n", "csv_ok": b"orgnr,role\n964338531,kilde\n",
    "csv_header_only": b"orgnr,role\r\n", "csv_no_role": b"orgnr,kind\n964338531,kommune\n",
    "csv_nul": b"orgnr,role,name\n964338531,kilde,\n958935420,kilde,Os\x00lo\n",
    "csv_quote": b'orgnr,role,name\n964338531,kilde,"Bergen\n958935420,kilde,\n',
    "csv_latin1": "orgnr,role,name\n964338531,kilde,Bærum\n".encode("latin-1"),
    "csv_unknown": b"orgnr,role,telefon\n964338531,kilde,1\n",
    "csv_huge_cell": b"orgnr,role,name\n964338531,kilde," + b"n" * 2000 + b"\n",
}


@pytest.fixture(scope="module", params=["sqlite",
                                        pytest.param("postgres", marks=pytest.mark.postgres)])
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[tuple[World, dict[str, str], str, str]]:
    """One world for every case (cases change nothing): agreements sent and drafted, orders,
    a failed message; the files the cases hand in; Enhetsregisteret on loopback; and its
    `snapshot`, which every case must leave as it is."""
    kind = "PostgreSQL" if request.param == "postgres" else "SQLite"
    root = tmp_path_factory.mktemp(f"bad-{request.param}")
    env = {"AVTALEFLYT_DATA_DIR": str(root / "var"), "AVTALEFLYT_OFFLINE": "1",
           "AVTALEFLYT_ALLOW_DRAFT_TEMPLATES": "1",
           "AVTALEFLYT_NHN_EMAIL": "bestilling@nhn.example",
           "AVTALEFLYT_PDF": "0", "AVTALEFLYT_ACTOR": "test",
           "AVTALEFLYT_SIGNING_TRUST_ROOTS": str(shared_pki().ca_pem)}
    if request.param == "postgres":
        env["AVTALEFLYT_DATABASE_URL"] = fresh_postgres_database(
            request.getfixturevalue("postgres_server"))
    with pytest.MonkeyPatch.context() as m, register_server(
            bad_inputs_more.register_answers()) as brreg:
        for key, value in env.items():
            m.setenv(key, value)
        m.delenv("PREFECT_API_URL", raising=False)
        built = build_world(Settings.from_env())
        paths = {"brreg": brreg, "missing": str(root / "missing.pdf"),
                 "folder": str(root / "folder"),
                 "templates_broken": str(syntax_error(root / "templates-broken"))}
        (root / "folder").mkdir()
        files = {**FILES, "pdf": signed_copy(built.app, built.sent)}  # verifies: the
        for name, data in files.items():  # cases that hand it in meet the checks after it
            (root / name).write_bytes(data)
            paths[name] = str(root / name)
        paths.update(bad_inputs_bounded.special_files(root, root / "pdf"))
        for argv in WARM_UP:
            ZYGOTE.warm(argv, child_env(env), built.app.settings.db_url)
        yield built, {**env, **paths}, kind, snapshot(built)


def child_env(env: dict[str, str], extra: dict[str, str] | None = None) -> dict[str, str]:
    """A case's environment: this process's, its AVTALEFLYT_ settings replaced by `env`'s."""
    return {**{k: v for k, v in os.environ.items()
               if not k.startswith(("AVTALEFLYT_", "PREFECT_API_URL"))},
            **{k: v for k, v in env.items() if k.startswith("AVTALEFLYT_")}, **(extra or {})}


def snapshot(w: World) -> str:
    """Every row of every table, and the stored files: what no refused command may change."""
    digest = hashlib.sha256()
    with w.app.transaction() as session:
        for table in SQLModel.metadata.sorted_tables:
            for row in session.execute(select(table).order_by(*table.primary_key.columns)):
                digest.update(repr(tuple(row)).encode())
    data = w.app.settings.data_dir
    for folder in ("documents", "outbox"):
        for path in sorted((data / folder).rglob("*")):
            digest.update(f"{path.relative_to(data)}:{path.stat().st_size}".encode())
    return digest.hexdigest()


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_one_clear_line_and_writes_nothing(
        world: tuple[World, dict[str, str], str, str], case: str,
        request: pytest.FixtureRequest) -> None:
    """The case's command exits 1 (2: usage), says what is wrong on one line, writes nothing,
    and stays within the memory limit."""
    w, env, kind, before = world
    bad = CASES[case]
    child = child_env(env, {k: v.format(**env) for k, v in bad.env.items()})
    run = ZYGOTE.run([a.format(**env) for a in bad.argv], child, db_url=w.app.settings.db_url,
                     memory=MEMORY, timeout=60)
    out, err = run.out, run.err
    assert (run.code, err.count("\n")) == (bad.code, 1), (out, err)
    assert bad.said.lower() in err.lower(), err
    assert "Traceback" not in out + err
    assert snapshot(w) == before
    record(request, "bad-input table, one line, exit 1 or 2, no traceback, nothing written",
           f"{{passed}} of {len(CASES)} cases on {kind}", passed=1)


def test_the_table_is_long_enough() -> None:
    """At least 270 cases (issue 22 added 70), every one with a name of its own."""
    assert len(bad_inputs_bounded.CASES) >= 70
    assert len(CASES) >= 270 and len(CASES) == len(bad_inputs.CASES) + len(
        bad_inputs_more.CASES) + len(bad_inputs_portal.CASES) + len(bad_inputs_bounded.CASES)
