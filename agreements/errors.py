"""The domain's exception tree.

    AvtaleflytError            anything the user can act on: a `code` and its `params`
    ├── InvalidInput           a value given by the user is malformed or unknown
    ├── NotFound               the thing named does not exist (yet)
    ├── Refused                a rule forbids the action now; the code says which
    │   ├── GateClosed         go-live refused, with every open gate named
    │   └── MissingSignatory   an agreement cannot be sent: a party has no signatory
    ├── IllegalTransition      a lifecycle does not allow this move from the current state
    ├── NotInitialised         the database has no schema: run `avtaleflyt init`
    └── ExternalServiceError   a register, NHN or the mail server failed (see `retryable`,
                               `unreachable`)

Each error carries a stable code (`agreements.errorcodes.Code`) and the parameters its texts
use; every front door words it in its own language by the code, never by the English of
`str(error)`, which is a developer's rendering. `Refused(Code.X, agreement=7)`.

An error raised with an English sentence instead of a code (`Refused("...")`) is the older
form, kept while the raises are converted: its code is `Code.LEGACY` and the sentence its
`text` parameter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from agreements.errorcodes import Code, ErrorCode


class AvtaleflytError(Exception):
    """Base of every error the user can act on."""

    def __init__(self, code: ErrorCode | str, /, **params: Any) -> None:
        if isinstance(code, str):
            code, params = Code.LEGACY, {"text": code}
        if set(params) != set(code.params):
            raise TypeError(f"{code.name} takes the parameters {sorted(code.params)}, "
                            f"not {sorted(params)}")
        self.code: ErrorCode = code
        self.params: Mapping[str, Any] = params
        super().__init__(self.describe())

    def describe(self) -> str:
        """The developer's rendering: the code and its parameters (a legacy sentence as is)."""
        if self.code is Code.LEGACY:
            return str(self.params["text"])
        shown = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{self.code.name}({shown})"

    def words(self, catalogue: Mapping[ErrorCode, str], show: Callable[[Any], str]) -> str:
        """This error in a front door's words: its catalogue's text for the code, filled with
        the parameters, each rendered by `show` (dates and lists as that front door writes
        them). A missing text is a KeyError: `tests/test_error_texts.py` prevents it."""
        template = catalogue[self.code]
        return template.format_map({k: show(v) for k, v in self.params.items()})


class InvalidInput(AvtaleflytError):
    pass


class NotFound(AvtaleflytError):
    pass


class Refused(AvtaleflytError):
    pass


class GateClosed(Refused):
    def __init__(self, subject: str, gates: list[str]) -> None:
        self.gates = gates
        super().__init__(f"{subject} cannot go live; open gates: " + "; ".join(gates))


class MissingSignatory(Refused):
    def __init__(self, message: ErrorCode | str, sides: list[str], **params: Any) -> None:
        self.sides = sides
        super().__init__(message, **params)


class IllegalTransition(AvtaleflytError):
    pass


class NotInitialised(AvtaleflytError):
    pass


class ExternalServiceError(AvtaleflytError):
    """A call to the outside world failed. `retryable` tells whether trying again may help;
    `unreachable` that the service itself did not answer, so the rest of its queue waits."""

    retryable: bool = False
    unreachable: bool = False

    def __init__(self, code: ErrorCode | str, /, *, retryable: bool = False,
                 unreachable: bool = False, **params: Any) -> None:
        super().__init__(code, **params)
        self.retryable = retryable or unreachable
        self.unreachable = unreachable
