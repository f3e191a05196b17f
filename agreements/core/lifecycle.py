"""Lifecycles as data: each table lists the allowed moves of one status type, and owns the
named sets of its states that the rest of the code asks about (`SIGNABLE`, `IN_FORCE`, …).

A table is typed by its status enum, so `AGREEMENT.advance(x, SignatureStatus.SIGNED)` is a
type error, and an illegal move at run time raises IllegalTransition naming the thing, where it
stands and what was asked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any, Generic, Protocol, TypeVar

from agreements.core.enums import AgreementStatus as A
from agreements.core.enums import ItemStatus as I
from agreements.core.enums import OrderStatus as O
from agreements.core.enums import SignatureStatus as S
from agreements.core.enums import TermsStatus as T
from agreements.errorcodes import Code, ErrorCode
from agreements.errors import IllegalTransition

E = TypeVar("E", bound=StrEnum)


class Lifecycle(Generic[E]):
    """The allowed moves between the states of one status enum."""

    def __init__(self, name: str, refusal: ErrorCode, moves: Mapping[E, frozenset[E]]) -> None:
        self.name = name
        self.refusal = refusal
        self.moves = dict(moves)

    def can(self, current: str, target: E) -> bool:
        return any(target in moves for state, moves in self.moves.items() if state == current)

    def advance(self, thing: object, target: E, *, attr: str = "status", **about: Any) -> E:
        """Move `thing.<attr>` to `target`, or raise IllegalTransition with the lifecycle's
        code, `about` naming the thing (`agreement=7`)."""
        current = getattr(thing, attr)
        if not self.can(current, target):
            raise IllegalTransition(self.refusal, current=current, target=target.value,
                                    **about)
        setattr(thing, attr, target.value)
        return target


AGREEMENT: Lifecycle[A] = Lifecycle("agreement", Code.AGREEMENT_CANNOT_MOVE, {
    A.DRAFT: frozenset({A.SENT, A.WITHDRAWN, A.SUPERSEDED}),  # superseded: regenerated
    A.SENT: frozenset({A.PARTIALLY_SIGNED, A.SIGNED, A.DECLINED, A.WITHDRAWN, A.LAPSED}),
    A.PARTIALLY_SIGNED: frozenset({A.SIGNED, A.DECLINED, A.WITHDRAWN, A.LAPSED}),
    A.SIGNED: frozenset({A.ACTIVE, A.TERMINATED}),
    A.ACTIVE: frozenset({A.EXPIRED, A.TERMINATED, A.SUPERSEDED}),
})
SIGNATURE: Lifecycle[S] = Lifecycle("signature", Code.SIGNATURE_CANNOT_MOVE, {
    S.PENDING: frozenset({S.SIGNED, S.DECLINED, S.LAPSED}),
})
ORDER: Lifecycle[O] = Lifecycle("NHN order", Code.ORDER_CANNOT_MOVE, {
    O.PREPARED: frozenset({O.SUBMITTED}),
    O.SUBMITTED: frozenset({O.CONFIRMED, O.REJECTED}),
    O.REJECTED: frozenset({O.PREPARED}),
})
TERMS: Lifecycle[T] = Lifecycle("bruksvilkår", Code.TERMS_CANNOT_MOVE, {
    T.AWAITING_LINK: frozenset({T.LINK_RECEIVED, T.SIGNED}),
    T.LINK_RECEIVED: frozenset({T.SIGNED}),
})
CHECKLIST_ITEM: Lifecycle[I] = Lifecycle("checklist item", Code.ITEM_CANNOT_MOVE, {
    I.OPEN: frozenset({I.DONE, I.WAIVED}),
    I.DONE: frozenset({I.OPEN}),
    I.WAIVED: frozenset({I.OPEN}),
})

# Named sets of agreement states.
OUT_FOR_SIGNING = frozenset({A.SENT, A.PARTIALLY_SIGNED})  # signers are being asked
SIGNABLE = OUT_FOR_SIGNING
IN_FORCE = frozenset({A.SIGNED, A.ACTIVE})  # signed by all: the agreement counts
IN_PLAY = frozenset({A.DRAFT, *OUT_FOR_SIGNING, *IN_FORCE})  # not ended: at most one per kilde


def values(states: frozenset[E]) -> list[str]:
    """The states as stored strings, sorted (for `IN (...)` queries)."""
    return sorted(s.value for s in states)


class _Agreement(Protocol):
    @property
    def id(self) -> int | None: ...

    @property
    def status(self) -> str: ...


AgreementLike = TypeVar("AgreementLike", bound=_Agreement)


class _Annex(_Agreement, Protocol):
    @property
    def kind(self) -> str: ...

    @property
    def annex_of_id(self) -> int | None: ...


AnnexLike = TypeVar("AnnexLike", bound=_Annex)
NEVER_IN_FORCE = frozenset({A.WITHDRAWN, A.DECLINED, A.LAPSED})


def governing(agreements: Iterable[AgreementLike]) -> AgreementLike | None:
    """Of one participation's agreements, the one that counts: the newest signed or active
    one, else the newest that is not superseded. A renewal that ended unsigned does not
    count over the agreement it was to renew (that one expired or was terminated)."""
    ordered = sorted(agreements, key=lambda a: a.id or 0, reverse=True)
    for a in ordered:
        if a.status in IN_FORCE:
            return a
    live = [a for a in ordered if a.status != A.SUPERSEDED and not (
        getattr(a, "supersedes_id", None) and a.status in NEVER_IN_FORCE)]
    return live[0] if live else None


def split(rows: Iterable[AnnexLike]) -> tuple[list[AnnexLike], list[AnnexLike]]:
    """One participation's rows as (agreements, annexes)."""
    rows = list(rows)
    return ([r for r in rows if r.kind != "annex"], [r for r in rows if r.kind == "annex"])


def annex_of(agreement: _Agreement | None, annexes: Iterable[AnnexLike]) -> AnnexLike | None:
    """The annex of document types that counts for `agreement`: the newest signed one, else
    the newest still in play; None when there is none (or the last one ended unsigned)."""
    found = governing(a for a in annexes
                      if agreement is not None and a.annex_of_id == agreement.id)
    return None if found is None or found.status in NEVER_IN_FORCE else found


def counting(rows: Iterable[AnnexLike]) -> tuple[AnnexLike | None, AnnexLike | None]:
    """Of one participation's rows, the agreement that counts and its annex that counts."""
    agreements, annexes = split(rows)
    agreement = governing(agreements)
    return agreement, annex_of(agreement, annexes)
