"""Lifecycles as data: each table lists the allowed moves; `advance()` applies one.

An illegal move raises IllegalTransition naming the thing, where it stands and what was asked.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from agreements.enums import (
    AgreementStatus as A,
)
from agreements.enums import (
    ItemStatus as I,
)
from agreements.enums import (
    OrderStatus as O,
)
from agreements.enums import (
    SignatureStatus as S,
)
from agreements.enums import (
    TermsStatus as T,
)
from agreements.errors import IllegalTransition

AGREEMENT: dict[StrEnum, set[StrEnum]] = {
    A.DRAFT: {A.SENT, A.WITHDRAWN},
    A.SENT: {A.PARTIALLY_SIGNED, A.SIGNED, A.DECLINED, A.WITHDRAWN, A.LAPSED},
    A.PARTIALLY_SIGNED: {A.SIGNED, A.DECLINED, A.WITHDRAWN, A.LAPSED},
    A.SIGNED: {A.ACTIVE, A.TERMINATED},
    A.ACTIVE: {A.EXPIRED, A.TERMINATED, A.SUPERSEDED},
}
SIGNATURE: dict[StrEnum, set[StrEnum]] = {S.PENDING: {S.SIGNED, S.DECLINED, S.LAPSED}}
ORDER: dict[StrEnum, set[StrEnum]] = {
    O.PREPARED: {O.SUBMITTED},
    O.SUBMITTED: {O.CONFIRMED, O.REJECTED},
    O.REJECTED: {O.PREPARED},
}
TERMS: dict[StrEnum, set[StrEnum]] = {
    T.AWAITING_LINK: {T.LINK_RECEIVED, T.SIGNED},
    T.LINK_RECEIVED: {T.SIGNED},
}
CHECKLIST_ITEM: dict[StrEnum, set[StrEnum]] = {
    I.OPEN: {I.DONE, I.WAIVED},
    I.DONE: {I.OPEN},
    I.WAIVED: {I.OPEN},
}

E = TypeVar("E", bound=StrEnum)


def can(table: dict[StrEnum, set[StrEnum]], current: str, target: StrEnum) -> bool:
    return any(target in moves for state, moves in table.items() if state == current)


def advance(
    table: dict[StrEnum, set[StrEnum]], thing: object, target: E, *, what: str,
    attr: str = "status",
) -> E:
    current = getattr(thing, attr)
    if not can(table, current, target):
        raise IllegalTransition(f"{what} is {current}; it cannot become {target.value}")
    setattr(thing, attr, target.value)
    return target
