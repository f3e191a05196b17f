"""`avtaleflyt report` on the demo's dataset: the workbook opened with openpyxl and its
numbers checked against the database, the CSV as Norwegian Excel opens it, the chart."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook
from sqlmodel import col, func, select

from agreements.app import App
from agreements.config import PROJECT_ROOT, Settings
from agreements.contracts import signatures as signing
from agreements.core.calendar import add_working_days, working_days_between
from agreements.core.enums import ContactRole, TermsStatus
from agreements.core.models import Agreement, CollaborationArea, Organisation, Participation
from agreements.nhn import order as nhn
from agreements.onboarding import csvfile, steps
from agreements.outbox import delivery
from agreements.readiness import golive
from agreements.registry import confirm, details
from agreements.reporting import chart, rollout
from cli import main
from tests.conftest import make_app
from tests.helpers import add_contact, signed_copy
from tests.posten.pki import shared_pki
from tests.test_golive import close_checklist

DAY = date(2026, 11, 25)
REPORT_DAY = add_working_days(DAY, 7)
OSLO, BERGEN, TROMSO = "958935420", "964338531", "940101808"


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> App:
    """The demo's story: the sample CSV onboarded, Oslo signed, ordered and live, the
    specialist signed, Bergen and Tromsø waiting for signatures."""
    for key, value in {"AVTALEFLYT_DATA_DIR": str(tmp_path / "var"), "AVTALEFLYT_OFFLINE": "1",
                       "AVTALEFLYT_PDF": "0",
                       "AVTALEFLYT_SIGNING_TRUST_ROOTS": str(shared_pki().ca_pem)}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("AVTALEFLYT_DATABASE_URL", raising=False)
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    app = make_app(Settings.from_env(), DAY)
    add_contact(app, "971032146", "Kim Leder", "kim.leder@ks.example", ContactRole.SIGNATORY)
    add_contact(app, "883658752", "Nils Nordlys", "nils@helse-nord.example",
                ContactRole.SIGNATORY)
    with csvfile.open_text(PROJECT_ROOT / "examples" / "onboarding-sample.csv") as sample:
        rows, _ = csvfile.parse(sample.read(), offline=True)
    outcomes = steps.register_rows(app, rows)
    confirm.confirm(app, "123456785")  # Helse Nord confirms it is the specialist's organiser
    steps.send_drafts(app, outcomes, steps.create_agreements(app, outcomes))
    with app.transaction() as s:
        ids = {orgnr: aid for orgnr, aid in s.exec(
            select(Organisation.orgnr, Agreement.id).select_from(Agreement)
            .join(Participation, col(Participation.id) == Agreement.participation_id)
            .join(Organisation, col(Organisation.id) == Participation.organisation_id)).all()}
    for orgnr, who in ((OSLO, "ola.ordforer@oslo.example"), (OSLO, "kim.leder@ks.example"),
                       ("123456785", "ravna@spesialist.example"),
                       ("123456785", "nils@helse-nord.example")):
        signing.record_signature(app, ids[orgnr], who, signed_copy(app, ids[orgnr]))
    pid = next(o.kilde_participation for o in outcomes if o.orgnr == OSLO)
    assert pid is not None
    details.update(app, OSLO, {"her_id": "12345"})
    nhn.place_order(app, pid, by="ola.ordforer@oslo.example")
    delivery.deliver(app)
    nhn.decide(app, pid, confirmed=True, text="NHN-1")
    nhn.terms(app, pid, TermsStatus.SIGNED)
    close_checklist(app, pid, app.settings.data_dir)
    golive.go_live(app, pid, add_working_days(DAY, 5))
    return app


def test_report_writes_a_workbook_whose_numbers_match_the_database(
        demo: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Workbook, CSV and chart are written; every count in the workbook agrees with the
    database, and each sheet is a filtered table with a frozen header and real dates."""
    out = tmp_path / "rep"
    assert main(["report", "--out", str(out), "--today", REPORT_DAY.isoformat()]) == 0
    stem = out / f"rollout-{REPORT_DAY.isoformat()}"
    book = load_workbook(stem.with_suffix(".xlsx"))
    assert book.sheetnames == ["Sammendrag", "Virksomheter", "Per fylke", "Endringer siste uke",
                               "Utløper innen 120 dager", "Fornyelser til signering",
                               "Helse Nord RHF",
                               "KS", "Uten organisator"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2" and len(sheet.tables) == 1
    summary = {r[1]: dict(zip([c.value for c in book["Sammendrag"][1]], r, strict=True))
               for r in book["Sammendrag"].iter_rows(min_row=2, values_only=True)}
    with demo.transaction() as s:
        per_area = {name: n for name, n in s.exec(
            select(CollaborationArea.name, func.count()).select_from(Participation)
            .join(CollaborationArea, col(Participation.area_id) == CollaborationArea.id)
            .group_by(CollaborationArea.name)).all()}
        out_for_signing = s.exec(select(func.count()).select_from(Agreement).where(
            col(Agreement.status).in_(["sent", "partially_signed"]))).one()
        live = s.exec(select(func.count()).select_from(Participation).where(
            col(Participation.live_on).is_not(None))).one()
        total = s.exec(select(func.count()).select_from(Participation)).one()
        konsumenter = s.exec(select(func.count()).select_from(Participation).where(
            col(Participation.area_id).is_(None))).one()
    for area, n in per_area.items():
        assert summary[area]["Totalt"] - summary[area]["Ikke startet"] == n
    assert summary["Konsumenter (kun NHN)"]["Totalt"] == konsumenter
    areas = [r for r in summary.values() if r["Gruppe"] == "Samarbeidsområde"]
    assert sum(r["I drift"] for r in areas) == live == 1
    assert sum(r["Avtaler til signering"] for r in areas) == out_for_signing
    not_started = sum(r["Ikke startet"] for r in areas)
    assert sum(r["Totalt"] for r in areas) == total + not_started

    sheet = book["Virksomheter"]
    headers = [c.value for c in sheet[1]]
    assert headers == rollout.ORGANISATION_COLUMNS
    orgs = [dict(zip(headers, r, strict=True))
            for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(orgs) == total + not_started
    assert sum(o["Fase"] == "Ikke startet" for o in orgs) == not_started
    oslo = next(o for o in orgs if o["Organisasjonsnummer"] == OSLO)
    assert oslo["Fase"] == "I drift" and oslo["I drift fra"] == datetime.combine(
        add_working_days(DAY, 5), datetime.min.time())
    assert sheet.cell(row=2, column=headers.index("Registrert") + 1).number_format == \
        "dd.mm.yyyy"
    bergen = next(o for o in orgs if o["Organisasjonsnummer"] == BERGEN)
    assert (bergen["Venter på"], bergen["Hos"]) == ("Signatur", "Bente Berg (Bergen kommune)")
    assert bergen["Virkedager"] == working_days_between(DAY, REPORT_DAY) == 7
    ravna = next(o for o in orgs if o["Organisasjonsnummer"] == "123456785")
    assert ravna["Organisator utledet fra adresse"] == "ja"

    fylker = {r[1]: r for r in book["Per fylke"].iter_rows(min_row=2, values_only=True)}
    # Tromsø kommune, kilde and konsument, counts once; the specialist in Tromsø is the other
    assert fylker["Troms"][2] - fylker["Troms"][3] == 2  # [3]: «Ikke startet»
    with demo.transaction() as s:
        with_fylke = len({o for o, k in s.exec(
            select(Organisation.orgnr, Organisation.kommunenummer)
            .join(Participation, col(Participation.organisation_id) == Organisation.id)) if k})
    assert sum(r[2] for r in fylker.values()) == with_fylke + not_started

    raw = stem.with_suffix(".csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert parsed[0] == headers and len(parsed) == len(orgs) + 1
    assert dict(zip(headers, next(p for p in parsed if p[1] == OSLO), strict=True))[
        "I drift fra"] == f"{add_working_days(DAY, 5):%d.%m.%Y}"

    assert stem.with_suffix(".png").read_bytes().startswith(b"\x89PNG")
    svg = ElementTree.fromstring(stem.with_suffix(".svg").read_bytes())
    assert svg.tag.endswith("svg")


def test_area_chart_for_the_portal_is_an_svg_of_that_area(demo: App) -> None:
    """rollout_svg gives the kommuner area's chart as SVG text."""
    with demo.transaction() as s:
        svg = chart.rollout_svg(s, "kommuner", REPORT_DAY)
    root = ElementTree.fromstring(svg.encode())
    assert root.tag.endswith("svg") and "Kommunene (KS)" in svg


def test_status_does_not_import_matplotlib_or_openpyxl(demo: App) -> None:
    """The CLI's read paths load neither plotting nor workbook code."""
    code = ("import sys\nfrom cli import main\nmain(['status', '958935420'])\n"
            "print(sorted(m for m in ('matplotlib', 'openpyxl') if m in sys.modules),"
            " file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=PROJECT_ROOT)
    assert result.stderr.strip().splitlines()[-1] == "[]"


def test_readme_says_where_the_files_are(demo: App, tmp_path: Path) -> None:
    """Every path in README's "Where files land" exists after the demo's story, a piece of
    evidence handed in at the command line, a follow-up and a report (written to a folder, and
    kept in the document store as a run keeps it)."""
    from agreements.commands import RolloutReport, execute
    from agreements.followup import run as followup_run
    from tests.test_followup_run import on

    proof = tmp_path / "opplaering.pdf"
    proof.write_bytes(b"%PDF-1.4\n% kursbevis\n%%EOF\n")
    assert main(["checklist", "done", BERGEN, "opplaering_helsepersonell",
                 "--evidence", str(proof)]) == 0  # staged under uploads/, then stored
    followup_run.run(on(demo, add_working_days(DAY, 5)))
    assert main(["report", "--today", REPORT_DAY.isoformat()]) == 0
    execute(demo, RolloutReport(store=True))  # as a Prefect run keeps it: documents/reports/
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Where files land", 1)[1].split("\n## ", 1)[0]
    paths = [p for line in section.splitlines() if line.startswith("| `")
             for p in re.findall(r"`([^`]+)`", line.split("|")[1])]
    assert "documents/evidence/" in paths and len(paths) >= 9
    root = demo.settings.data_dir
    for path in paths:
        pattern = path.replace("<date>", REPORT_DAY.isoformat())
        assert list(root.glob(pattern.rstrip("/"))), f"README names {path}, nothing is there"
