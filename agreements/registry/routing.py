"""Routing: which collaboration area (and so which organiser) an organisation's role belongs to.

Pure functions of their inputs. A konsument belongs to no area: it only orders from NHN.
"""

from __future__ import annotations

from collections.abc import Mapping

from agreements import reference
from agreements.core.enums import Kind, Role
from agreements.errorcodes import Code
from agreements.errors import InvalidInput
from agreements.reference import KOMMUNE_AREA, AreaSpec

# How a participation's area was chosen (Participation.routed_by).
BY_KOMMUNE, BY_ADDRESS, BY_REGION, REROUTED = "kommune", "address", "region", "rerouted"


def route(
    role: Role,
    kind: Kind | None,
    *,
    kommunenummer: str | None,
    region: str | None,
    areas: Mapping[str, AreaSpec],
) -> str | None:
    """Return the key of the area for this participation, or None for a konsument."""
    if role is Role.KONSUMENT:
        return None
    if kind is Kind.KOMMUNE:
        return KOMMUNE_AREA
    if kind is Kind.AVTALESPESIALIST:
        if region:
            return _rhf_area(region, areas)
        return rhf_for_kommunenummer(kommunenummer, areas)
    if kind is None:
        raise InvalidInput(Code.KIND_REQUIRED)
    raise InvalidInput(Code.KIND_HAS_NO_AREA, kind=kind.value)


def basis(role: Role, kind: Kind | None, region: str | None) -> str | None:
    """How `route` chose the area: a kommune's is fixed, an avtalespesialist's comes from the
    region given or is derived from the address (a guess to be checked)."""
    if role is Role.KONSUMENT:
        return None
    if kind is Kind.KOMMUNE:
        return BY_KOMMUNE
    return BY_REGION if region else BY_ADDRESS


FIXED, PROPOSED, CONFIRMED = "fixed", "proposed", "confirmed"


def organiser_state(kind: str, area_id: int | None, confirmed: object) -> str | None:
    """Whether a participation's organiser is fixed (a kommune's), proposed (an
    avtalespesialist's, until its RHF confirms it: `registry.confirm`) or confirmed; None
    without an organiser (a konsument)."""
    if area_id is None:
        return None
    if kind != Kind.AVTALESPESIALIST:
        return FIXED
    return CONFIRMED if confirmed else PROPOSED


def rhf_areas(areas: Mapping[str, AreaSpec]) -> dict[str, AreaSpec]:
    return {k: a for k, a in areas.items() if a.member_kind is Kind.AVTALESPESIALIST}


def _rhf_area(region: str, areas: Mapping[str, AreaSpec]) -> str:
    key = region.strip().lower()
    rhf = rhf_areas(areas)
    if key not in rhf:
        raise InvalidInput(Code.REGION_UNKNOWN, value=region, choices=sorted(rhf))
    return key


def rhf_for_kommunenummer(kommunenummer: str | None, areas: Mapping[str, AreaSpec]) -> str:
    if not kommunenummer:
        raise InvalidInput(Code.REGION_NEEDED)
    if len(kommunenummer) != 4 or not kommunenummer.isdigit():
        raise InvalidInput(Code.KOMMUNENUMMER_INVALID, value=kommunenummer)
    current = reference.current_kommuner(kommunenummer)
    fylker = {k.fylkesnummer for k in current} or {kommunenummer[:2]}
    candidates = {_area_of_fylke(f, areas) for f in fylker}
    if None in candidates or len(candidates) != 1:
        raise InvalidInput(Code.KOMMUNENUMMER_NO_FYLKE, value=kommunenummer,
                           fylke=kommunenummer[:2])
    (area,) = candidates
    assert area is not None
    return area


def _area_of_fylke(fylke: str, areas: Mapping[str, AreaSpec]) -> str | None:
    for key, spec in rhf_areas(areas).items():
        if fylke in spec.fylker:
            return key
    return None
