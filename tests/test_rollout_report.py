"""The rollout report for the whole area: every kommune of the reference data a row (357 for
KS) registered or not, the first real blocker, the columns a coordinator needs, a sheet per
organiser, and nothing but Norwegian in any cell or header."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from agreements import reference
from agreements.app import App
from agreements.config import Settings
from agreements.contracts import drafts, ending, sending
from agreements.registry.lookup import participation_of
from agreements.registry.register import Registration, register
from agreements.reporting import writers
from agreements.reporting.rollout import build
from tests.conftest import make_app
from tests.helpers import organisers_with_contacts
from tests.world import kommune


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Without PDFs: the report's figures are what these tests are about, not the
    documents (LibreOffice's conversions: test_templates_pdf, test_documents,
    test_manual_signing and the signing tests)."""
    return settings.model_copy(update={"pdf": False})


DAY = date(2026, 11, 25)
STAVANGER, BODO = kommune("Stavanger"), kommune("Bodø")

# Every word the report itself writes (headers, phases, statuses, steps); anything else in a
# cell must come from the data (names of organisations, people, fylker, checklist items).
WORDS = """
gruppe navn totalt ikke startet forberedes venter på signaturer nhn klar i drift forfalte punkter
avtaler til signering bestillinger hos kommunenummer organisasjonsnummer virksomhet type rolle
fylke samarbeidsområde organisator utledet fra adresse fase siden virkedager avtalestatus
signeringsfrist avtalen utløper nhn-bestilling epj-system epj-leverandør registrert
fylkesnummer virksomheter kommune kilde konsument registrering avtaleflyt ingen avtale ennå
oppgitt bestilt utkast sendt delvis signert gjeldende utløpt oppsagt avslått trukket tilbake
falt bort erstattet signatar for registreres lages forrige sendes signatur bestilling
bekreftelse ny etter avslag bruksvilkår signeres sjekkliste og produksjonssetting klargjort
bekreftet avvist utboks norsk helsenett sf konsumenter kun uten avtalespesialist
avtalespesialister privat helseforetak endring endringer endringene nå uke ukes minst én før
sammenligne med neste rapport rapporten viser videre noe annet ingenting
kraft dager igjen fornyelse fornyelser fornyer gjeldende status gjelder
"""
VOCABULARY = frozenset(WORDS.split())


def words_of_data() -> set[str]:
    names = [k.navn for k in reference.kommuner().values()]
    names += [k.fylke for k in reference.kommuner().values()]
    names += [o.navn for o in reference.organisers().values()]
    names += [a.name for a in reference.areas().values()]
    names += [p.title for p in reference.processes()]
    names += ["Berit Berg", "Kim Leder", "Nina Nord", "Nils Koord", "Kari Koordinator"]
    return {w.lower() for n in names for w in re.findall(r"[^\W\d_][\w-]*", n)}


def twenty_kommuner(settings: Settings) -> App:
    """20 kommuner registered (Stavanger without a signatory), Bodø's agreement declined."""
    app = make_app(settings, DAY)
    organisers_with_contacts(app)
    others = [k.orgnr for k in sorted(reference.kommuner().values(),
                                      key=lambda k: k.kommunenummer)
              if k.orgnr not in (STAVANGER, BODO)]
    chosen = [STAVANGER, BODO, *others[:18]]
    for orgnr in chosen:
        signatory = None if orgnr == STAVANGER else f"Berit Berg <berit@{orgnr}.example>"
        register(app, Registration(orgnr=orgnr, role="kilde", signatory=signatory))
    (bodo,) = drafts.create_agreements(app, [participation_of(app, BODO, None)])
    sending.send(app, bodo.agreement_id)
    ending.decline(app, bodo.agreement_id, f"berit@{BODO}.example", "Vi venter")
    return app


