"""The domain's exception tree.

    AvtaleflytError            anything the user can act on; the CLI prints it as one line
    ├── InvalidInput           a value given by the user is malformed or unknown
    ├── NotFound               the thing named does not exist (yet)
    ├── Refused                a rule forbids the action now; the message says which
    │   ├── GateClosed         go-live refused, with every open gate named
    │   └── MissingSignatory   an agreement cannot be sent: a party has no signatory
    ├── IllegalTransition      a lifecycle does not allow this move from the current state
    ├── NotInitialised         the database has no schema: run `avtaleflyt init`
    └── ExternalServiceError   a register, NHN or the mail server failed (see `retryable`,
                               `unreachable`)
"""

from __future__ import annotations


class AvtaleflytError(Exception):
    """Base of every error the user can act on."""


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
    def __init__(self, message: str, sides: list[str]) -> None:
        self.sides = sides
        super().__init__(message)


class IllegalTransition(AvtaleflytError):
    pass


class NotInitialised(AvtaleflytError):
    pass


class ExternalServiceError(AvtaleflytError):
    """A call to the outside world failed. `retryable` tells whether trying again may help;
    `unreachable` that the service itself did not answer, so the rest of its queue waits."""

    retryable: bool = False
    unreachable: bool = False

    def __init__(self, message: str, *, retryable: bool = False,
                 unreachable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable or unreachable
        self.unreachable = unreachable
