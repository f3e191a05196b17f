"""The signing settings are checked when the app is built: what is missing or unusable is named
by its variable, in one line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from agreements.app import open_app
from agreements.config import Settings
from agreements.errors import InvalidInput
from cli import main
from cli.errortexts import english
from tests.posten.pki import P12_PASSWORD, Pki


def posten(tmp_path: Path, pki: Pki, **changes: object) -> Settings:
    values: dict[str, object] = dict(
        data_dir=tmp_path, signing="posten", posten_url="https://127.0.0.1:1/api",
        posten_cert=pki.client_p12, posten_cert_password=P12_PASSWORD,
        signing_trust_roots=pki.ca_pem)
    return Settings(**{**values, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize("missing", ["posten_url", "posten_cert", "posten_cert_password",
                                     "signing_trust_roots"])
def test_posten_needs_its_settings(tmp_path: Path, pki: Pki, missing: str) -> None:
    """AVTALEFLYT_SIGNING=posten without one of its settings is refused, naming it."""
    with pytest.raises(InvalidInput) as raised_:
        open_app(posten(tmp_path, pki, **{missing: None}))
    assert re.search(f"AVTALEFLYT_{missing.upper()} is required", english(raised_.value))


def test_files_must_exist_and_urls_be_https(tmp_path: Path, pki: Pki) -> None:
    """A path that is no file, a bundle without certificates, or plain HTTP: named."""
    with pytest.raises(InvalidInput) as raised_:
        open_app(Settings(data_dir=tmp_path, signing_trust_roots=tmp_path / "none.pem"))
    assert re.search("AVTALEFLYT_SIGNING_TRUST_ROOTS names", english(raised_.value))
    (tmp_path / "empty.pem").write_text("not a certificate")
    with pytest.raises(InvalidInput) as raised_:
        open_app(Settings(data_dir=tmp_path, signing_trust_roots=tmp_path / "empty.pem"))
    assert re.search("must name a PEM bundle", english(raised_.value))
    with pytest.raises(InvalidInput) as raised_:
        open_app(posten(tmp_path, pki, posten_url="http://127.0.0.1:1/api"))
    assert re.search("AVTALEFLYT_POSTEN_URL must be an https:// URL", english(raised_.value))


def test_a_wrong_certificate_password_is_named(tmp_path: Path, pki: Pki) -> None:
    """The enterprise certificate is opened when first needed; a wrong password names it."""
    with open_app(posten(tmp_path, pki, posten_cert_password="wrong")) as app, \
            pytest.raises(InvalidInput) as refused:
        app.signing_provider()
    assert re.search(r"AVTALEFLYT_POSTEN_CERT / _PASSWORD: .*password", english(refused.value))


def test_cli_says_what_is_missing_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Any command refuses to start with an unusable signing setup, in one line."""
    monkeypatch.setenv("AVTALEFLYT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("AVTALEFLYT_SIGNING", "posten")
    monkeypatch.delenv("AVTALEFLYT_DATABASE_URL", raising=False)
    assert main(["org", "list"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "AVTALEFLYT_POSTEN_URL is required" in err
