"""The onboarding CSV (as Excel in Norway saves it) and the rollout report."""

from __future__ import annotations

from datetime import date

import pytest

from agreements.app import App
from agreements.config import Settings
from agreements.errors import InvalidInput
from agreements.onboarding import csvfile as batch
from agreements.onboarding import steps as onboarding
from agreements.reporting import rollout as report
from agreements.reporting import writers

EXCEL = (
    "\ufefforgnr;role;kind;region;name;kommunenummer;signatory_name;signatory_email;"
    "coordinator_name;coordinator_email\r\n"
    "958 935 420;kilde;;;;;Ola Ordfører;ola@oslo.kommune.no;;\r\n"
    "958935421;kilde;;;;;;;;\r\n"
    "123456785;kilde;avtalespesialist;;Psykiater Ravna;5501;;;;\r\n"
    ";;;;;;;;;\r\n"
    "964965226;tilskuer;;;;;;;;\r\n"
    "958935420;konsument;;;;;;;;\r\n"
    "944496394;begge;;;;;Eva;;;\r\n"
)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Without PDFs: the CSV and the report's counts are these tests' subject, not the
    documents (LibreOffice's conversions: test_templates_pdf, test_documents,
    test_manual_signing and the signing tests)."""
    return settings.model_copy(update={"pdf": False})


def test_semicolon_bom_and_crlf_parse_with_line_numbers() -> None:
    """Good rows go on; each bad row names its line and reason; blank lines are skipped."""
    good, bad = batch.parse(EXCEL, offline=True)
    assert [r.line for r in good] == [2, 4]
    assert good[0].registration.signatory == "Ola Ordfører <ola@oslo.kommune.no>"
    reasons = {b.line: b.reason for b in bad}
    assert set(reasons) == {3, 6, 7, 8}
    assert "check digit" in reasons[3]
    assert "unknown role" in reasons[6]
    assert "already on line 2" in reasons[7]
    assert "signatory_email" in reasons[8]


def test_comma_separated_with_only_required_columns() -> None:
    """orgnr and role are enough, separated by commas."""
    good, bad = batch.parse("orgnr,role\n958935420,kilde\n", offline=True)
    assert [r.registration.orgnr for r in good] == ["958935420"] and bad == []


@pytest.mark.parametrize(("text", "message"), [
    ("orgnr;kind\n958935420;kilde\n", "missing column(s) role"),
    ("orgnr,role,telefon\n958935420,kilde,1\n", "unknown column(s) telefon"),
    ("", "empty"),
])
def test_bad_header_is_one_clear_error(text: str, message: str) -> None:
    """A header problem stops the file before any row, naming the columns."""
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(").replace(")", r"\)")):
        batch.parse(text)


def test_offline_non_kommune_without_name_is_a_bad_row() -> None:
    """Offline, a non-kommune row without name and kommunenummer is rejected up front."""
    good, bad = batch.parse("orgnr,role,kind\n123456785,konsument,privat\n", offline=True)
    assert good == [] and "name and kommunenummer" in bad[0].reason


def test_report_counts_by_area_organiser_and_fylke(app: App) -> None:
    """Participations per area and organiser; per fylke each organisation once, so Eigersund,
    both kilde and konsument, counts once in Rogaland."""
    good, _ = batch.parse(
        "orgnr,role,kind,name,kommunenummer\n958935420,kilde,,,\n964965226,kilde,,,\n"
        "944496394,begge,,,\n123456785,kilde,avtalespesialist,Ravna,5501\n", offline=True)
    outcomes = onboarding.register_rows(app, good)
    made = onboarding.create_agreements(app, outcomes)
    assert len(made) == 4
    with app.transaction() as s:
        built = report.build(s, date(2026, 11, 25))
    by = {(x.group, x.key): x for x in built.summary}
    kommuner = by[("area", "kommuner")]
    assert kommuner.participations - kommuner.phases["not started"] == 3
    assert kommuner.phases["not started"] == 357 - 3  # the kommuner not registered yet
    assert by[("area", "helse-nord")].participations == 1
    assert by[("area", "konsumenter")].participations == 1
    ks = by[("organiser", "971032146")]
    assert ks.participations - ks.phases["not started"] == 3
    fylker = {f["Fylkesnummer"]: f for f in built.fylker}
    registered = {k: f["Virksomheter"] - f["Ikke startet"] for k, f in fylker.items()}
    assert registered["11"] == 2  # Stavanger and Eigersund, Rogaland
    assert fylker["03"]["Forberedes"] == 1 and registered["55"] == 1
    md = writers.to_markdown(built)
    assert "| 11 | Rogaland |" in md and "Per fylke" in md and "Ikke startet" in md
    assert writers.to_csv(built).splitlines()[0].startswith(
        "Kommunenummer;Organisasjonsnummer;Virksomhet;")
