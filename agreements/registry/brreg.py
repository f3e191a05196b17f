"""Enhetsregisteret (Brønnøysundregistrene's open API).

`GET {base}/enheter/{orgnr}`: 200 with the entity, 404 not found, 410 removed from the register.
An answer is parsed into a typed model and must describe the organisation asked about;
anything else is "Enhetsregisteret answered something unexpected", never a traceback and
never a wrong name registered.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from agreements.core.text import has_control, has_markup
from agreements.errorcodes import Code
from agreements.errors import ExternalServiceError


class BrregError(ExternalServiceError):
    """Enhetsregisteret could not give a usable entity."""


@dataclass(frozen=True)
class Enhet:
    orgnr: str
    navn: str
    organisasjonsform: str | None
    kommunenummer: str | None
    konkurs: bool
    under_avvikling: bool

    @property
    def is_kommune(self) -> bool:
        return self.organisasjonsform == "KOMM"


class _Kode(BaseModel):
    kode: str | None = Field(None, max_length=40)


class _Adresse(BaseModel):
    kommunenummer: str | None = Field(None, pattern=r"^[0-9]{4}$")


class _Body(BaseModel):
    """The fields of an entity that avtaleflyt uses; the rest is ignored."""

    model_config = ConfigDict(extra="ignore")

    organisasjonsnummer: str = Field(pattern=r"^[0-9]{9}$")
    navn: str = Field(min_length=1, max_length=300)
    organisasjonsform: _Kode | None = None
    forretningsadresse: _Adresse | None = None
    postadresse: _Adresse | None = None
    konkurs: bool = False
    underAvvikling: bool = False
    underTvangsavviklingEllerTvangsopplosning: bool = False

    @field_validator("navn")
    @classmethod
    def _printable(cls, value: str) -> str:
        if has_control(value):
            raise ValueError("contains a control character")
        if has_markup(value):
            raise ValueError("contains < or >")
        return value.strip()


def fetch_enhet(client: httpx.Client, base_url: str, orgnr: str) -> Enhet:
    url = f"{base_url.rstrip('/')}/enheter/{orgnr}"
    try:
        response = client.get(url, headers={"Accept": "application/json"})
    except httpx.TimeoutException:
        raise BrregError(Code.BRREG_TIMEOUT, orgnr=orgnr, retryable=True) from None
    except httpx.TransportError as exc:
        raise BrregError(Code.BRREG_UNREACHABLE, reason=str(exc), retryable=True) from None
    if response.status_code == 404:
        raise BrregError(Code.BRREG_NOT_FOUND, orgnr=orgnr)
    if response.status_code == 410:
        raise BrregError(Code.BRREG_REMOVED, orgnr=orgnr)
    if response.status_code >= 500:
        raise BrregError(Code.BRREG_FAILED, status=response.status_code, retryable=True)
    if response.status_code != 200:
        raise BrregError(Code.BRREG_REFUSED, status=response.status_code, orgnr=orgnr)
    return parse(response.content, orgnr)


def parse(raw: bytes, orgnr: str) -> Enhet:
    """The entity in an answer about `orgnr`; BrregError when it is anything else."""
    try:
        body = _Body.model_validate_json(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"]) or "the body"
        why = "it is not JSON" if error["type"] == "json_invalid" else f"{where}: {error['msg']}"
        raise BrregError(Code.BRREG_UNEXPECTED, orgnr=orgnr, detail=why) from None
    if body.organisasjonsnummer != orgnr:
        raise BrregError(Code.BRREG_OTHER_ORGANISATION, orgnr=orgnr,
                         other=body.organisasjonsnummer)
    address = body.forretningsadresse or body.postadresse
    return Enhet(
        orgnr=body.organisasjonsnummer, navn=body.navn,
        organisasjonsform=body.organisasjonsform.kode if body.organisasjonsform else None,
        kommunenummer=address.kommunenummer if address else None,
        konkurs=body.konkurs,
        under_avvikling=body.underAvvikling or body.underTvangsavviklingEllerTvangsopplosning,
    )
