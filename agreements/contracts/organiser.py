"""No agreement goes out with an organiser nobody confirmed: an avtalespesialist's RHF,
derived from its address, confirms it is the organiser first (`registry.confirm`)."""

from __future__ import annotations

from agreements.contracts.parties import Parties
from agreements.core.enums import Kind
from agreements.errorcodes import Code
from agreements.errors import Refused


def require_confirmed(p: Parties) -> None:
    """Refused while an avtalespesialist's organiser is only proposed."""
    if p.org.kind == Kind.AVTALESPESIALIST and p.participation.organiser_confirmed_at is None:
        raise Refused(Code.ORGANISER_NOT_CONFIRMED, organisation=p.org.navn,
                      organiser=p.organiser.navn)