def test_ks_workbook_has_every_kommune_and_only_norwegian(settings: Settings,
                                                          tmp_path: Path) -> None:
    """357 kommune rows with 20 registered; Stavanger waits for its own signatory; Bodø's
    declined agreement is named in bokmål; every cell and header is Norwegian or data."""
    app = twenty_kommuner(settings)
    with app.transaction() as s:
        report = build(s, DAY)
    paths = writers.write(report, tmp_path)
    book = load_workbook(paths[0])
    ks = book["KS"]
    headers = [c.value for c in ks[1]]
    assert headers[0] == "Kommunenummer"
    rows = [dict(zip(headers, r, strict=True)) for r in ks.iter_rows(min_row=2, values_only=True)]
    assert len(rows) == 357 and len({r["Kommunenummer"] for r in rows}) == 357
    assert sum(r["Fase"] != "Ikke startet" for r in rows) == 20
    stavanger = next(r for r in rows if r["Organisasjonsnummer"] == STAVANGER)
    assert (stavanger["Venter på"], stavanger["Hos"]) == ("Signatar for avtalen registreres",
                                                          "Stavanger kommune")
    bodo = next(r for r in rows if r["Organisasjonsnummer"] == BODO)
    assert bodo["Venter på"] == "Avtale lages (forrige avslått)"
    assert bodo["Avtalestatus"] == "avslått"
    unregistered = next(r for r in rows if r["Fase"] == "Ikke startet")
    assert unregistered["EPJ-system"] == "ikke registrert" and unregistered["Virkedager"] is None
    allowed = VOCABULARY | words_of_data()
    strange = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                if value is None or isinstance(value, (int, float, date, datetime)):
                    continue
                text = re.sub(r"\S+@\S+", "", str(value))  # e-mail addresses are data
                strange |= {w for w in re.findall(r"[^\W\d_][\w-]*", text.lower())
                            if w not in allowed}
    assert strange == set()


def test_changes_since_last_week(settings: Settings) -> None:
    """The first report says it has nothing to compare with; a week later the sheet lists a
    kommune registered meanwhile and one that now waits for something else, and nothing else."""
    from agreements import commands as c
    from agreements.app import Clock, open_app
    from agreements.core.calendar import add_working_days
    from agreements.core.enums import ContactRole
    from tests.helpers import add_contact

    app = twenty_kommuner(settings)
    first = c.execute(app, c.RolloutReport())
    book = load_workbook(next(f for f in first.files if f.endswith(".xlsx")))  # type: ignore[attr-defined]
    (only,) = list(book["Endringer siste uke"].iter_rows(min_row=2, values_only=True))
    assert "ingen rapport fra minst én uke før" in str(only[-1])
    add_contact(app, STAVANGER, "Sara Stav", "sara@stavanger.example", ContactRole.SIGNATORY)
    later = add_working_days(DAY, 5)
    week = open_app(app.settings, clock=Clock(later), actor="report-test")
    halden = kommune("Halden")
    register(week, Registration(orgnr=halden, role="kilde"))
    second = c.execute(week, c.RolloutReport())
    sheet = load_workbook(next(f for f in second.files if f.endswith(".xlsx")))[  # type: ignore[attr-defined]
        "Endringer siste uke"]
    headers = [x.value for x in sheet[1]]
    rows = {r[1]: dict(zip(headers, r, strict=True))
            for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {halden, STAVANGER}
    assert rows[halden]["Endring"] == "videre fra «Ikke startet»"
    assert rows[STAVANGER]["Endring"].startswith("venter nå på noe annet (før: Signatar")


def test_chart_is_legible_at_a4_and_shows_a_single_week(settings: Settings) -> None:
    """Everyone registered in one week: the weekly bars still show them beside four empty
    weeks; the figure fits an A4 page, no text under 9 pt, the legend outside the bars."""
    from matplotlib.text import Text

    from agreements.reporting import chart, views

    app = twenty_kommuner(settings)
    with app.transaction() as s:
        rows = views.rows(s)
    weeks, counts = chart.weekly(rows, DAY)
    assert len(weeks) == 5 and counts[0] == [0, 0, 0, 0, 20]
    fig = chart.figure(rows, DAY)
    width, height = fig.get_size_inches()
    assert width <= 8.27 - 1 and height <= 11.69 - 1.5  # A4 with margins, at its own size
    sizes = {t.get_fontsize() for t in fig.findobj(Text) if t.get_text().strip()}
    assert min(sizes) >= 9
    over_time = fig.axes[0]
    legend = over_time.get_legend()
    fig.canvas.draw()
    box, axes = legend.get_window_extent(), over_time.get_window_extent()
    assert box.y1 <= axes.y0  # under the bars, never over them
