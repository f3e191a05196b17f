"""The signing settings checked when the app is built: files that exist and hold what they
should, and everything AVTALEFLYT_SIGNING=posten needs, each refusal naming the variable."""

from __future__ import annotations

from pathlib import Path

from agreements.config import PREFIX, Settings
from agreements.errorcodes import Code
from agreements.errors import InvalidInput


def check_signing(settings: Settings) -> None:
    """Refuse, naming the variable, signing settings that cannot work (when the app is built)."""
    def variable(name: str) -> str:
        return f"{PREFIX}{name.upper()}"

    for name in ("signing_trust_roots", "posten_cert", "posten_ca_bundle"):
        path = getattr(settings, name)
        if path is not None and not Path(path).is_file():
            raise InvalidInput(Code.SIGNING_SETTING_NOT_A_FILE, variable=variable(name),
                               path=str(path))
    roots = settings.signing_trust_roots
    if roots is not None and b"-----BEGIN CERTIFICATE-----" not in Path(roots).read_bytes():
        raise InvalidInput(Code.TRUST_ROOTS_NOT_PEM, variable=variable("signing_trust_roots"))
    if settings.signing != "posten":
        return
    for name in ("posten_url", "posten_cert", "posten_cert_password", "signing_trust_roots"):
        if not getattr(settings, name):
            raise InvalidInput(Code.POSTEN_SETTING_REQUIRED, variable=variable(name))
    if not str(settings.posten_url).startswith("https://"):
        raise InvalidInput(Code.POSTEN_URL_NOT_HTTPS, variable=variable("posten_url"),
                           value=settings.posten_url)
