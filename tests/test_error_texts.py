"""Every error code has its words in every front door, and the words use only the code's
parameters: a front door never falls back to the domain's English, and rewording the domain's
English changes nothing a person reads."""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import pytest

from agreements.commands import CompleteItem, build
from agreements.documents.uploads import too_large
from agreements.errorcodes import Code, ErrorCode, all_codes
from agreements.errors import AvtaleflytError, InvalidInput, Refused
from cli import errortexts as cli_texts
from flows import errortexts as flow_texts
from portal import errortexts as portal_texts
from tests.conftest import ROOT

CATALOGUES: dict[str, Mapping[ErrorCode, str]] = {
    "cli": cli_texts.TEXTS, "portal": portal_texts.TEXTS, "flows": flow_texts.TEXTS}
DOORS = {"cli": cli_texts.english, "portal": portal_texts.bokmal, "flows": flow_texts.bokmal}
FLAG = re.compile(r"(?<![\w-])--[a-z]|`avtaleflyt ")


def fields(text: str) -> set[str]:
    return {f.split("!")[0] for _, f, _, _ in string.Formatter().parse(text) if f is not None}


def sample(code: ErrorCode) -> dict[str, Any]:
    """A value for every parameter, each recognisable in a text."""
    return {name: f"<{name}>" for name in code.params}


def test_code_names_are_unique() -> None:
    """Two codes with one name could not be told apart by a front door."""
    names = [code.name for code in all_codes()]
    assert sorted(n for n in names if names.count(n) > 1) == []


@pytest.mark.parametrize("door", sorted(CATALOGUES))
def test_every_code_has_a_text_in_every_front_door(door: str) -> None:
    """A code without words in a front door would reach its user as a KeyError."""
    missing = [code.name for code in all_codes() if code not in CATALOGUES[door]]
    assert missing == [], f"{door} has no text for {missing}"


@pytest.mark.parametrize("door", sorted(CATALOGUES))
def test_texts_use_only_their_codes_parameters(door: str) -> None:
    """A text naming a parameter its code does not have would fail when shown."""
    wrong = {code.name: sorted(fields(text) - set(code.params))
             for code, text in CATALOGUES[door].items() if fields(text) - set(code.params)}
    assert wrong == {}


def test_domain_messages_use_only_their_codes_parameters() -> None:
    """The domain's own rendering (`says`) fills in only what the raise passes."""
    wrong = {c.name: sorted(fields(c.says) - set(c.params)) for c in all_codes()
             if fields(c.says) - set(c.params)}
    assert wrong == {}


def test_no_text_but_the_command_lines_names_a_flag() -> None:
    """Flags (`--reason`, `avtaleflyt outbox list`) mean nothing in the portal, the Prefect
    UI or a stored diagnostic: only the CLI's own texts name them."""
    found = [f"{where}: {code.name}" for where, texts in (
        ("portal", portal_texts.TEXTS), ("flows", flow_texts.TEXTS),
        ("domain", {c: c.says for c in all_codes()})) for code, text in texts.items()
        if FLAG.search(text)]
    assert found == []


@pytest.mark.parametrize("code", all_codes(), ids=lambda c: c.name)
def test_rewording_a_domain_message_changes_no_front_doors_words(code: ErrorCode) -> None:
    """Every code: its error worded by the CLI, the portal and the Prefect UI is the same
    whatever the domain's own message says, and is whole (every parameter filled in)."""
    plain = AvtaleflytError(code, **sample(code))
    reworded = AvtaleflytError(replace(code, says="Something else entirely."), **sample(code))
    assert str(reworded) != str(plain) or not code.says
    for door, words in DOORS.items():
        said = words(plain)
        assert words(reworded) == said, door
        assert "{" not in said and "}" not in said.replace("{}", ""), (door, said)


