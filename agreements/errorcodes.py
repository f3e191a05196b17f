"""Every refusal the domain can give, by a stable name and the parameters its texts may use.

The domain raises `Refused(Code.AGREEMENT_NOT_SIGNABLE, agreement=7, status="draft")`; each
front door words a code in its own language from its own catalogue (`cli/errortexts.py` in
English, `portal/errortexts.py` and `flows/errortexts.py` in bokmål). A code's name does not
change once released; its parameters are exactly what the raise passes and what the texts may
use (`tests/test_error_texts.py` checks every catalogue against them).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ErrorCode:
    """One kind of refusal: its stable dotted name and the names of its parameters."""

    name: str
    params: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.name


def _c(name: str, *params: str) -> ErrorCode:
    return ErrorCode(name, params)


class Code:
    """The codes, grouped by concern. Add one here, then its text in every front door."""

    # An English sentence raised before every refusal had a code; being converted.
    LEGACY = _c("legacy", "text")

    # Who may run what (agreements.access.policy): `actor` is the kind (operator, system,
    # visitor, person), `action` the command's name.
    NOT_ALLOWED = _c("access.not_allowed", "action", "actor")
    OUT_OF_REACH = _c("access.out_of_reach", "action")
    ROLE_NOT_YOURS = _c("access.role_not_yours", "role")
    PAPER_SIGNATURE_BY_COORDINATOR = _c("access.paper_signature_by_coordinator")
    # An organisation's name or HER-id as given by hand or by a register.
    MARKUP_IN_NAME = _c("registry.markup_in_name", "name")
    # Onboarding a CSV needs its path or its text, not both.
    ONE_CSV_SOURCE = _c("onboarding.one_csv_source")
    # Registered, but its agreement or one of its messages did not get through.
    ONBOARDING_INCOMPLETE = _c("onboarding.incomplete", "orgnr", "outcome")


def all_codes() -> list[ErrorCode]:
    """Every code, in the order of `Code`."""
    return [value for value in vars(Code).values() if isinstance(value, ErrorCode)]
