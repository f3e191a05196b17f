"""A checklist item is due after the event it follows (the process catalogue's `after`), not
after registration; an information item (Helseteknologiordningen) has no deadline at all."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from agreements import commands as c
from agreements.app import App, Clock, open_app
from agreements.config import Settings
from agreements.core.calendar import add_working_days
from agreements.core.models import ChecklistItem
from agreements.followup import run as followup_run
from agreements.reporting import details
from tests.conftest import make_app
from tests.helpers import OSLO, oslo_kilde, specialist_kilde


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Without PDFs: these tests are about deadlines, not the documents
    (LibreOffice's conversions: test_templates_pdf, test_documents, test_manual_signing and
    the signing tests)."""
    return settings.model_copy(update={"pdf": False})


REGISTERED = date(2026, 11, 2)  # a Monday


def due(app: App, pid: int) -> dict[str, date | None]:
    with app.transaction() as s:
        return {i.process_key: i.due_on for i in s.exec(select(ChecklistItem).where(
            ChecklistItem.participation_id == pid, ChecklistItem.occurrence == ""))}


def on(app: App, day: date) -> App:
    return open_app(app.settings, clock=Clock(day), actor="deadline-test")


def test_items_wait_for_the_event_they_follow(settings: Settings) -> None:
    """At registration only the items that follow it have dates; the DPIA is due 20 working
    days after the forhåndsvurdering is done, whenever that is."""
    app = make_app(settings, REGISTERED)
    pid = oslo_kilde(app)
    found = due(app, pid)
    assert found["helsenett_medlemskap"] == add_working_days(REGISTERED, 10)
    assert found["forhandsvurdering_dokumenttyper"] == add_working_days(REGISTERED, 20)
    for waiting in ("dpia", "risikovurdering", "informasjon_innbyggere",
                    "epj_integrasjon_testet", "opplaering_helsepersonell"):
        assert found[waiting] is None, waiting
    done_on = date(2027, 1, 11)
    c.execute(on(app, done_on), c.CompleteItem(
        orgnr=OSLO, item="forhandsvurdering_dokumenttyper",
        evidence_url="https://intranett.example/forhandsvurdering",
        document_types=["Epikriser"]))
    after = due(app, pid)
    assert after["dpia"] == after["risikovurdering"] == add_working_days(done_on, 20)
    assert after["informasjon_innbyggere"] is None  # still waits for the agreement


def test_epj_integration_waits_for_the_vendors_date(settings: Settings) -> None:
    """The EPJ integration test is due ten working days after the day the vendor expects to
    be ready, and moves when that day moves."""
    app = make_app(settings, REGISTERED)
    pid = oslo_kilde(app)
    ready = date(2027, 2, 1)
    c.execute(app, c.UpdateOrganisation(orgnr=OSLO, epj_vendor="DIPS AS",
                                        epj_vendor_ready_on=ready))
    assert due(app, pid)["epj_integrasjon_testet"] == add_working_days(ready, 10)
    later = date(2027, 4, 5)
    c.execute(app, c.UpdateOrganisation(orgnr=OSLO, epj_vendor_ready_on=later))
    assert due(app, pid)["epj_integrasjon_testet"] == add_working_days(later, 10)


def test_helseteknologiordningen_is_never_overdue_and_only_for_kommuner(
        settings: Settings) -> None:
    """The kommune's Helseteknologiordningen item has no deadline, is never overdue or
    reminded a year on; an avtalespesialist is not offered it."""
    app = make_app(settings, REGISTERED)
    pid = oslo_kilde(app)
    assert due(app, pid)["helseteknologiordningen"] is None
    assert "helseteknologiordningen" not in due(app, specialist_kilde(app))
    year_on = date(2027, 11, 1)
    with app.transaction() as s:
        rows = details.checklist(s, pid, year_on)
    (hto,) = [r for r in rows if r["item"] == "helseteknologiordningen"]
    assert hto["overdue"] is None and hto["due"] is None
    assert hto["due_when"] == "ingen frist (til informasjon)"
    result = followup_run.run(on(app, year_on), dry_run=True)
    assert all("Helseteknologiordningen" not in i["concerns"]
               for m in result.messages for i in m["items"])  # type: ignore[attr-defined]