def test_an_error_takes_exactly_its_codes_parameters() -> None:
    """A raise that forgets or invents a parameter is a programmer error, caught at once."""
    with pytest.raises(TypeError, match=r"agreement\.not_found takes the parameters"):
        Refused(Code.AGREEMENT_NOT_FOUND)
    with pytest.raises(TypeError):
        Refused(Code.AGREEMENT_NOT_FOUND, agreement=1, extra=1)


def test_every_raise_in_the_code_carries_a_code_not_a_sentence() -> None:
    """No error of the domain is made from an English sentence, anywhere: the first argument
    is a code (`Code.X`, or a variable holding one), never a string."""
    errors = {n for n in dir(__import__("agreements.errors", fromlist=["x"])) if n[0].isupper()}
    errors |= {"RateLimited", "InvalidLink", "BrregError", "NhnError", "MailError",
               "MessageError", "SigningError", "PostenError", "Conflict", "TooEarly",
               "PdfConversionError", "FollowUpIncomplete", "PollIncomplete",
               "PrefectUnreachable", "FieldProblem"}
    found = []
    for folder in ("agreements", "cli", "flows", "portal"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (isinstance(node, ast.Call) and node.args
                        and getattr(node.func, "id", getattr(node.func, "attr", None)) in errors
                        and isinstance(node.args[0], ast.Constant | ast.JoinedStr | ast.BinOp)):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def refusal(**values: object) -> AvtaleflytError:
    with pytest.raises(AvtaleflytError) as caught:
        build(CompleteItem, orgnr="958935420", item="forhandsvurdering_dokumenttyper",
              evidence_url="https://oslo.example/pjd", **values)
    return caught.value


@pytest.mark.parametrize(("error", "said"), [
    (lambda: refusal(document_types=["x" * 301]), "En dokumenttype kan ha høyst 300 tegn."),
    (lambda: refusal(document_types=[f"type {i}" for i in range(51)]),
     "Skriv høyst 50 dokumenttyper."),
    (lambda: InvalidInput(Code.COLUMN_TOO_LONG, column="organisation.navn", length=301,
                          limit=300), "Teksten er for lang: høyst 300 tegn."),
    (lambda: Refused(Code.CONTACT_ASKED_TO_SIGN, name="Ola Nordmann", agreement=4),
     "Ola Nordmann er bedt om å signere avtalen som er ute nå. Organisatoren må trekke "
     "avtalen tilbake før personen kan fjernes."),
])
def test_the_portal_tells_a_refusal_in_bokmal(error: Any, said: str) -> None:
    """The portal's sentence for a refusal, from its code and parameters."""
    assert portal_texts.bokmal(error()) == said


def test_configured_values_are_parameters_not_fixed_text() -> None:
    """The upload limit and a sign-in link's lifetime are said as configured."""
    assert "er 2 MB" in portal_texts.bokmal(too_large("fil", "x.pdf", 3 * 2**20, 2 * 2**20))
    expired = Refused(Code.LINK_EXPIRED, minutes=45)
    assert "45 minutter" in portal_texts.bokmal(expired)
    assert "45 minutter" in flow_texts.bokmal(expired)


def test_the_command_line_keeps_its_hints_the_others_name_the_run_form() -> None:
    """The same refusal: the CLI names its flag, the Prefect UI the run form's field."""
    error = InvalidInput(Code.WAIVE_NEEDS_REASON)
    assert cli_texts.english(error) == "waiving needs a reason: give --reason"
    assert "«Begrunnelse»" in flow_texts.bokmal(error)
    assert "--" not in portal_texts.bokmal(error) + str(error)


def test_every_code_is_raised_somewhere() -> None:
    """A code nothing raises is a text nobody reads: each is used outside the catalogues."""
    used: set[str] = set()
    for folder in ("agreements", "cli", "flows", "portal"):
        for path in (ROOT / folder).rglob("*.py"):
            if "errorcodes" in path.parts or "errortexts" in path.parts:
                continue
            used |= set(re.findall(r"Code\.([A-Z_0-9]+)", path.read_text(encoding="utf-8")))
    unused = [name for name in dir(Code) if name.isupper() and name not in used]
    assert unused == []
