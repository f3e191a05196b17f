"""The audit log's key and what a transaction seals its events with, apart from the log itself
so that building an app (and a read-only command) does not load the ORM models.

The key is `AVTALEFLYT_AUDIT_SECRET`, or else a random key made on first use and kept in
`<data dir>/audit.key`. The unit of work (`ports.Work.transaction()`) puts the `Signer` in
`session.info[SIGNER]`; sealing the events (`audit._written`) leaves the newest (seq, MAC) in
`session.info[HEAD]` for the anchor (and the first one's seq in `session.info[FIRST]`).
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

KEY_FILE = "audit.key"
SIGNER = "avtaleflyt.audit.signer"  # session.info: the Signer of this transaction
HEAD = "avtaleflyt.audit.head"  # session.info: (seq, mac) of the newest event it appended
FIRST = "avtaleflyt.audit.first"  # session.info: seq of the first event it appended


@dataclass(frozen=True)
class Signer:
    """What seals the events of one transaction: the key, and the day it runs as."""

    key: bytes
    simulated_day: str | None = None

    @property
    def key_id(self) -> str:
        return key_id(self.key)


def key_id(key: bytes) -> str:
    """A short public name for a key (which key sealed an event), not the key."""
    return hashlib.sha256(b"avtaleflyt audit key id\0" + key).hexdigest()[:16]


def load_key(data_dir: Path, secret: str | None) -> bytes:
    """The secret from the settings, else the installation's key file (made on first use)."""
    if secret:
        return secret.encode("utf-8")
    path = data_dir / KEY_FILE
    if not path.is_file():
        data_dir.mkdir(parents=True, exist_ok=True)
        tmp = data_dir / f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(secrets.token_hex(32) + "\n")
        try:
            os.link(tmp, path)  # never replaces a key another process made meanwhile
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return path.read_text(encoding="ascii").strip().encode("ascii")
