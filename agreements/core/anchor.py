"""The audit log's head, anchored twice and sealed with the audit key: in the database, one
head every process shares, and in a file outside it, the head this process (or every process
naming the same file) last wrote.

**The shared head** (`load_shared`, `save_shared`: the one row of `auditanchor`) moves in the
transaction that appends events, under the chain's lock, so it always names the newest event,
whichever machine wrote it. Every process's `audit verify` checks the same head and the same
`legacy_until`, and a machine that never wrote (the CLI on a laptop) has a head to check.

**The file** (`load`, `save`: `AVTALEFLYT_AUDIT_ANCHOR`, default `<data dir>/audit-head.json`)
is written after the commit, only ever forwards (a slower process never moves it back). It is
kept where the database's administrators cannot write: someone who can write the database but
has no key cannot seal a head, yet could put back an *older* sealed row of `auditanchor`
together with a log cut to match it; the file, the weekly report and each Prefect run's
`audit-head` artifact still name the newer event (`audit verify --head SEQ:MAC`). With several
machines each keeps its own file, or all name one file on a mount they share.

Both are sealed: an HMAC under the audit key covers every field, so without the key neither can
be rewritten to match a rewritten log nor moved back beyond a head once sealed. Each says up to
which event the log may hold the unkeyed format of before the key (`legacy_until`: 0 on an
installation that always had its key); every later event must be sealed. One that is damaged
or not sealed with this key is never overwritten (`audit verify` reports it); a missing one is
made again by the next transaction that writes, which says so (`remade_from`).
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import os
import socket
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlmodel import Session


FILE = "audit-head.json"
_MAX = 4096  # bytes: the anchor is a few hundred


@dataclass(frozen=True)
class Head:
    seq: int
    mac: str
    at: str = ""
    legacy_until: int = 0  # the last event that may be in the unkeyed format (0: none)
    remade_from: int = 1  # the first event this anchor has followed (1: all of them)

    def __str__(self) -> str:
        return f"{self.seq}:{self.mac}"

    @classmethod
    def parse(cls, value: str) -> Head:
        seq, _, mac = value.strip().partition(":")
        if not (seq.isascii() and seq.isdigit() and len(mac) == 64
                and all(c in "0123456789abcdef" for c in mac)):
            raise ValueError(f"an audit head looks like 1234:<64 hex digits>, got {value!r}")
        return cls(int(seq), mac)


def path_of(data_dir: Path) -> Path:
    """The default anchor file of a data folder (`Settings.anchor_path` says which is used)."""
    return data_dir / FILE


def _seal(key: bytes, fields: dict[str, object]) -> str:
    material = json.dumps(fields, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hmac.new(key, b"avtaleflyt audit anchor\0" + material, hashlib.sha256).hexdigest()


def load(path: Path, key: bytes) -> Head | None:
    """The head anchored in the file `path`, None when none was written; ValueError when it
    is damaged or not sealed with `key` (written by someone without the key)."""
    if not os.path.lexists(path):
        return None
    try:
        if not path.is_file() or path.is_symlink() or path.stat().st_size > _MAX:
            raise ValueError(path)
        raw = json.loads(path.read_text(encoding="utf-8"))
        head = Head(int(raw["seq"]), str(raw["mac"]), str(raw["at"]),
                    int(raw["legacy_until"]), int(raw["remade_from"]))
        seal = str(raw["seal"])
    except (ValueError, KeyError, TypeError, OSError):
        raise ValueError(f"the audit anchor {path} is damaged") from None
    if not hmac.compare_digest(seal, _seal(key, asdict(head))):
        raise ValueError(f"the audit anchor {path} is not sealed with this installation's "
                         "key: it was written without the key")
    return head


def unsealed(path: Path) -> Head | None:
    """An anchor written before anchors were sealed (`{"seq", "mac", "at"}`), for the `init`
    that seals it; None when there is none or it is not of that format."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8")[:_MAX])
        if set(raw) != {"seq", "mac", "at"}:
            return None
        return Head(int(raw["seq"]), str(raw["mac"]), str(raw["at"]))
    except (ValueError, KeyError, TypeError, OSError, AttributeError):
        return None


