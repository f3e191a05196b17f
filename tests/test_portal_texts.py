"""The bokmål a portal page shows for a refusal: the real messages of the commands and the
database, matched to a sentence that says what to do (not "try again" where that cannot help)."""

from __future__ import annotations

import pytest

from agreements.commands import CompleteItem, build
from agreements.errors import AvtaleflytError, InvalidInput, Refused
from portal.texts import GENERAL, bokmal

ITEM = {"orgnr": "958935420", "item": "forhandsvurdering_dokumenttyper",
        "evidence_url": "https://oslo.example/pjd"}


def refusal(**values: object) -> AvtaleflytError:
    with pytest.raises(AvtaleflytError) as caught:
        build(CompleteItem, **ITEM, **values)
    return caught.value


@pytest.mark.parametrize(("error", "said"), [
    (lambda: refusal(document_types=["x" * 301]), "En dokumenttype kan ha høyst 300 tegn."),
    (lambda: refusal(document_types=[f"type {i}" for i in range(51)]),
     "Skriv høyst 50 dokumenttyper."),
    (lambda: InvalidInput("organisation.navn would be 301 characters long; the limit is 300"),
     "Teksten er for lang."),
    (lambda: Refused("Ola Nordmann is asked to sign agreement #4: withdraw it first"),
     "Personen er bedt om å signere avtalen som er ute nå. Organisatoren må trekke avtalen "
     "tilbake før personen kan fjernes."),
])
def test_a_refusal_is_told_in_bokmal(error: object, said: str) -> None:
    assert callable(error)
    assert bokmal(error()) == said


def test_an_unknown_refusal_gets_the_general_sentence() -> None:
    assert bokmal(InvalidInput("something nobody foresaw")) == GENERAL
