"""Every error code has its words in every front door, and the words use only the code's
parameters: a front door never falls back to the domain's English."""

from __future__ import annotations

import string
from collections.abc import Mapping

import pytest

from agreements.errorcodes import Code, ErrorCode, all_codes
from agreements.errors import InvalidInput, Refused
from cli import errortexts as cli_texts
from flows import errortexts as flow_texts
from portal import errortexts as portal_texts

CATALOGUES: dict[str, Mapping[ErrorCode, str]] = {
    "cli": cli_texts.TEXTS, "portal": portal_texts.TEXTS, "flows": flow_texts.TEXTS}


@pytest.mark.parametrize("door", sorted(CATALOGUES))
def test_every_code_has_a_text_in_every_front_door(door: str) -> None:
    """A code without words in a front door would reach its user as a KeyError."""
    missing = [code.name for code in all_codes() if code not in CATALOGUES[door]]
    assert missing == [], f"{door} has no text for {missing}"


@pytest.mark.parametrize("door", sorted(CATALOGUES))
def test_texts_use_only_their_codes_parameters(door: str) -> None:
    """A text naming a parameter its code does not have would fail when shown."""
    wrong = {code.name: field for code, text in CATALOGUES[door].items()
             for _, field, _, _ in string.Formatter().parse(text)
             if field is not None and field not in code.params}
    assert wrong == {}


def test_code_names_are_unique() -> None:
    """Two codes with one name could not be told apart by a front door."""
    names = [code.name for code in all_codes()]
    assert len(names) == len(set(names))


def test_an_error_takes_exactly_its_codes_parameters() -> None:
    """A raise that forgets or invents a parameter is a programmer error, caught at once."""
    with pytest.raises(TypeError, match="legacy takes the parameters"):
        Refused(Code.LEGACY)
    with pytest.raises(TypeError):
        Refused(Code.LEGACY, text="x", extra=1)


def test_front_doors_word_an_error_by_its_code_not_its_message() -> None:
    """Rewording the domain's rendering of an error changes nothing a front door says."""

    class Reworded(InvalidInput):
        def describe(self) -> str:
            return "something else entirely"

    plain, reworded = InvalidInput(Code.LEGACY, text="t"), Reworded(Code.LEGACY, text="t")
    assert str(reworded) != str(plain)
    assert cli_texts.english(reworded) == cli_texts.english(plain)
    assert flow_texts.bokmal(reworded) == flow_texts.bokmal(plain)
