"""What must hold after any crash and a re-run: nothing lost, nothing doubled beyond one
resend with the same Message-ID, no claim left past its lease, every document whole, no
temporary file, the audit log verified. `Tally` counts what the fault suite reports."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlmodel import col, select

from agreements.app import App, open_app
from agreements.config import Settings
from agreements.core.enums import OutboxStatus, Role
from agreements.core.lifecycle import IN_PLAY, values
from agreements.core.models import Agreement, Document, OutboxMessage, Participation
from agreements.documents import store
from tests.fault_world import Place, Servers


@dataclass
class Tally:
    points: int = 0
    duplicates: int = 0
    losses: int = 0
    broken: list[str] = field(default_factory=list)


def app_of(place: Place) -> App:
    return open_app(Settings.from_env(place.env), actor="fault-check")


def sent_keys(place: Place) -> set[str]:
    """The messages a world has sent already."""
    app = app_of(place)
    try:
        with app.transaction() as session:
            return set(session.exec(select(OutboxMessage.key).where(
                OutboxMessage.status == OutboxStatus.SENT.value)))
    finally:
        app.close()


def check(place: Place, s: Servers, tally: Tally, label: str, *, kilder: int = 2,
          already_sent: set[str] | frozenset[str] = frozenset()) -> None:
    """Check every invariant of a world after its runs; count duplicates and losses.
    `already_sent`: messages the world had sent before (they do not arrive again)."""
    app = app_of(place)
    try:
        problems = (_outbox(app, s, tally, already_sent) + _agreements(app, kilder)
                    + _documents(app) + _audit(place))
    finally:
        app.close()
    tally.broken += [f"{label}: {p}" for p in problems]


def _outbox(app: App, s: Servers, tally: Tally, already_sent: set[str] | frozenset[str]
            ) -> list[str]:
    problems = []
    now = datetime.now(UTC)
    with app.transaction() as session:
        rows = list(session.exec(select(OutboxMessage)))
    for m in rows:
        lease = m.lease_until.replace(tzinfo=UTC) if m.lease_until and not \
            m.lease_until.tzinfo else m.lease_until
        if m.status == OutboxStatus.SENDING and lease is not None and lease < now:
            problems.append(f"{m.key} left sending past its lease")
        if m.status != OutboxStatus.SENT:
            tally.losses += 1
            problems.append(f"{m.key} is {m.status}: {m.last_error}")
    got: dict[str, list[str]] = defaultdict(list)
    for message, rcpts in zip(s.inbox.messages, s.inbox.recipients, strict=True):
        got[message["X-Avtaleflyt-Key"]].append(message["Message-ID"])
        if len(rcpts) != 1:
            problems.append(f"{message['X-Avtaleflyt-Key']} went to {rcpts}")
    posted = Counter(r["key"] for r in s.desk.requests)
    for m in rows:
        if m.key in already_sent:
            continue
        if m.channel == "nhn_http":
            count = posted.get(m.key.removeprefix("nhn-order:"), 0)
        else:
            count = len(got.get(m.key, []))
            if len(set(got.get(m.key, []))) > 1:
                problems.append(f"{m.key} was resent with another Message-ID")
        if m.status == OutboxStatus.SENT and count == 0:
            tally.losses += 1
            problems.append(f"{m.key} is marked sent but never arrived")
        if count > 2:
            problems.append(f"{m.key} arrived {count} times")
        tally.duplicates += max(0, count - 1)
    keys = {m.key for m in rows}
    problems += [f"{k} arrived but is not in the outbox" for k in got if k not in keys]
    return problems


def _agreements(app: App, kilder: int) -> list[str]:
    with app.transaction() as session:
        pids = list(session.exec(select(Participation.id).where(
            Participation.role == Role.KILDE.value)))
        in_play = Counter(session.exec(select(Agreement.participation_id).where(
            col(Agreement.status).in_(values(IN_PLAY)))))
    problems = [f"participation {p} has {in_play[p]} agreements in play" for p in pids
                if in_play[p] != 1]
    if len(pids) != kilder:
        problems.append(f"{len(pids)} kilder registered, {kilder} expected")
    return problems


def _documents(app: App) -> list[str]:
    with app.transaction() as session:
        docs = list(session.exec(select(Document)))
    problems = []
    for d in docs:
        path = app.documents.path_of(d)
        if not path.is_file():
            problems.append(f"document {d.path} is missing")
        elif store.sha256(path.read_bytes()) != d.sha256:
            problems.append(f"document {d.path} does not match its SHA-256")
    problems += [f"temporary file {p.name} left" for p in app.settings.data_dir.rglob(".tmp-*")]
    return problems


def _audit(place: Place) -> list[str]:
    run = place.cli("audit", "verify")
    return [] if run.code == 0 else [f"audit verify: {run.err.strip() or run.out.strip()}"]
