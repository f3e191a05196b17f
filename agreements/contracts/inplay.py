"""The agreement a participation has in play; what drafting a batch reads about its
participations at once: the agreement each has in play, and how many each has had (a new
draft's version)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, func, select

from agreements.core.db import chunks
from agreements.core.enums import AgreementKind
from agreements.core.lifecycle import IN_PLAY, values
from agreements.core.models import Agreement


def open_agreement(session: Session, participation_id: int) -> Agreement | None:
    """The newest agreement (not an annex) still in play for the participation, if any."""
    return session.exec(
        select(Agreement).where(Agreement.participation_id == participation_id,
                                Agreement.kind == AgreementKind.AGREEMENT,
                                col(Agreement.status).in_(values(IN_PLAY)))
        .order_by(col(Agreement.id).desc())
    ).first()


def open_agreements(session: Session, participation_ids: Sequence[int]) -> dict[int, Agreement]:
    """`open_agreement` of each participation, in a few queries."""
    found: dict[int, Agreement] = {}
    for part in chunks(participation_ids):
        for a in session.exec(select(Agreement).where(
                col(Agreement.participation_id).in_(part),
                Agreement.kind == AgreementKind.AGREEMENT,
                col(Agreement.status).in_(values(IN_PLAY))).order_by(col(Agreement.id).desc())):
            found.setdefault(a.participation_id, a)
    return found


def versions(session: Session, participation_ids: Sequence[int]) -> dict[int, int]:
    """How many agreements (not annexes) each participation has had."""
    counts: dict[int, int] = {}
    for part in chunks(participation_ids):
        counts.update({pid: n for pid, n in session.exec(
            select(Agreement.participation_id, func.count()).where(
                col(Agreement.participation_id).in_(part),
                Agreement.kind == AgreementKind.AGREEMENT).group_by(
                col(Agreement.participation_id)))})
    return counts
