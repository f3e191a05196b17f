"""The portal's pages for runs in the Prefect UI, over HTTP: an organiser's coordinator
uploads a file for a run and sees its code and label; a file that is not what it is for is
refused in bokmål and nothing is staged; the rollout reports a run kept are downloaded
there; nobody else reaches either page. The file's code is taken by the run forms."""

from __future__ import annotations

import pytest

from agreements import commands as c
from agreements.app import App
from agreements.config import Settings
from agreements.documents import runfiles
from agreements.documents.runfiles import Purpose
from tests.portal_helpers import post, serve, signed_in
from tests.world import World, build_world

SIRI, KARI = "siri@oslo.kommune.no", "kari@ks.no"
CSV = b"orgnr,role\n964338531,kilde\n"


@pytest.fixture
def world(settings: Settings) -> World:
    return build_world(settings.model_copy(update={"pdf": False}))


def test_a_coordinator_uploads_a_csv_and_is_shown_its_code(world: World) -> None:
    """The page says the code and the label the run form offers; the file is listed and
    staged for the onboard-batch form."""
    with serve(world.app.settings) as base, signed_in(world.app, base, KARI) as client:
        assert "Filer til kjøringer" in client.get("/").text
        answer = post(client, "/filer", {"formaal": "organisations"},
                      files={"fil": ("kommuner.csv", CSV, "text/csv")}, page="/filer")
        assert answer.status_code == 200, answer.text
        (found,) = runfiles.recent(world.app, Purpose.ORGANISATIONS)
        assert f"<code>{found.code}</code>" in answer.text
        assert runfiles.label(found) in answer.text and "kommuner.csv" in answer.text
        assert world.app.documents.staged(found.sha256) == CSV


@pytest.mark.parametrize(("purpose", "name", "data", "said"), [
    ("signed-copy", "avtale.pdf", CSV, "Filtypen er ikke tillatt"),
    ("organisations", "kommuner.csv", b"%PDF-1.4\n", "Velg en CSV-fil"),
    ("", "ros.pdf", b"%PDF-1.4\n", "Velg et av alternativene")])
def test_a_file_not_fit_for_its_purpose_is_refused_in_bokmal(
        world: World, purpose: str, name: str, data: bytes, said: str) -> None:
    """Judged by its content, not its name; the page says what is wrong, nothing staged."""
    with serve(world.app.settings) as base, signed_in(world.app, base, KARI) as client:
        answer = post(client, "/filer", {"formaal": purpose},
                      files={"fil": (name, data, "application/octet-stream")}, page="/filer")
        assert answer.status_code == 400 and said in answer.text
    assert runfiles.recent(world.app) == []


def _report(app: App) -> c.ReportOutcome:
    outcome = c.execute(app, c.RolloutReport(store=True))
    assert isinstance(outcome, c.ReportOutcome)
    return outcome


def test_a_stored_report_is_downloaded_from_the_link_its_run_shows(world: World) -> None:
    """Each file's link (in the run's artifact) downloads it, as an attachment."""
    with serve(world.app.settings) as base:
        report = _report(world.app.acting_as("prefect:test"))
        xlsx = next(f for f in report.stored if f.name.endswith(".xlsx"))
        with signed_in(world.app, base, KARI) as client:
            listed = client.get("/rapporter")
            assert xlsx.name in listed.text
            path = xlsx.link.removeprefix(world.app.settings.portal_url.rstrip("/"))
            answer = client.get(f"/rapporter/{xlsx.document_id}")
            assert answer.status_code == 200 and answer.content[:2] == b"PK"
            assert "attachment" in answer.headers["content-disposition"]
            assert path == f"/rapporter/{xlsx.document_id}"
            assert client.get("/rapporter/999999").status_code == 404


def test_only_an_organisers_coordinator_reaches_files_and_reports(world: World) -> None:
    """Oslo's PJD lead is answered «not found» on both pages and on a report's file."""
    report = _report(world.app)
    with serve(world.app.settings) as base, signed_in(world.app, base, SIRI) as client:
        assert "Filer til kjøringer" not in client.get("/").text
        for path in ("/filer", "/rapporter", f"/rapporter/{report.stored[0].document_id}"):
            assert client.get(path).status_code == 404, path
