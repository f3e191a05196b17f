"""The audit log's head, anchored outside the database.

After every transaction that appended events, the newest event's sequence number and MAC are
written to `<data dir>/audit-head.json` (only ever forwards: a slower process never moves it
back). `audit verify` then requires that event to be in the database, unchanged: removing the
newest events, or all of them, is caught even though the rest of the chain is intact. The
weekly report and the Prefect artifacts carry the head too, so a copy outside this machine
can be compared (`audit verify --head SEQ:MAC`).
"""

from __future__ import annotations

import fcntl
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlmodel import Session

FILE = "audit-head.json"


@dataclass(frozen=True)
class Head:
    seq: int
    mac: str
    at: str = ""

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
    return data_dir / FILE


def load(data_dir: Path) -> Head | None:
    """The anchored head, None when none was written here; ValueError when it is damaged."""
    path = path_of(data_dir)
    if not path.is_file():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return Head(int(raw["seq"]), str(raw["mac"]), str(raw.get("at", "")))
    except (ValueError, KeyError, TypeError):
        raise ValueError(f"the audit anchor {path} is damaged") from None


def save(data_dir: Path, seq: int, mac: str) -> None:
    """Move the anchor forward to (seq, mac); never backwards."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / f"{FILE}.lock", "a", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            current = load(data_dir)
        except ValueError:
            current = None
        if current is not None and current.seq >= seq:
            return
        tmp = data_dir / f".{FILE}.{os.getpid()}"
        at = datetime.now(UTC).isoformat(timespec="seconds")
        tmp.write_text(json.dumps({"seq": seq, "mac": mac, "at": at}) + "\n", encoding="utf-8")
        os.replace(tmp, path_of(data_dir))


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
