"""Pure rules: organisasjonsnummer, routing, reference data."""

from __future__ import annotations

import re

import pytest

from agreements import reference
from agreements.core.enums import Kind, Role
from agreements.errors import InvalidInput
from agreements.registry.orgnr import normalise
from agreements.registry.routing import route
from cli.errortexts import english


def test_normalises_spaces_in_orgnr() -> None:
    """A number written with spaces is stored as nine digits."""
    assert normalise("958 935 420") == "958935420"


def test_rejects_wrong_check_digit_naming_it() -> None:
    """958935421 fails, and the message says it is the check digit."""
    with pytest.raises(InvalidInput, match="check digit"):
        normalise("958935421")


@pytest.mark.parametrize("value", ["12345678", "1234567890", "95893542A", ""])
def test_rejects_malformed_orgnr(value: str) -> None:
    """Wrong length or non-digits are refused."""
    with pytest.raises(InvalidInput):
        normalise(value)


def test_reference_has_all_kommuner_with_valid_orgnr() -> None:
    """357 kommuner, unique numbers, every orgnr passes the MOD11 check."""
    kommuner = reference.kommuner()
    assert len(kommuner) == 357
    assert len({k.kommunenummer for k in kommuner.values()}) == 357
    for orgnr in kommuner:
        assert normalise(orgnr) == orgnr


def areas() -> dict[str, reference.AreaSpec]:
    return reference.areas()


def test_kommune_kilde_goes_to_ks() -> None:
    """A kommune as kilde belongs to the kommune area organised by KS."""
    key = route(Role.KILDE, Kind.KOMMUNE, kommunenummer="0301", region=None, areas=areas())
    assert key == "kommuner"
    assert areas()[key].organiser == "ks"


@pytest.mark.parametrize(("knr", "rhf"), [
    ("5501", "helse-nord"),  # Tromsø
    ("4601", "helse-vest"),  # Bergen
    ("5001", "helse-midt-norge"),  # Trondheim
    ("0301", "helse-sor-ost"),  # Oslo
    ("2111", "helse-nord"),  # Svalbard
    ("5401", "helse-nord"),  # pre-2024 Tromsø (Troms og Finnmark)
    ("3005", "helse-sor-ost"),  # pre-2024 Drammen (Viken)
])
def test_avtalespesialist_routed_by_fylke(knr: str, rhf: str) -> None:
    """Without --region, the fylke of the address picks the RHF, old reform numbers included."""
    assert route(Role.KILDE, Kind.AVTALESPESIALIST, kommunenummer=knr, region=None,
                 areas=areas()) == rhf


def test_explicit_region_wins_over_address() -> None:
    """The RHF holding the driftsavtale, when given, overrides the guess from the address."""
    assert route(Role.KILDE, Kind.AVTALESPESIALIST, kommunenummer="0301", region="Helse-Nord",
                 areas=areas()) == "helse-nord"


def test_pre_2020_kommunenummer_refused_naming_it() -> None:
    """A number from a fylke that no longer exists is refused with the number in the message."""
    with pytest.raises(InvalidInput, match="1902"):
        route(Role.KILDE, Kind.AVTALESPESIALIST, kommunenummer="1902", region=None, areas=areas())


def test_unknown_region_lists_the_choices() -> None:
    """An unknown region names the valid ones."""
    with pytest.raises(InvalidInput, match="helse-nord"):
        route(Role.KILDE, Kind.AVTALESPESIALIST, kommunenummer=None, region="helse-øst",
              areas=areas())


def test_konsument_has_no_area() -> None:
    """A konsument only deals with NHN."""
    assert route(Role.KONSUMENT, Kind.PRIVAT, kommunenummer=None, region=None,
                 areas=areas()) is None


@pytest.mark.parametrize("kind", [Kind.HELSEFORETAK, Kind.PRIVAT, None])
def test_kilde_of_other_kinds_says_what_to_specify(kind: Kind | None) -> None:
    """A kilde that is neither kommune nor avtalespesialist gets an error naming --kind/--role."""
    with pytest.raises(InvalidInput) as refused:
        route(Role.KILDE, kind, kommunenummer="0301", region=None, areas=areas())
    assert re.search(r"--kind|--role", english(refused.value))
