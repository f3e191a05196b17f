"""Issue 22, item 2: the audit anchor is sealed with the key and says how much of the log may
be in the unkeyed format of before the key. A forged anchor is never overwritten by the
next write; a missing one is made again and `audit verify` says so; the `init` that upgrades
an older installation seals its anchor once, keeping its unkeyed prefix, and after that an
unkeyed event is forged. On SQLite and PostgreSQL, through the real CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from agreements.core import anchor
from agreements.core.audit import GENESIS
from tests.fault_world import KS_SIGNER, Place, clone, drop, new_place, ok, servers
from tests.invariants import app_of
from tests.test_audit_tamper import forge_anchor, key_of, rows, seal, sql, write


@pytest.fixture(scope="module", params=["sqlite",
                                        pytest.param("postgres", marks=pytest.mark.postgres)])
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[tuple[Place, str | None, object]]:
    """A small world: initialised, KS's signatory added, two kommuner onboarded."""
    server_url = (request.getfixturevalue("postgres_server") if request.param == "postgres"
                  else None)
    root = tmp_path_factory.mktemp(f"anchor-{request.param}")
    (root / "rows.csv").write_text("orgnr,role,signatory_name,signatory_email\n"
                                   "958935420,kilde,Ola,ola@oslo.kommune.no\n"
                                   "964338531,kilde,Berit,berit@bergen.kommune.no\n",
                                   encoding="utf-8")
    with servers() as s:
        base = new_place(root / "base", server_url, s)
        ok(base.cli("init"))
        ok(base.cli("org", "contact", "add", "971032146", "--name", "Kim", "--email",
                    KS_SIGNER, "--role", "signatory"))
        ok(base.cli("onboard", "--csv", str(root / "rows.csv"), "--offline"))
        yield base, server_url, s


@pytest.fixture
def place(world: tuple[Place, str | None, object], tmp_path: Path) -> Iterator[Place]:
    base, server_url, s = world
    copy = clone(base, tmp_path / "copy", server_url, s)  # type: ignore[arg-type]
    yield copy
    drop(copy, server_url)


def rows_of(place: Place, query: str) -> list[dict[str, object]]:
    """The rows a query finds in the place's database."""
    app = app_of(place)
    try:
        with app.transaction() as session:
            return [dict(r._mapping) for r in session.execute(text(query))]
    finally:
        app.close()


def a_write(place: Place) -> None:
    ok(place.cli("org", "contact", "add", "971032146", "--name", "Kari", "--email",
                 "kari@ks.no", "--role", "it"))


def test_the_anchor_is_sealed_and_names_no_unkeyed_events(place: Place) -> None:
    """On an installation that always had its key, the anchor holds a seal and says that
    no event may be unkeyed."""
    raw = json.loads(anchor.path_of(place.data_dir).read_text(encoding="utf-8"))
    assert raw["legacy_until"] == 0 and len(raw["seal"]) == 64 and raw["remade_from"] == 1
    assert anchor.load(anchor.path_of(place.data_dir), key_of(place)) is not None
    with pytest.raises(ValueError, match="not sealed with this installation's key"):
        anchor.load(anchor.path_of(place.data_dir), b"another key")


def test_a_forged_anchor_is_left_for_verify_by_the_next_write(place: Place) -> None:
    """A write after the anchor was forged does not paper over it: verify still says so."""
    last = rows(place)[-1]
    forge_anchor(place, int(str(last["seq"])), str(last["hash"]))
    a_write(place)
    run = place.cli("audit", "verify")
    assert run.code == 1 and "not sealed with this installation's key" in run.err, run


def test_a_missing_anchor_file_is_made_again_and_verify_says_from_where(place: Place) -> None:
    """Removed, the anchor file is made again by the next write; meanwhile the shared anchor
    in the database vouches for the head, and verify says which anchors it checked."""
    anchor.path_of(place.data_dir).unlink()
    run = place.cli("audit", "verify")
    assert run.code == 0 and "shared anchor in the database matches" in run.out, run
    assert "no anchor file" in run.out, run
    first = int(str(rows(place)[-1]["seq"])) + 1
    a_write(place)
    run = place.cli("audit", "verify")
    assert run.code == 0 and f"begun at event {first}, where it was missing" in run.out, run


def test_without_both_anchors_removed_events_cannot_be_ruled_out(place: Place) -> None:
    """With the anchor file and the database's anchor both gone, verify refuses."""
    anchor.path_of(place.data_dir).unlink()
    sql(place, "DELETE FROM auditanchor")
    run = place.cli("audit", "verify")
    assert run.code == 1 and "anchors" in run.err and "missing" in run.err, run


def test_an_older_database_anchor_put_back_with_a_cut_log_is_caught_by_the_file(
        place: Place) -> None:
    """Someone who can write the database but has no key keeps an old sealed row of
    auditanchor, cuts the log back to it later and puts the row back: the file outside
    the database still names the newer event."""
    old = rows_of(place, "SELECT * FROM auditanchor")[0]
    a_write(place)
    sql(place, f"DELETE FROM auditevent WHERE seq > {old['seq']}",
        "UPDATE auditanchor SET " + ", ".join(
            f"{k} = '{v}'" if isinstance(v, str) else f"{k} = {v}"
            for k, v in old.items() if k != "id"))
    run = place.cli("audit", "verify")
    assert run.code == 1 and "events were removed" in run.err and "audit-head.json" in run.err, run


