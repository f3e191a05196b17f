"""Whom a certificate names, and whether that is the signatory: names compared as Norwegian
e-IDs write them; the certificate a signatory used before is expected again; one certificate
never signs for two; a coordinator's reason accepts a deputy, never a reused certificate."""

from __future__ import annotations

import pytest

from agreements.contracts.identities import Known, Used, judge
from agreements.errorcodes import Code
from agreements.errors import InvalidInput
from agreements.signing.identity import CertIdentity, same_person

ISSUER = "Common Name: BankID - Bank A, Organization: Bank A"


def cert(name: str, serial: str = "UN:NO-9578-4050-1", issuer: str = ISSUER,
         sha: str = "a" * 64) -> CertIdentity:
    return CertIdentity(name, f"Common Name: {name}", serial, issuer, sha)


@pytest.mark.parametrize(("expected", "found"), [
    ("Kari Nordmann", "Nordmann, Kari"), ("Kari Nordmann", "Nordmann, Kari Anne"),
    ("Kari Anne Nordmann", "NORDMANN, KARI"), ("Ola Ordfører", "Ordforer, Ola"),
    ("Åse Ærlig-Øyen", "AERLIG-OYEN, ASE"), ("Kari Nordmann", "NORDMANN KARI"),
])
def test_the_same_person_however_the_certificate_writes_the_name(expected: str,
                                                                 found: str) -> None:
    """Case, diacritics, "Etternavn, Fornavn" and middle names do not make another person."""
    assert same_person(expected, found)


@pytest.mark.parametrize(("expected", "found"), [
    ("Kari Nordmann", "Mallorysen, Mallory"), ("Kari Nordmann", "Hansen, Kari"),
    ("Kari Nordmann", "Kari"), ("Ola Hansen", "Nordmann, Kari"),
])
def test_another_person_is_another_person(expected: str, found: str) -> None:
    """Another surname, another first name, or a name cut to one part is not the signatory."""
    assert not same_person(expected, found)


def test_the_certificate_used_before_is_expected_again() -> None:
    """Kari signed before with serialNumber …-1 at Bank A; a certificate at Bank B naming
    her is refused (naming both), unless a coordinator says why."""
    before = Used("Kari Nordmann", (ISSUER, "UN:NO-9578-4050-1"), "b" * 64, "Nordmann, Kari")
    who = Known("Kari Nordmann", remembered=before)
    assert judge(who, cert("Nordmann, Kari"), None) is None
    other = cert("Nordmann, Kari", "UN:NO-9578-4051-7", "Common Name: BankID - Bank B")
    with pytest.raises(InvalidInput) as refused:
        judge(who, other, None)
    assert refused.value.code is Code.SIGNATURE_OTHER_CERTIFICATE
    assert judge(who, other, "Ny BankID hos Bank B") == "Ny BankID hos Bank B"


def test_one_certificate_never_signs_for_two_whatever_the_reason() -> None:
    """Ola's certificate already made Ola's signature: Kim cannot sign with it, even with a
    coordinator's reason."""
    ola = Used("Ola Ordfører", (ISSUER, "UN:NO-1"), "c" * 64, "Ordfører, Ola")
    who = Known("Kim Leder", others=(ola,))
    for reason in (None, "Kim var bortreist"):
        with pytest.raises(InvalidInput) as refused:
            judge(who, cert("Ordfører, Ola", "UN:NO-1", sha="c" * 64), reason)
        assert refused.value.code is Code.SIGNATURE_CERTIFICATE_REUSED


def test_a_deputy_needs_a_coordinators_reason() -> None:
    """A certificate naming someone else is refused naming both, or accepted with a reason."""
    who = Known("Ola Ordfører")
    with pytest.raises(InvalidInput) as refused:
        judge(who, cert("Ordfører, Vara"), None)
    assert refused.value.params == {"found": "Ordfører, Vara", "expected": "Ola Ordfører"}
    assert judge(who, cert("Ordfører, Vara"), " Fullmakt ") == "Fullmakt"
