"""Building a provider from the settings (the app calls this once, on first use)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agreements.config import reveal
from agreements.signing.provider import ManualProvider
from agreements.signing.settings import check_signing

if TYPE_CHECKING:
    import httpx

    from agreements.config import Settings
    from agreements.signing.provider import SigningProvider


def build_provider(settings: Settings, name: str, http: httpx.Client | None = None
                   ) -> tuple[SigningProvider, httpx.Client | None]:
    """`manual`, or `posten` with two-way TLS from the enterprise certificate (or over `http`,
    which tests hand in). Also returns the HTTP client it built, for the app to close."""
    if name == "manual":
        return ManualProvider(), None
    check_signing(settings.model_copy(update={"signing": "posten"}))
    from agreements.signing.posten import PostenClient, PostenProvider
    from agreements.signing.posten.certificates import build_http_client, load_pkcs12

    assert settings.posten_cert and settings.posten_url
    certificate = load_pkcs12(settings.posten_cert, reveal(settings.posten_cert_password) or "")
    built = None if http is not None else build_http_client(
        certificate, ca_bundle=settings.posten_ca_bundle, timeout=settings.posten_timeout)
    client = http or built
    assert client is not None
    return PostenProvider(PostenClient(client, settings.posten_url,
                                       server_orgnr=settings.posten_server_orgnr),
                          certificate), built
