"""Who a signing certificate names, and whether that is the person asked to sign.

Norwegian personal certificates (BankID, Buypass, Commfides) name the person in the common
name, BankID as "Etternavn, Fornavn Mellomnavn", and carry a `serialNumber` that identifies the
person at the issuer (`UN:NO-…`); some also have givenName and surname. A name matches when,
compared without case and diacritics (ø as o, æ as ae), the first given name and the surname
are the same and the shorter name's parts are all in the longer one (middle names may be left
out on either side). Pure functions of their inputs.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asn1crypto import x509 as asn1_x509

_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ð": "d", "þ": "th", "ł": "l",
                          "ß": "ss", "đ": "d"})


@dataclass(frozen=True)
class CertIdentity:
    """A signing certificate as far as identity goes."""

    name: str  # as the certificate writes it (common name, or given name and surname)
    subject: str  # the whole subject, for the record
    serial_number: str | None  # the subject's serialNumber: the person at the issuer
    issuer: str
    sha256: str  # of the certificate

    @property
    def key(self) -> tuple[str, str]:
        """What identifies the person across certificates: issuer and serialNumber (the
        certificate itself where it has no serialNumber)."""
        return (self.issuer, self.serial_number or f"sha256:{self.sha256}")


def identity_of(cert: asn1_x509.Certificate) -> CertIdentity:
    subject = cert.subject.native
    given, surname = subject.get("given_name"), subject.get("surname")
    name = f"{given} {surname}" if given and surname else subject.get("common_name") or ""
    return CertIdentity(
        name=_one(name), subject=cert.subject.human_friendly,
        serial_number=_one(subject.get("serial_number") or "") or None,
        issuer=cert.issuer.human_friendly, sha256=hashlib.sha256(cert.dump()).hexdigest())


def _one(value: object) -> str:
    """An attribute that may be given several times, as one string."""
    return " ".join(map(str, value)) if isinstance(value, list) else str(value)


def parts(name: str) -> list[str]:
    """The name's parts without case or diacritics, given names first ("Nordmann, Kari"
    becomes kari, nordmann)."""
    if name.count(",") == 1:
        surname, given = name.split(",")
        name = f"{given} {surname}"
    plain = unicodedata.normalize("NFKD", name.casefold().translate(_LETTERS))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return [p for p in re.split(r"[^\w]+", plain) if p]


def _same(a: list[str], b: list[str]) -> bool:
    return bool(a and b) and a[0] == b[0] and a[-1] == b[-1] and (
        set(a) <= set(b) or set(b) <= set(a))


def same_person(expected: str, found: str) -> bool:
    """Whether the name in a certificate (`found`) names the person `expected`; the
    certificate's parts are also tried the other way round ("NORDMANN KARI")."""
    want, have = parts(expected), parts(found)
    return _same(want, have) or _same(want, have[::-1])
