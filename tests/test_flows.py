"""The flows under Prefect's test harness (one temporary server for the whole session)."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import func, select

from agreements.commands import GoLive
from agreements.config import Settings
from agreements.core.models import Agreement, ChecklistItem, Organisation, Participation
from agreements.documents import runfiles
from agreements.errors import GateClosed, InvalidInput
from agreements.registry.register import Registration
from flows.errortexts import Refusal
from tests.conftest import make_app


@pytest.fixture
def flow_env(prefect_harness: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The flows read their settings from the environment, as on a worker (without PDFs:
    these tests are about the flows, not the documents)."""
    monkeypatch.setenv("AVTALEFLYT_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("AVTALEFLYT_OFFLINE", "1")
    monkeypatch.setenv("AVTALEFLYT_PDF", "0")
    monkeypatch.delenv("AVTALEFLYT_DATABASE_URL", raising=False)
    settings = Settings.from_env()
    make_app(settings)
    return settings


def count(settings: Settings, model: type) -> int:
    app = make_app(settings)
    with app.transaction() as s:
        return s.exec(select(func.count()).select_from(model)).one()


def test_onboard_organisation_twice_duplicates_nothing(flow_env: Settings) -> None:
    """Re-running continues where it stands: one participation, one agreement, one checklist."""
    from flows.onboarding import onboard_organisation

    first = onboard_organisation(Registration(orgnr="958935420", role="kilde"), today="2026-11-25")
    assert first.ok and "agreement #1 created" in first.rows[0].outcome
    items = count(flow_env, ChecklistItem)
    second = onboard_organisation(Registration(orgnr="958935420", role="kilde"), today="2026-11-25")
    assert "already registered" in second.message and "agreement #1" in second.message
    assert count(flow_env, Participation) == 1
    assert count(flow_env, Agreement) == 1
    assert count(flow_env, ChecklistItem) == items


def test_onboard_organisation_refuses_bad_input(flow_env: Settings) -> None:
    """An organisation that cannot be registered fails the run with the reason."""
    from flows.onboarding import onboard_organisation

    with pytest.raises(Refusal, match="«Type virksomhet»") as refused:
        onboard_organisation(Registration(orgnr="123456785", role="kilde", name="X",
                                          kommunenummer="0301", offline=True))
    assert isinstance(refused.value.error, InvalidInput)


def test_batch_with_bad_rows_reports_them_and_onboards_the_rest(flow_env: Settings) -> None:
    """Bad rows are listed with line numbers; good rows are registered with agreements."""
    from flows.onboarding import onboard_batch

    text = ("orgnr;role;signatory_name;signatory_email\n958935420;kilde;Ola;ola@oslo.no\n"
            "958935421;kilde;;\n964965226;kilde;;\n123456785;konsument;;\n")
    result = onboard_batch(csv_text=text, offline=True, today="2026-11-25")
    assert (result.done, result.attention) == (2, 2)
    by_line = {r.line: r for r in result.rows}
    assert "check digit" in by_line[3].outcome
    assert "name and kommunenummer" in by_line[5].outcome
    assert "waiting for a signatory at KS" in by_line[2].outcome
    assert count(flow_env, Agreement) == 2


def test_all_357_kommuner_in_one_run(flow_env: Settings) -> None:
    """The whole reference list: one participation, checklist and agreement each."""
    from agreements import reference
    from flows.onboarding import onboard_batch

    # without PDFs (flow_env), as 357 PDFs in one run are `make bench`'s onboarding row
    text = "orgnr,role\n" + "".join(f"{o},kilde\n" for o in reference.kommuner())
    result = onboard_batch(csv_text=text, offline=True, today="2026-11-25")
    assert (result.done, result.attention) == (357, 0)
    assert count(flow_env, Organisation) == 357 + 6
    assert count(flow_env, Participation) == 357
    assert count(flow_env, Agreement) == 357
    app = make_app(flow_env)
    with app.transaction() as s:
        per = s.exec(select(ChecklistItem.participation_id, func.count()).group_by(
            ChecklistItem.participation_id)).all()
    assert len(per) == 357 and len({n for _, n in per}) == 1
    from flows.followup import rollout_report

    rows = rollout_report(today="2026-11-25").organisations
    assert sum(r["Samarbeidsområde"] == "Kommunene (KS)" for r in rows) == 357


def test_follow_up_flow_dry_run_and_report(flow_env: Settings, tmp_path: Path) -> None:
    """follow-up --dry-run sends nothing; the report flow keeps its files in the document
    store (no folder on the worker), each linked to the portal."""
    from flows.followup import follow_up, rollout_report
    from flows.onboarding import onboard_organisation

    onboard_organisation(Registration(orgnr="958935420", role="kilde"), today="2026-11-25")
    planned = follow_up(today="2027-01-04", dry_run=True)
    assert planned.working_day and any(a.kind == "item_reminder"
                                       for a in planned.actions)
    assert count(flow_env, Agreement) == 1
    report = rollout_report(today="2027-01-04")
    assert sorted(Path(f.name).suffix for f in report.stored) == [
        ".csv", ".md", ".png", ".svg", ".xlsx"]
    assert report.files == [] and not (flow_env.data_dir / "reports").exists()
    assert all(f.link.endswith(f"/rapporter/{f.document_id}") for f in report.stored)


def test_report_artifacts_have_the_headers_of_the_files(flow_env: Settings,
                                                        tmp_path: Path) -> None:
    """The run's table artifact has the workbook's Norwegian headers; its markdown embeds
    the chart and links each file to the portal, where it is downloaded."""
    from openpyxl import load_workbook
    from prefect.client.orchestration import get_client

    from flows.followup import rollout_report
    from flows.onboarding import onboard_organisation

    onboard_organisation(Registration(orgnr="958935420", role="kilde"), today="2026-11-25")
    report = rollout_report(today="2026-11-25")
    xlsx = next(f for f in report.stored if f.name.endswith(".xlsx"))
    app = make_app(flow_env)
    document = runfiles.report(app, xlsx.document_id)
    assert document is not None
    workbook = load_workbook(io.BytesIO(app.documents.read(document)))
    headers = [c.value for c in workbook["Virksomheter"][1]]
    with get_client(sync_client=True) as client:  # the newest of each key: earlier tests
        found = {a.key: a for a in sorted(client.read_artifacts(),  # ran reports too
                                          key=lambda a: a.created or 0) if a.key}
    table = json.loads(found["rollout-report"].data)  # type: ignore[arg-type]
    assert list(table[0]) == headers and table[0]["Fase"] == "Forberedes"
    assert table[0]["Venter på"] == "Signatar for avtalen registreres"  # none on record
    markdown = str(found["rollout-report-markdown"].data)
    assert "data:image/png;base64," in markdown and f"]({xlsx.link})" in markdown
    assert "| Gruppe | Navn | Totalt | Ikke startet | Forberedes |" in markdown


def test_go_live_flow_names_open_gates(flow_env: Settings) -> None:
    """The go-live action from the UI is refused, in bokmål, with every open gate."""
    from flows.actions import go_live
    from flows.onboarding import onboard_organisation

    onboard_organisation(Registration(orgnr="958935420", role="kilde"), today="2026-11-25")
    with pytest.raises(Refusal, match="samarbeidsavtalen signert av begge parter") as refused:
        go_live(GoLive(orgnr="958935420", live_on=date(2026, 12, 1)))
    assert isinstance(refused.value.error, GateClosed)


def test_cli_runs_actions_as_flows_when_a_server_is_configured(
        flow_env: Settings, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """With PREFECT_API_URL set, `avtaleflyt golive` shows up as a go-live flow run."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL

    from cli import main

    main(["org", "add", "958935420", "--role", "kilde"])
    monkeypatch.setenv("PREFECT_API_URL", str(PREFECT_API_URL.value()))
    assert main(["golive", "958935420"]) == 1
    assert "open gates" in capsys.readouterr().err
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs()
        names = {client.read_flow(r.flow_id).name for r in runs if r.state and r.state.is_failed()}
    assert "go-live" in names


def test_flow_runs_are_named_after_what_they_concern(flow_env: Settings) -> None:
    """The runs list reads `onboard-958935420-oslo`, `go-live-958935420-oslo` and
    `send-PJD-KOMMUNER-958935420-1`, not Prefect's random names."""
    from prefect.client.orchestration import get_client

    from agreements.commands import SendAgreement
    from flows.actions import go_live, send_agreement
    from flows.onboarding import onboard_organisation

    onboard_organisation(Registration(orgnr="958935420", role="kilde"), today="2026-11-25")
    with pytest.raises(Refusal):
        go_live(GoLive(orgnr="958935420"))
    with pytest.raises(Exception, match="signatory"):
        send_agreement(SendAgreement(agreement_id=1))
    with get_client(sync_client=True) as client:
        names = {r.name for r in client.read_flow_runs()}
    assert {"onboard-958935420-oslo", "go-live-958935420-oslo",
            "send-PJD-KOMMUNER-958935420-1"} <= names
