"""Finding 4 of issue 11: `audit verify` catches every way of tampering in the list — the
newest events removed, all of them, a forged event appended, the chain re-computed after an
edit, the whole log and its anchor rewritten without the key, a status or an organiser changed
without an event — on SQLite and PostgreSQL, and a refused command writes no event. Each case
runs on a fresh copy of one small world, through the real CLI."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from agreements.core import anchor
from agreements.core.audit import GENESIS, canonical
from tests.fault_world import KS_SIGNER, Place, clone, drop, new_place, ok, servers
from tests.invariants import app_of


def sql(place: Place, *statements: str) -> None:
    app = app_of(place)
    try:
        with app.transaction() as session:
            for statement in statements:
                session.execute(text(statement))
    finally:
        app.close()


def rows(place: Place) -> list[dict[str, object]]:
    app = app_of(place)
    try:
        with app.transaction() as session:
            found = session.execute(text("SELECT * FROM auditevent ORDER BY seq"))
            return [dict(r._mapping) for r in found]
    finally:
        app.close()


def seal(r: dict[str, object], key: bytes | None) -> str:
    """The seal an attacker computes: unkeyed SHA-256, or an HMAC with a key they guessed."""
    if key is None:
        material = canonical([r["at"], r["actor"], r["action"], r["subject"], r["data"],
                              r["prev_hash"]])
        return hashlib.sha256(material.encode()).hexdigest()
    material = canonical([r["seq"], r["at"], r["actor"], r["action"], r["subject"], r["data"],
                          r["prev_hash"], r["simulated_day"]])
    return hmac.new(key, material.encode(), hashlib.sha256).hexdigest()


def write(place: Place, r: dict[str, object], *, new: bool = False) -> None:
    values = {k: v for k, v in r.items() if k != "id"}
    app = app_of(place)
    try:
        with app.transaction() as session:
            if new:
                names = ", ".join(values)
                session.execute(text(f"INSERT INTO auditevent ({names}) VALUES "
                                     f"({', '.join(':' + k for k in values)})"), values)
            else:
                sets = ", ".join(f"{k} = :{k}" for k in values)
                session.execute(text(f"UPDATE auditevent SET {sets} WHERE id = :id"), r)
    finally:
        app.close()


def forge_append(place: Place, key: bytes | None) -> None:
    last = rows(place)[-1]
    forged = {**last, "seq": int(str(last["seq"])) + 1, "prev_hash": last["hash"],
              "action": "agreement.active", "subject": "agreement:1", "data": "{}",
              "key_id": None if key is None else last["key_id"]}
    forged["hash"] = seal(forged, key)
    write(place, forged, new=True)


def rechain(place: Place, *, from_seq: int, key: bytes | None) -> None:
    """Edit an event, then re-seal it and every later one (without the installation's key)."""
    found = rows(place)
    prev = GENESIS if from_seq == 1 else found[from_seq - 2]["hash"]
    sql(place, "UPDATE auditevent SET prev_hash = 'x' || id, hash = 'y' || id "
        f"WHERE seq >= {from_seq}")
    for r in found[from_seq - 1:]:
        if r["seq"] == from_seq:
            r["data"] = json.dumps({"tampered": True})
        r.update(prev_hash=prev, key_id=None if key is None else r["key_id"])
        r["hash"] = prev = seal(r, key)
        write(place, r)


def key_of(place: Place) -> bytes:
    app = app_of(place)
    try:
        return app.audit_signer().key
    finally:
        app.close()


def forge_anchor(place: Place, seq: int, mac: str) -> None:
    """Write audit-head.json as someone without the key can: any fields, any seal."""
    fields = {"seq": seq, "mac": mac, "at": "2026-12-01T10:00:00+00:00", "legacy_until": seq,
              "remade_from": 1}
    seal = hashlib.sha256(json.dumps(fields).encode()).hexdigest()
    anchor.path_of(place.data_dir).write_text(json.dumps({**fields, "seal": seal}),
                                              encoding="utf-8")


def rewrite_everything(place: Place) -> None:
    """The attack of issue 22: every event rewritten in the unkeyed format with one actor
    changed, and the anchor written to match, all without the key."""
    found = rows(place)
    sql(place, "UPDATE auditevent SET prev_hash = 'x' || id, hash = 'y' || id")
    prev = GENESIS
    for r in found:
        if r["seq"] == 3:
            r["actor"] = "mallory"
        r.update(prev_hash=prev, key_id=None)
        r["hash"] = prev = seal(r, None)
        write(place, r)
    forge_anchor(place, int(str(found[-1]["seq"])), prev)


CASES: dict[str, Callable[[Place], None]] = {
    "delete the newest event": lambda p: sql(
        p, "DELETE FROM auditevent WHERE seq = (SELECT max(seq) FROM auditevent)"),
    "delete the newest 100 events": lambda p: sql(
        p, "DELETE FROM auditevent WHERE seq > (SELECT max(seq) - 100 FROM auditevent)"),
    "delete every event": lambda p: sql(p, "DELETE FROM auditevent"),
    "append a forged event sealed with SHA-256": lambda p: forge_append(p, None),
    "append a forged event sealed with a guessed key": lambda p: forge_append(p, b"guess"),
    "re-chain after an edit, unkeyed": lambda p: rechain(p, from_seq=5, key=None),
    "re-chain the whole log, unkeyed": lambda p: rechain(p, from_seq=1, key=None),
    "re-chain after an edit with a guessed key": lambda p: rechain(p, from_seq=5, key=b"k"),
    "change an agreement's status without an event": lambda p: sql(
        p, "UPDATE agreement SET status = 'active' WHERE id = 1"),
    "mark a signature signed without an event": lambda p: sql(
        p, "UPDATE signature SET status = 'signed' WHERE id = 1"),
    "edit an event's data": lambda p: sql(
        p, "UPDATE auditevent SET data = '{}' WHERE seq = 3"),
    "remove the anchor file and the database's anchor": lambda p: (
        anchor.path_of(p.data_dir).unlink(), sql(p, "DELETE FROM auditanchor")),
    "move the database's anchor back without the key": lambda p: sql(
        p, "UPDATE auditanchor SET seq = seq - 1"),
    "rewrite every event and the anchor without the key": rewrite_everything,
    "rewrite the anchor without the key": lambda p: forge_anchor(
        p, int(str(rows(p)[-1]["seq"])), str(rows(p)[-1]["hash"])),
    "delete an event in the middle": lambda p: sql(p, "DELETE FROM auditevent WHERE seq = 4"),
    "move an organisation to another organiser without an event": lambda p: sql(
        p, "UPDATE participation SET area_id = (SELECT id FROM collaborationarea "
           "WHERE key = 'helse-nord') WHERE id = 1"),
}


SAID = {  # what `audit verify` says for each case
    "delete the newest event": "events were removed",
    "delete the newest 100 events": "events were removed",
    "delete every event": "events were removed",
    "append a forged event sealed with SHA-256": "unsealed, but the log is sealed from event 1",
    "append a forged event sealed with a guessed key": "does not match its seal",
    "re-chain after an edit, unkeyed": "event 5: it is unsealed, but the log is sealed",
    "re-chain the whole log, unkeyed": "event 1: it is unsealed, but the log is sealed",
    "re-chain after an edit with a guessed key": "does not match its seal",
    "change an agreement's status without an event": "agreement #1 is active in the table",
    "mark a signature signed without an event": "no event records it",
    "edit an event's data": "does not match its seal",
    "remove the anchor file and the database's anchor": "anchors",
    "move the database's anchor back without the key": "not sealed with this installation's key",
    "rewrite every event and the anchor without the key":
        "event 1: it is unsealed, but the log is sealed from event 1 on (forged without the key)",
    "rewrite the anchor without the key": "not sealed with this installation's key",
    "delete an event in the middle": "the sequence jumps from 3 to 5",
    "move an organisation to another organiser without an event":
        "belongs to helse-nord in the table, but its events say kommuner",
}


@pytest.fixture(scope="module", params=["sqlite",
                                        pytest.param("postgres", marks=pytest.mark.postgres)])
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[tuple[Place, str | None, object]]:
    """A world with more than 100 events: 40 kommuner onboarded, agreements sent."""
    from agreements import reference

    server_url = (request.getfixturevalue("postgres_server") if request.param == "postgres"
                  else None)
    root = tmp_path_factory.mktemp(f"tamper-{request.param}")
    rows_csv = root / "rows.csv"
    rows_csv.write_text("orgnr,role,signatory_name,signatory_email\n" + "".join(
        f"{o},kilde,Signatar {i},s{i}@k{i}.no\n" for i, o in enumerate(
            list(reference.kommuner())[:40])), encoding="utf-8")
    with servers() as s:
        base = new_place(root / "base", server_url, s)
        ok(base.cli("init"))
        ok(base.cli("org", "contact", "add", "971032146", "--name", "Kim", "--email",
                    KS_SIGNER, "--role", "signatory"))
        ok(base.cli("onboard", "--csv", str(rows_csv), "--offline"))
        assert len(rows(base)) > 100
        yield base, server_url, s


@pytest.mark.parametrize("case", sorted(CASES))
def test_audit_verify_catches(world: tuple[Place, str | None, object], tmp_path: Path,
                              case: str) -> None:
    """Each tampering makes `audit verify` exit 1 with one line saying what is wrong."""
    base, server_url, s = world
    place = clone(base, tmp_path / "copy", server_url, s)  # type: ignore[arg-type]
    try:
        assert place.cli("audit", "verify").code == 0
        CASES[case](place)
        run = place.cli("audit", "verify")
        assert run.code == 1 and run.err.count("\n") == 1 and "Traceback" not in run.err, run
        assert SAID[case] in run.err
    finally:
        drop(place, server_url)


def test_a_refused_command_writes_no_event(world: tuple[Place, str | None, object],
                                           tmp_path: Path) -> None:
    """`outbox retry` of a message that has not failed is refused and leaves the log as is."""
    base, server_url, s = world
    place = clone(base, tmp_path / "copy", server_url, s)  # type: ignore[arg-type]
    try:
        before = rows(place)
        run = place.cli("outbox", "retry", "1")
        assert run.code == 1 and "has failed" in run.err and rows(place) == before
    finally:
        drop(place, server_url)
