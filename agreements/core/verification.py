"""`audit verify`: every event's seal and link, the anchored heads, and the tables against
what the events imply, judged in one unit of work. A process that never wrote can verify:
the shared anchor in the database vouches for the head; this machine's anchor file is
checked when there is one, and so is any head copied from a report or a Prefect artifact."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from agreements.core import anchor, audit, replay
from agreements.errorcodes import Code
from agreements.errors import Tampered

if TYPE_CHECKING:
    from pathlib import Path

    from sqlmodel import Session

    from agreements.core.ports import Work


@dataclass(frozen=True)
class Verified:
    """A log found whole: how many events, its head, and the anchors that vouch for it."""

    events: int
    head: tuple[int, str] | None
    shared: anchor.Head | None  # the database's sealed anchor
    anchored: anchor.Head | None  # this machine's anchor file
    where: str  # the anchor file's path

    def line(self) -> str:
        seq, mac = self.head or (0, "-")
        return (f"OK: {self.events} events, chain intact, head {seq}:{mac[:16]}…, "
                f"{self._anchors()}, tables agree with the events")

    def _anchors(self) -> str:
        """What the OK line says of the anchors checked (and of one there is not)."""
        if self.shared is not None:
            first = (f" (made again at event {self.shared.remade_from}: the events before it "
                     "are vouched for by their seals only)" if self.shared.remade_from > 1
                     else "")
            said = f"the shared anchor in the database matches{first}"
        else:
            said = "no shared anchor in the database yet"
        if self.anchored is not None:
            first = (f" (begun at event {self.anchored.remade_from}, where it was missing or "
                     "new)" if self.anchored.remade_from > 1 else "")
            return f"sealed anchors: {said}; the anchor file {self.where} matches{first}"
        return (f"sealed anchors: {said}; no anchor file {self.where} (this process has not "
                "written)")


def verify(work: Work, key: bytes, anchor_path: Path, heads: list[anchor.Head]) -> Verified:
    """The log as a whole, or `Tampered` naming the first thing wrong (its seals and links
    first: a forged anchor is only named after the event the chain breaks at). The anchor
    file is read before the unit of work opens."""
    try:
        anchored, forged = anchor.load(anchor_path, key), None
    except ValueError as exc:
        anchored, forged = None, str(exc)
    with work.transaction() as session:
        return _judged(session, key, str(anchor_path), heads, anchored, forged)


def _judged(session: Session, key: bytes, where: str, heads: list[anchor.Head],
            anchored: anchor.Head | None, forged: str | None) -> Verified:
    try:
        shared = anchor.load_shared(session, key)
    except ValueError as exc:
        shared, forged = None, forged or str(exc)
    legacy = (shared or anchored or anchor.Head(0, "")).legacy_until
    result = audit.verify(session, legacy)
    if not result.ok:
        if forged:
            raise Tampered(Code.AUDIT_BROKEN_AND_FORGED, problem=result.problem,
                           events=result.events, forged=forged)
        raise Tampered(Code.AUDIT_BROKEN, problem=result.problem, events=result.events)
    if forged:
        raise Tampered(Code.AUDIT_ANCHOR_FORGED, problem=forged)
    if shared is None and anchored is None and result.events:
        raise Tampered(Code.AUDIT_ANCHORS_MISSING, shared=anchor.SHARED, file=where)
    problems = [p for h, w in [(shared, anchor.SHARED), (anchored, where),
                               *((h, "--head") for h in heads)]
                if (p := anchor.check(session, h, w))]
    if shared and result.head and result.head[0] > shared.seq:
        problems.append(f"the log goes on to event {result.head[0]} past {anchor.SHARED} "
                        f"at event {shared.seq}: events were appended without moving it")
    problems += replay.check(session)
    if len(problems) > 1:
        raise Tampered(Code.AUDIT_DISAGREES_MORE, problem=problems[0], others=len(problems) - 1)
    if problems:
        raise Tampered(Code.AUDIT_DISAGREES, problem=problems[0])
    return Verified(result.events, result.head, shared, anchored, where)
