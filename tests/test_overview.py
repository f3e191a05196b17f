"""The read models behind the portal: an area's overview (phase, days in phase, waiting for
what and on whom, stuck), the status in plain bokmål, and the rollout chart as SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from sqlmodel import select

from agreements.app import App
from agreements.contracts import drafts, sending
from agreements.core.calendar import add_working_days
from agreements.core.models import CollaborationArea, Organisation
from agreements.nhn import order
from agreements.outbox import delivery
from agreements.registry.register import Registration, register
from agreements.reporting import chart, overview, plain
from tests.helpers import OSLO, oslo_kilde
from tests.world import BERGEN, KLINIKK, pid

DAY = date(2026, 11, 25)


def area_world(app: App) -> None:
    """Oslo's agreement is out for signing, Bergen's is a draft, a konsument has ordered."""
    app.settings.pdf = False  # DOCX only: these tests read no PDF
    (oslo,) = drafts.create_agreements(app, [oslo_kilde(app)])
    sending.send(app, oslo.agreement_id)
    bergen = register(app, Registration(orgnr=BERGEN, role="kilde",
                                        signatory="Berit <berit@bergen.kommune.no>"))
    drafts.create_agreements(app, bergen.participation_ids)
    register(app, Registration(orgnr=KLINIKK, role="konsument", kind="privat",
                               name="Klinikk Øst", kommunenummer="0301",
                               coordinator="Kai Klinikk <kai@klinikk.no>"))
    order.place_order(app, pid(app, KLINIKK), by="kai@klinikk.no", without_her_id=True)
    delivery.deliver(app)


def lines(app: App, today: date) -> list[overview.Line]:
    with app.transaction() as s:
        area = s.exec(select(CollaborationArea).where(CollaborationArea.key == "kommuner")).one()
        return overview.area_lines(s, area.id or 0, today, app.settings.stuck_after)


def test_the_overview_says_what_each_waits_for_and_on_whom(any_app: App) -> None:
    """Oslo waits for its own signatory, Bergen for KS to send its draft; the konsument,
    outside the area, is not listed."""
    area_world(any_app)
    found = {x.navn: x for x in lines(any_app, DAY)}
    assert set(found) == {"Oslo kommune", "Bergen kommune"}
    oslo, bergen = found["Oslo kommune"], found["Bergen kommune"]
    assert (oslo.phase, oslo.since, oslo.days_in_phase) == ("awaiting signatures", DAY, 0)
    assert (oslo.waiting[0].what, oslo.waiting[0].who, oslo.waiting[0].own) == (
        "signatur fra Ola Ordfører", "Oslo kommune", True)
    assert (bergen.waiting[0].what, bergen.waiting[0].who) == (
        "avtalen sendes til signering", "KS – Kommunesektorens organisasjon")
    assert bergen.fylke == "Vestland" and not bergen.stuck


def test_no_progress_for_n_working_days_is_stuck_and_can_be_filtered(any_app: App) -> None:
    """Ten working days later both are stuck; filters by phase, fylke and stuck, and sorting."""
    area_world(any_app)
    later = add_working_days(DAY, any_app.settings.stuck_after)
    found = lines(any_app, later)
    assert all(x.stuck and x.idle_days == 10 for x in found)
    assert [x.navn for x in overview.choose(found, fylke="Oslo")] == ["Oslo kommune"]
    assert [x.navn for x in overview.choose(found, phase="preparing")] == ["Bergen kommune"]
    assert [x.navn for x in overview.choose(found, sort="fase", descending=True)] == [
        "Oslo kommune", "Bergen kommune"]
    assert overview.choose(lines(any_app, DAY), stuck=True) == []


def test_the_status_in_plain_words_names_gates_deadlines_and_whom_to_ask(any_app: App) -> None:
    """Oslo's status page: the phase in bokmål, each open gate, Norwegian dates, KS's contact."""
    area_world(any_app)
    with any_app.transaction() as s:
        org = s.exec(select(Organisation).where(Organisation.orgnr == OSLO)).one()
        (standing,) = plain.standing(s, org, DAY)
    assert standing.phase_nb == "Venter på signaturer"
    assert standing.gates[0].startswith("Samarbeidsavtalen med KS – Kommunesektorens "
                                        "organisasjon er ikke signert")
    assert "NHNs bruksvilkår er ikke signert" in standing.gates
    assert any(d.what == "Frist for å signere samarbeidsavtalen" and d.norsk.endswith("2027")
               for d in standing.deadlines)
    assert [(p.name, p.email) for p in standing.ask] == [("Kari Koordinator", "kari@ks.no")]
    assert standing.todo[0].what == "signatur fra Ola Ordfører"


def test_a_konsument_waits_on_nhn_once_it_has_ordered(any_app: App) -> None:
    """A submitted order waits for Norsk helsenett's confirmation."""
    area_world(any_app)
    with any_app.transaction() as s:
        org = s.exec(select(Organisation).where(Organisation.orgnr == KLINIKK)).one()
        (standing,) = plain.standing(s, org, DAY)
    assert [(w.what, w.who) for w in standing.awaiting] == [
        ("bekreftelse av bestillingen", "Norsk helsenett")]


def test_the_chart_is_svg_titled_with_the_area(any_app: App) -> None:
    """The area's chart parses as SVG, is titled with the area and names today's phases."""
    area_world(any_app)
    with any_app.transaction() as s:
        svg = chart.rollout_svg(s, "kommuner", DAY)
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "Kommunene (KS)" in texts and "Venter på signaturer" in texts


def test_the_chart_shows_hostile_names_as_text() -> None:
    """An area name with markup stays text in the SVG."""
    svg = chart.render(chart.figure([], DAY, title='<script>alert("x")</script> & Sámi'),
                       "svg").decode()
    texts = [t.text for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]
    assert '<script>alert("x")</script> & Sámi' in texts and "<script>" not in svg
