"""Onboarding rows in this process (the command line on the embedded default): every step for
a chunk of rows, then the outbox, then what became of each row's messages.

A row is *done* when its steps succeeded and its messages have left; *waiting* when only its
e-mail has not left (the mail server is down: it stays queued and is retried); otherwise it
*needs attention*. A batch never reports success while one of its messages is undelivered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import or_
from sqlmodel import col, select

from agreements.core.enums import OutboxStatus
from agreements.core.models import OutboxMessage
from agreements.errors import AvtaleflytError
from agreements.onboarding import steps
from agreements.onboarding.csvfile import BadRow, Row
from agreements.onboarding.outcome import Outcome
from agreements.outbox import delivery, trouble
from agreements.outbox.delivery import DeliveryReport

if TYPE_CHECKING:
    from agreements.core.ports import Work
    from agreements.onboarding.steps import Onboards


@dataclass
class Totals:
    done: int = 0
    waiting: int = 0
    attention: int = 0
    delivery: DeliveryReport = field(default_factory=DeliveryReport)

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        for r in rows:
            if r["ok"]:
                self.done += 1
            elif r.get("waiting"):
                self.waiting += 1
            else:
                self.attention += 1

    def __str__(self) -> str:
        text = f"{self.done} onboarded, {self.attention} need attention"
        if self.waiting:
            text += f", {self.waiting} waiting for e-mail delivery"
        return text


def onboard(work: Onboards, rows: Sequence[Row]) -> list[Outcome]:
    """Every step for the rows: register, draft and send agreements; the NHN order is left to
    each organisation's signatory or PJD lead (it is placed in their name)."""
    outcomes = steps.register_rows(work, rows)
    made = steps.create_agreements(work, outcomes)
    steps.send_drafts(work, outcomes, made)
    steps.note_orders(outcomes)
    return outcomes


def annotate(work: Work, outcomes: Sequence[Outcome]) -> None:
    """Mark each row whose messages have not left, with why (failed, stale, retrying)."""
    prefixes = [p for o in outcomes for p in o.mail_keys]
    if not prefixes:
        return
    with work.transaction() as session:
        unsent = []
        for i in range(0, len(prefixes), 200):
            part = prefixes[i:i + 200]
            unsent += list(session.exec(select(OutboxMessage).where(
                OutboxMessage.status != OutboxStatus.SENT.value,
                or_(*(col(OutboxMessage.key).startswith(p) for p in part)))))
    now = delivery.real_now()
    for o in outcomes:
        mine = [m for m in unsent if any(m.key.startswith(p) for p in o.mail_keys)]
        if mine:
            o.undelivered = trouble.note(mine[0], now) or "queued"


def run(work: Onboards, chunks: Iterable[tuple[list[Row], list[BadRow]]],
        show: Callable[[list[dict[str, Any]]], None],
        stopped: Callable[[AvtaleflytError], None] = lambda _: None) -> Totals:
    """Onboard chunk after chunk, delivering after each and showing its rows as they end;
    `stopped` is told each error that stopped a row (to raise it for a single organisation).

    A mail server found unreachable is not tried again in the same run: the rest waits.
    """
    totals = Totals()
    for good, bad in chunks:
        outcomes = onboard(work, good)
        for o in outcomes:
            if o.failure is not None:
                stopped(o.failure)
        report = delivery.deliver(work, skip_channels=set(totals.delivery.unreachable))
        totals.delivery.absorb(report)
        annotate(work, outcomes)
        shown = [o.as_dict() for o in outcomes] + [
            {"line": b.line, "orgnr": b.orgnr, "navn": "", "outcome": b.reason, "ok": False}
            for b in bad]
        shown.sort(key=lambda r: int(str(r["line"])))
        totals.add(shown)
        show(shown)
    return totals
