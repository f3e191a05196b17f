"""The audit log's head, anchored outside the database and sealed with the audit key.

After every transaction that appended events, the newest event's sequence number and MAC are
written to the anchor file, `AVTALEFLYT_AUDIT_ANCHOR` (default `<data dir>/audit-head.json`),
only ever forwards: a slower process never moves it back, whichever machine it runs on. With
several machines every writing process names the same file, in a folder they all mount and
the database's administrators cannot write (see README, "Several machines"): one head for
the whole installation, moved forward under a lock on that file. `audit verify` then
requires that event to be in the database, unchanged: removing the newest events, or all
of them, is caught even though the rest of the chain is intact.
The weekly report and the Prefect artifacts carry the head too, so a copy outside this machine
can be compared (`audit verify --head SEQ:MAC`).

The file is sealed: an HMAC under the audit key covers every field, so without the key it can
be neither rewritten to match a rewritten log nor moved back. It also says up to which event
the log may hold the unkeyed format of before the key (`legacy_until`: 0 on an installation
that always had its key); every later event must be sealed. A file that is damaged or not
sealed with this key is never overwritten (`audit verify` reports it); a missing one is made
again by the next transaction that writes, which says so (`remade_from`).

The interface (`load`, `save`, `check`, `path_of`, `Head`) is all the rest of the code uses.
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
from typing import TYPE_CHECKING

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
