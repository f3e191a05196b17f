"""With PREFECT_API_URL set but the server down, an action still runs from the command line:
the record in the Prefect UI is what is missing, and a one-line warning says so."""

from __future__ import annotations

import pytest
from sqlmodel import select

from agreements.config import Settings
from agreements.core.models import Contact
from cli import main
from tests.conftest import free_port, make_app


def test_an_unreachable_prefect_server_does_not_stop_the_action(
        env_settings: Settings, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The contact is saved, the exit code is 0, and stderr has one warning line."""
    app = make_app(env_settings)
    monkeypatch.setenv("PREFECT_API_URL", f"http://127.0.0.1:{free_port()}/api")
    capsys.readouterr()
    code = main(["org", "contact", "add", "971032146", "--name", "Kim Leder",
                 "--email", "kim@ks.no", "--role", "signatory"])
    err = capsys.readouterr().err
    assert code == 0 and err.count("\n") == 1 and err.startswith("warning: ")
    assert "without a flow run in the Prefect UI" in err
    with app.transaction() as s:
        assert s.exec(select(Contact).where(Contact.email == "kim@ks.no")).one()
