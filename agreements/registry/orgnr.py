"""Organisasjonsnummer: nine digits with a MOD11 check digit (checked by python-stdnum)."""

from __future__ import annotations

from stdnum import exceptions as stdnum_errors
from stdnum.no import orgnr as stdnum_orgnr

from agreements.errorcodes import Code
from agreements.errors import InvalidInput

SPACES = {"\xa0": " ", "\u202f": " ", "\u2009": " "}  # as Excel and Word write them


def normalise(value: str) -> str:
    """Return the nine digits of `value` ("958 935 420" → "958935420") or raise InvalidInput.

    Only the ASCII digits 0-9 count: full-width or Arabic-Indic digits look like a number to
    Python's isdigit() but are not one anybody registered.
    """
    value = "".join(SPACES.get(c, c) for c in (value or ""))
    if not value.strip():
        raise InvalidInput(Code.ORGNR_EMPTY)
    if any(not (c == " " or "0" <= c <= "9") for c in value):
        shown = value if len(value) <= 40 else value[:37] + "..."
        raise InvalidInput(Code.ORGNR_NOT_DIGITS, value=shown)
    compact = stdnum_orgnr.compact(value)
    try:
        return stdnum_orgnr.validate(compact)
    except stdnum_errors.InvalidChecksum:
        raise InvalidInput(Code.ORGNR_CHECKSUM, value=value) from None
    except stdnum_errors.InvalidLength:
        raise InvalidInput(Code.ORGNR_LENGTH, value=value) from None
    except stdnum_errors.ValidationError:
        raise InvalidInput(Code.ORGNR_MALFORMED, value=value) from None
