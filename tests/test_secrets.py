"""Issue 22 item 3 and issue 21 item 6: every secret setting is a `SecretStr`, shown by no
rendering of the settings, and still reaches what uses it; no URL setting may carry
credentials, so none can reach the outbox, a report or an e-mailed link."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from agreements.config import SECRETS, Settings, reveal
from agreements.errors import InvalidInput

VALUES = {"audit_secret": "audit-secret-0123456789", "nhn_secret": "nhn-secret-0123456789",
          "smtp_password": "smtp-passord-0123", "posten_cert_password": "p12-passord-0123",
          "secret_key": "k" * 40, "database_url": "postgresql+psycopg://pjd:Pw0rd-9@db/pjd"}


def test_every_secret_setting_is_a_secret_str() -> None:
    """Each setting named a secret is typed SecretStr, so pydantic never prints it."""
    for name in SECRETS:
        assert "SecretStr" in str(Settings.model_fields[name].annotation), name


def test_no_rendering_of_the_settings_shows_a_secret() -> None:
    """repr, str, a dump to JSON and a dump to a dict show none of the values."""
    settings = Settings.from_env({f"AVTALEFLYT_{k.upper()}": v for k, v in VALUES.items()})
    shown = " ".join([repr(settings), str(settings), settings.model_dump_json(),
                      str(settings.model_dump())])
    for value in (*VALUES.values(), "Pw0rd-9"):
        assert value not in shown
    assert reveal(settings.nhn_secret) == VALUES["nhn_secret"]
    assert settings.db_url == VALUES["database_url"]


def test_a_refused_secret_is_not_echoed() -> None:
    """A secret too short is refused naming the variable, not showing the value."""
    with pytest.raises(InvalidInput) as caught:
        Settings.from_env({"AVTALEFLYT_AUDIT_SECRET": "kort-hemmelig"})
    assert "AVTALEFLYT_AUDIT_SECRET" in str(caught.value)
    assert "kort-hemmelig" not in str(caught.value)


@pytest.mark.parametrize("name", ["nhn_url", "brreg_url", "posten_url", "portal_url"])
def test_no_url_setting_carries_credentials(name: str) -> None:
    """A user name or password in a URL is refused naming the variable, never stored."""
    with pytest.raises(InvalidInput) as caught:
        Settings.from_env({f"AVTALEFLYT_{name.upper()}": "https://svc:S3cret@x.example.no/a"})
    assert caught.value.params == {"variable": f"AVTALEFLYT_{name.upper()}"}
    assert "S3cret" not in str(caught.value)


def test_reveal_takes_a_secret_or_a_plain_value() -> None:
    """Settings copied with a plain string (as tests do) still reveal it."""
    assert reveal(SecretStr("a")) == "a" and reveal("b") == "b" and reveal(None) is None
