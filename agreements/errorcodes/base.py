"""What an error code is: a stable dotted name, the names of its parameters, and the
domain's own rendering (`says`: plain English for logs, stored diagnostics and developers,
never a front door's words and never a command-line flag)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, eq=False)
class ErrorCode:
    """One kind of error: its stable name and the names of its parameters. A code is its
    name: two codes with one name are the same code, whatever they say."""

    name: str
    params: tuple[str, ...] = ()
    says: str = ""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ErrorCode) and other.name == self.name

    def __hash__(self) -> int:
        return hash(self.name)

    def __str__(self) -> str:
        return self.name


def code(name: str, *params: str, says: str = "") -> ErrorCode:
    return ErrorCode(name, params, says)
