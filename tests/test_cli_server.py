"""With PREFECT_API_URL set but the server down, an action still runs from the command line:
the record in the Prefect UI is what is missing, and a one-line warning says so. A busy
server is asked again before it counts as down."""

from __future__ import annotations

import httpx
import pytest
from sqlmodel import select

from agreements.config import Settings
from agreements.core.models import Contact
from cli import main
from cli.server import BACKOFF, PrefectUnreachable, _call
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


def test_a_busy_server_is_asked_again_and_a_lasting_refusal_is_an_error() -> None:
    """A 503 (the server's database locked under load) is tried again after each pause, as
    Prefect's client does, so a run is not recorded without its task run; a server busy for
    every try is refused with the status, as any other refusal."""
    answers = [503, 503, 201]

    def busy_then_done(request: httpx.Request) -> httpx.Response:
        return httpx.Response(answers.pop(0), json={"id": "t1"})

    waited: list[float] = []
    with httpx.Client(base_url="http://prefect.test/api",
                      transport=httpx.MockTransport(busy_then_done)) as client:
        assert _call(client, "POST", "/task_runs/", {}, pause=waited.append) == {"id": "t1"}
    assert waited == list(BACKOFF[:2]) and not answers
    always = httpx.MockTransport(lambda request: httpx.Response(503, text="Service Unavailable"))
    with httpx.Client(base_url="http://prefect.test/api", transport=always) as client, \
            pytest.raises(PrefectUnreachable, match="503"):
        _call(client, "POST", "/task_runs/", {}, pause=waited.append)
    assert waited == list(BACKOFF[:2]) + list(BACKOFF)