def as_before_sealing(place: Place, unkeyed: int) -> None:
    """The installation as it was before anchors were sealed: its first `unkeyed` events in
    the format of before the key (an upgrade from before revision 0005), the rest re-sealed
    with the key after them, an unsealed anchor, and the schema at the revision before."""
    key, found, prev = key_of(place), rows(place), GENESIS
    sql(place, "UPDATE auditevent SET prev_hash = 'x' || id, hash = 'y' || id")
    for r in found:
        legacy = int(str(r["seq"])) <= unkeyed
        r.update(prev_hash=prev, key_id=None if legacy else r["key_id"])
        r["hash"] = prev = seal(r, None if legacy else key)
        write(place, r)
    anchor.path_of(place.data_dir).write_text(json.dumps(
        {"seq": found[-1]["seq"], "mac": prev, "at": "2026-12-01T10:00:00+00:00"}),
        encoding="utf-8")
    undo_migrations_after(place, "i21b_portal_sessions")  # each by its own downgrade


def undo_migrations_after(place: Place, revision: str) -> None:
    """The schema back at `revision`, by alembic's downgrade of every revision after it."""
    from alembic import command
    from alembic.config import Config

    from agreements.core.db import get_engine
    from agreements.registry.bootstrap import MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    engine = get_engine(place.url)
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, revision)
    engine.dispose()


def test_the_upgrade_seals_the_anchor_once_keeping_the_unkeyed_prefix(place: Place) -> None:
    """`init` from the revision before sealed anchors seals the old anchor, recording the
    unkeyed events of before the key; verify then passes, and an unkeyed event after them is
    caught as forged."""
    as_before_sealing(place, unkeyed=3)
    assert "audit anchor: sealed at event" in ok(place.cli("init")).out
    held = anchor.load(anchor.path_of(place.data_dir), key_of(place))
    assert held is not None and held.legacy_until == 3
    assert place.cli("audit", "verify").code == 0
    fourth = rows(place)[3]
    sql(place, "UPDATE auditevent SET key_id = NULL WHERE seq = 4")
    run = place.cli("audit", "verify")
    assert run.code == 1 and "event 4: it is unsealed, but the log is sealed from event 4" \
        in run.err, (run, fourth)


def test_a_later_init_adopts_no_unsealed_anchor(place: Place) -> None:
    """Once sealed anchors exist, `init` never seals an anchor someone wrote without the key."""
    last = rows(place)[-1]
    anchor.path_of(place.data_dir).write_text(json.dumps(
        {"seq": last["seq"], "mac": last["hash"], "at": "2026-12-01T10:00:00+00:00"}),
        encoding="utf-8")
    assert "audit anchor" not in ok(place.cli("init")).out
    run = place.cli("audit", "verify")
    assert run.code == 1 and "damaged" in run.err, run


def untouched(place: Place) -> None:
    """Truncate the last five events and move the anchor back with them (someone holding
    the key, or an old backup of the anchor)."""
    sql(place, "DELETE FROM auditevent WHERE seq > (SELECT max(seq) - 5 FROM auditevent)")
    last = rows(place)[-1]
    seq, mac = int(str(last["seq"])), str(last["hash"])
    anchor.path_of(place.data_dir).unlink()
    anchor.save(anchor.path_of(place.data_dir), key_of(place), seq, mac)
    app = app_of(place)
    try:
        with app.transaction() as session:
            session.execute(text("DELETE FROM auditanchor"))
            anchor.save_shared(session, app.audit_signer().key, seq, mac)
    finally:
        app.close()


def test_a_truncation_hidden_from_the_anchor_is_caught_by_a_reported_head(place: Place) -> None:
    """Even with both anchors moved back by someone with the key, the head printed in a
    report catches it."""
    reported = anchor.load(anchor.path_of(place.data_dir), key_of(place))
    untouched(place)
    run = place.cli("audit", "verify", "--head", str(reported))
    assert run.code == 1 and "events were removed" in run.err, run


def test_savepoints_of_one_transaction_move_both_anchors_to_its_last_event(place: Place
                                                                            ) -> None:
    """Events appended in savepoints of one transaction (a batch's rows), one rolled back in
    between, leave a chain and both anchors that `audit verify` accepts."""
    from agreements.core import audit

    app = app_of(place)
    try:
        with app.transaction() as session:
            with audit.savepoint(session):
                audit.record(session, actor="t", action="test.one", subject="t")
            with pytest.raises(RuntimeError), audit.savepoint(session):
                audit.record(session, actor="t", action="test.gone", subject="t")
                raise RuntimeError("the row is refused")
            with audit.savepoint(session):
                audit.record(session, actor="t", action="test.two", subject="t")
    finally:
        app.close()
    assert "OK" in ok(place.cli("audit", "verify")).out
    actions = [r["action"] for r in rows_of(place, "SELECT action FROM auditevent "
                                                   "ORDER BY seq DESC LIMIT 2")]
    assert actions == ["test.two", "test.one"]
