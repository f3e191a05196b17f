"""Checking what people type and upload, with bokmål messages, before any command runs.

An upload is read into memory up to the limit (the body cap in `guards` stops anything far
larger), refused when empty, and its type is told from its content: PDF, PNG and JPEG by their
magic bytes, DOCX and XLSX by the main part named in the zip's `[Content_Types].xml`. Anything
else — a renamed executable, say — is refused. The name given is kept as text only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from fastapi import UploadFile

from agreements.commands.organisations import HER_ID_MAX
from agreements.core.addresses import has_credentials
from agreements.documents import kinds
from agreements.errors import AvtaleflytError, InvalidInput
from agreements.registry.contacts import check_email
from portal.errortexts import bokmal

KINDS = {"pdf": "PDF", "docx": "Word (DOCX)", "xlsx": "Excel (XLSX)", "png": "PNG",
         "jpeg": "JPEG"}
EVIDENCE = frozenset(KINDS)
SIGNED_COPY = frozenset({"pdf"})


class FormError(Exception):
    """A field is missing or malformed: `field` names it, the message is bokmål."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def text(value: str | None, field: str, label: str, *, required: bool = True,
         max_length: int = 200) -> str | None:
    cleaned = " ".join((value or "").split())
    if not cleaned:
        if required:
            raise FormError(field, f"Fyll inn {label}.")
        return None
    if len(cleaned) > max_length:
        raise FormError(field, f"{label.capitalize()} kan være høyst {max_length} tegn.")
    return cleaned


def email(value: str | None, field: str = "email") -> str:
    try:
        return check_email(value or "")
    except InvalidInput:
        raise FormError(field, "Skriv en gyldig e-postadresse, for eksempel "
                               "navn@kommune.no.") from None


def her_id(value: str | None, field: str = "her_id") -> str | None:
    """A HER-id as NHN's address register has it: a whole number, at most 10 digits."""
    cleaned = (value or "").strip()
    if not cleaned:
        return None
    if not (cleaned.isascii() and cleaned.isdigit() and len(cleaned) <= 10
            and 0 < int(cleaned) <= HER_ID_MAX):
        raise FormError(field, "HER-id er et tall på høyst 10 sifre, slik det står i "
                               "adresseregisteret (bare sifrene 0–9).")
    return cleaned


def day(value: str | None, field: str, label: str) -> date | None:
    """A date from a date field (YYYY-MM-DD, what browsers send), or none when left empty."""
    cleaned = (value or "").strip()
    if not cleaned:
        return None
    try:
        found = date.fromisoformat(cleaned)
    except ValueError:
        raise FormError(field, f"Skriv {label} som en dato, for eksempel 2027-03-15.") from None
    if not 1900 <= found.year <= 2199:
        raise FormError(field, f"Skriv {label} som en dato mellom år 1900 og 2199.")
    return found


def link(value: str | None, field: str = "url") -> str | None:
    cleaned = (value or "").strip()
    if not cleaned:
        return None
    parts = urlsplit(cleaned)
    if parts.scheme not in ("http", "https") or not parts.hostname or len(cleaned) > 1000:
        raise FormError(field, "Lenken må begynne med https:// (eller http://) og ha en "
                               "adresse.")
    if has_credentials(cleaned):
        raise FormError(field, "Lenken inneholder brukernavn eller passord. Oppgi lenken uten "
                               "dem.")
    return cleaned


def choice(value: str | None, field: str, options: dict[str, str]) -> str:
    if value not in options:
        raise FormError(field, "Velg et av alternativene.")
    return value


def kind_of(data: bytes, name: str = "fil") -> str | None:
    """The file's type from its content, or None when it is none of the accepted ones (a ZIP
    over the limits of `core.bounded` is refused before it is opened: InvalidInput)."""
    return kinds.kind_of(data, name)


TEXT: frozenset[str | None] = frozenset({None})  # a text file (a CSV): none of the kinds


@dataclass(frozen=True)
class Received:
    filename: str
    data: bytes
    kind: str | None  # None: a text file


def read_upload(upload: UploadFile | None, field: str, limit: int,
                      allowed: frozenset[str | None] | frozenset[str], *,
                      required: bool = True) -> Received | None:
    """The uploaded file, checked: not empty, not over `limit`, of an allowed type."""
    if upload is None or not upload.filename:
        if required:
            raise FormError(field, "Velg en fil.")
        return None
    data = upload.file.read(limit + 1)
    if not data:
        raise FormError(field, "Filen er tom.")
    if len(data) > limit:
        raise FormError(field, f"Filen er for stor. Største tillatte størrelse er "
                               f"{limit // (1024 * 1024)} MB.")
    name = re.sub(r"[\x00-\x1f]", "", upload.filename)[:255]
    try:
        kind = kind_of(data, name)
    except AvtaleflytError as exc:
        raise FormError(field, bokmal(exc)) from None
    if kind not in allowed:
        if allowed == TEXT:
            raise FormError(field, "Velg en CSV-fil (tekst), ikke en PDF-, Word-, Excel- eller "
                                   "bildefil.")
        names = ", ".join(KINDS[k] for k in sorted(k for k in allowed if k))
        raise FormError(field, f"Filtypen er ikke tillatt (sjekket ut fra innholdet, ikke "
                               f"navnet). Tillatt: {names}.")
    return Received(name, data, kind)