def save(path: Path, key: bytes, seq: int, mac: str, *, first: int = 1,
         legacy_until: int = 0, adopt: bool = False) -> None:
    """Move the anchor forward to (seq, mac), sealed with `key`; never backwards, and never
    over a file it cannot verify (unless `adopt`: the `init` that seals an old anchor).
    `first`: the first event the caller appended (a missing anchor made again says from
    where it follows); `legacy_until`: for a new anchor only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(f"{path.name}.lock"), "a", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            current = load(path, key)
        except ValueError:
            if not adopt:
                return  # evidence of tampering (or damage) stays for `audit verify`
            current = None
        if current is not None and current.seq >= seq:
            return
        at = datetime.now(UTC).isoformat(timespec="seconds")
        head = (Head(seq, mac, at, current.legacy_until, current.remade_from) if current
                else Head(seq, mac, at, legacy_until, first))
        tmp = path.with_name(f".{path.name}.{socket.gethostname()}.{os.getpid()}")
        tmp.write_text(json.dumps({**asdict(head), "seal": _seal(key, asdict(head))}) + "\n",
                       encoding="utf-8")
        os.replace(tmp, path)


SHARED = "the database's anchor (auditanchor)"


def load_shared(session: Session, key: bytes) -> Head | None:
    """The head every process shares, None when none was written yet; ValueError when the
    row is not sealed with `key` (written by someone without the key)."""
    row = _shared_row(session)
    if row is None:
        return None
    head = Head(row.seq, row.mac, row.at, row.legacy_until, row.remade_from)
    if not hmac.compare_digest(row.seal, _seal(key, asdict(head))):
        raise ValueError(f"{SHARED} is not sealed with this installation's key: it was "
                         "written by someone without the key")
    return head


def _shared_row(session: Session) -> Any:
    """The row as it is in the database now (read past the session's copies: it is written
    with plain statements, `save_shared`)."""
    from sqlalchemy import select

    table = _anchor_table()
    return session.connection().execute(select(table).where(table.c.id == 1)).first()


def _anchor_table() -> Any:
    from agreements.core.models import AuditAnchor

    return AuditAnchor.__table__  # type: ignore[attr-defined]


def save_shared(session: Session, key: bytes, seq: int, mac: str, *, first: int = 1,
                legacy_until: int = 0) -> None:
    """Move the shared head to (seq, mac) in the caller's transaction, which holds the
    chain's lock (taken as its events are sealed, `audit._written`); never backwards, never
    over a row it cannot verify. One plain UPDATE (an INSERT the first time): it moves with
    every transaction that appends.
    `first`/`legacy_until`: for a new row (made again from `first`)."""
    from sqlalchemy import insert, update

    try:
        current = load_shared(session, key)
    except ValueError:
        return  # evidence of tampering stays for `audit verify`
    if current is not None and current.seq >= seq:
        return
    at = datetime.now(UTC).isoformat(timespec="seconds")
    head = (Head(seq, mac, at, current.legacy_until, current.remade_from) if current
            else Head(seq, mac, at, legacy_until, first))
    values = {**asdict(head), "seal": _seal(key, asdict(head))}
    table = _anchor_table()
    session.connection().execute(
        update(table).where(table.c.id == 1).values(**values) if current is not None
        else insert(table).values(id=1, **values))


def check(session: Session, head: Head | None, where: str) -> str | None:
    """What is wrong with the log against an anchored head (None: nothing)."""
    from sqlmodel import col, func, select

    from agreements.core.models import AuditEvent

    if head is None:
        return None
    found = session.exec(select(AuditEvent.hash).where(AuditEvent.seq == head.seq)).first()
    if found == head.mac:
        return None
    newest = session.exec(select(func.max(col(AuditEvent.seq)))).one() or 0
    when = f" on {head.at}" if head.at else ""
    if found is None and newest < head.seq:
        return (f"the log ends at event {newest}, but event {head.seq} was anchored{when} "
                f"({where}): events were removed")
    return f"event {head.seq} is not the one anchored{when} ({where}): the log was rewritten"
