"""The signing settings checked when the app is built: files that exist and hold what they
should, and everything AVTALEFLYT_SIGNING=posten needs, each refusal naming the variable."""

from __future__ import annotations

from pathlib import Path

from agreements.config import PREFIX, Settings
from agreements.errors import InvalidInput


def check_signing(settings: Settings) -> None:
    """Refuse, naming the variable, signing settings that cannot work (when the app is built)."""
    def refuse(name: str, why: str) -> InvalidInput:
        return InvalidInput(f"setting {PREFIX}{name.upper()} {why}")

    for name in ("signing_trust_roots", "posten_cert", "posten_ca_bundle"):
        path = getattr(settings, name)
        if path is not None and not Path(path).is_file():
            raise refuse(name, f"names {str(path)!r}, which is not a readable file")
    roots = settings.signing_trust_roots
    if roots is not None and b"-----BEGIN CERTIFICATE-----" not in Path(roots).read_bytes():
        raise refuse("signing_trust_roots", "must name a PEM bundle of CA certificates")
    if settings.signing != "posten":
        return
    for name in ("posten_url", "posten_cert", "posten_cert_password", "signing_trust_roots"):
        if not getattr(settings, name):
            raise refuse(name, "is required when AVTALEFLYT_SIGNING=posten")
    if not str(settings.posten_url).startswith("https://"):
        raise refuse("posten_url", f"must be an https:// URL, got {settings.posten_url!r}")
