"""Enhetsregisteret (Brønnøysundregistrene's open API).

`GET {base}/enheter/{orgnr}`: 200 with the entity, 404 not found, 410 removed from the register.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

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


def fetch_enhet(client: httpx.Client, base_url: str, orgnr: str) -> Enhet:
    url = f"{base_url.rstrip('/')}/enheter/{orgnr}"
    try:
        response = client.get(url, headers={"Accept": "application/json"})
    except httpx.TimeoutException:
        raise BrregError(
            f"Enhetsregisteret did not answer in time for {orgnr}", retryable=True
        ) from None
    except httpx.TransportError as exc:
        raise BrregError(f"Enhetsregisteret is unreachable: {exc}", retryable=True) from None
    if response.status_code == 404:
        raise BrregError(f"{orgnr} not found in Enhetsregisteret")
    if response.status_code == 410:
        raise BrregError(f"{orgnr} is removed from the register (slettet i Enhetsregisteret)")
    if response.status_code >= 500:
        raise BrregError(
            f"Enhetsregisteret failed with HTTP {response.status_code}; try again later",
            retryable=True,
        )
    if response.status_code != 200:
        raise BrregError(f"Enhetsregisteret answered HTTP {response.status_code} for {orgnr}")
    return _parse(response.json())


def _parse(body: dict[str, Any]) -> Enhet:
    address = body.get("forretningsadresse") or body.get("postadresse") or {}
    return Enhet(
        orgnr=body["organisasjonsnummer"],
        navn=body["navn"],
        organisasjonsform=(body.get("organisasjonsform") or {}).get("kode"),
        kommunenummer=address.get("kommunenummer"),
        konkurs=bool(body.get("konkurs")),
        under_avvikling=bool(body.get("underAvvikling"))
        or bool(body.get("underTvangsavviklingEllerTvangsopplosning")),
    )
