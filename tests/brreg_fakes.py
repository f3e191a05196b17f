"""Responses shaped as Enhetsregisteret's, for httpx.MockTransport."""

from __future__ import annotations

from typing import Any

import httpx


def enhet(orgnr: str, navn: str, *, form: str = "ENK", kommunenummer: str | None = "5501",
          **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "organisasjonsnummer": orgnr,
        "navn": navn,
        "organisasjonsform": {"kode": form, "beskrivelse": "Enkeltpersonforetak"},
        "konkurs": False,
        "underAvvikling": False,
        "underTvangsavviklingEllerTvangsopplosning": False,
        "_links": {"self": {"href": f"https://data.brreg.no/enhetsregisteret/api/enheter/{orgnr}"}},
    }
    if kommunenummer:
        body["forretningsadresse"] = {"land": "Norge", "kommune": "TROMSØ",
                                      "kommunenummer": kommunenummer, "postnummer": "9008"}
    body.update(extra)
    return body


def transport(entities: dict[str, Any], calls: list[str] | None = None) -> httpx.MockTransport:
    """Serve `entities` by orgnr: a dict body → 200, an int → that status, an exception → raised."""

    def handler(request: httpx.Request) -> httpx.Response:
        orgnr = request.url.path.rsplit("/", 1)[-1]
        if calls is not None:
            calls.append(orgnr)
        found = entities.get(orgnr, 404)
        if isinstance(found, Exception):
            raise found
        if isinstance(found, int):
            return httpx.Response(found, json={"status": found, "error": "x"})
        return httpx.Response(200, json=found)

    return httpx.MockTransport(handler)
