"""Organisasjonsnummer: nine digits with a MOD11 check digit (checked by python-stdnum)."""

from __future__ import annotations

from stdnum import exceptions as stdnum_errors
from stdnum.no import orgnr as stdnum_orgnr

from agreements.errors import InvalidInput


def normalise(value: str) -> str:
    """Return the nine digits of `value` ("958 935 420" → "958935420") or raise InvalidInput."""
    compact = stdnum_orgnr.compact(value or "")
    try:
        return stdnum_orgnr.validate(compact)
    except stdnum_errors.InvalidChecksum:
        raise InvalidInput(
            f"organisasjonsnummer {value!r} is invalid: the check digit (last digit) does not "
            "match the MOD11 checksum of the first eight"
        ) from None
    except stdnum_errors.InvalidLength:
        raise InvalidInput(
            f"organisasjonsnummer {value!r} is invalid: it must have exactly 9 digits"
        ) from None
    except stdnum_errors.ValidationError:
        raise InvalidInput(
            f"organisasjonsnummer {value!r} is invalid: only digits and spaces are allowed"
        ) from None
