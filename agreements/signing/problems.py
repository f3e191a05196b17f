"""A broken rule of a signed document: its error code and parameters (the front doors word it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agreements.errorcodes import ErrorCode
from agreements.errors import InvalidInput


@dataclass(frozen=True)
class Problem:
    """One broken rule: an error code and its parameters."""

    code: ErrorCode
    params: tuple[tuple[str, Any], ...] = ()

    def error(self) -> InvalidInput:
        return InvalidInput(self.code, **dict(self.params))


def problem(code: ErrorCode, **params: Any) -> Problem:
    return Problem(code, tuple(params.items()))
