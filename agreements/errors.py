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
use: `Refused(Code.AGREEMENT_NOT_SIGNABLE, agreement=7, status="sent")`. Every front door
words it in its own language by the code (`words`), never by the English of `str(error)`:
that is the domain's own rendering (the code's `says`), for logs, stored diagnostics (an
outbox row's last error) and developers, and it names no command-line flag.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from agreements.errorcodes import ErrorCode


class AvtaleflytError(Exception):
    """Base of every error the user can act on."""

    def __init__(self, code: ErrorCode, /, **params: Any) -> None:
        if set(params) != set(code.params):
            raise TypeError(f"{code.name} takes the parameters {sorted(code.params)}, "
                            f"not {sorted(params)}")
        self.code: ErrorCode = code
        self.params: Mapping[str, Any] = params
        super().__init__(self.describe())

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with its code and parameters as they are (a flow run's state keeps it)."""
        return (_revived, (type(self), self.args), self.__dict__)

    def describe(self) -> str:
        """The domain's rendering: the code's `says` filled with the parameters (the code and
        its parameters when it says nothing)."""
        if self.code.says:
            return self.code.says.format_map({k: _plain(v) for k, v in self.params.items()})
        shown = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{self.code.name}({shown})"

    def words(self, catalogue: Mapping[ErrorCode, str],
              show: Callable[[str, Any], str]) -> str:
        """This error in a front door's words: its catalogue's text for the code, filled with
        the parameters, each rendered by `show(name, value)` (dates, lists and field names as
        that front door writes them). A missing text is a KeyError:
        `tests/test_error_texts.py` prevents it."""
        template = catalogue[self.code]
        return template.format_map({k: show(k, v) for k, v in self.params.items()})


def _revived(kind: type[AvtaleflytError], args: tuple[Any, ...]) -> AvtaleflytError:
    error = kind.__new__(kind)
    Exception.__init__(error, *args)
    return error


def _plain(value: Any) -> Any:
    """A parameter in the domain's rendering: a list of names joined by commas, of phrases
    (gates, differences) by semicolons; the rest as is."""
    if isinstance(value, list | set | frozenset) or type(value) is tuple:
        return joined([str(v) for v in value], value)
    return value


def joined(shown: list[str], value: Any) -> str:
    """Shown items of a list parameter: names by commas, phrases (typed items) by semicolons."""
    plain = all(isinstance(v, str | int) for v in value)
    return (", " if plain else "; ").join(shown)


class InvalidInput(AvtaleflytError):
    pass


class NotFound(AvtaleflytError):
    pass


class Refused(AvtaleflytError):
    pass


class GateClosed(Refused):
    """Go-live refused; `gates` names every gate still open (also a parameter)."""

    def __init__(self, code: ErrorCode, /, **params: Any) -> None:
        super().__init__(code, **params)
        self.gates: list[Any] = list(params.get("gates", []))


class MissingSignatory(Refused):
    """An agreement cannot be sent: `sides` have no signatory (also a parameter)."""

    def __init__(self, code: ErrorCode, /, **params: Any) -> None:
        super().__init__(code, **params)
        self.sides: list[str] = list(params.get("sides", []))


class IllegalTransition(AvtaleflytError):
    pass


class NotInitialised(AvtaleflytError):
    pass


class Tampered(AvtaleflytError):
    """The audit log, its anchors or the tables are not what the sealed events say."""


class ExternalServiceError(AvtaleflytError):
    """A call to the outside world failed. `retryable` tells whether trying again may help;
    `unreachable` that the service itself did not answer, so the rest of its queue waits."""

    retryable: bool = False
    unreachable: bool = False

    def __init__(self, code: ErrorCode, /, *, retryable: bool = False,
                 unreachable: bool = False, **params: Any) -> None:
        super().__init__(code, **params)
        self.retryable = retryable or unreachable
        self.unreachable = unreachable
