"""An avtalespesialist's organiser, derived from its address, is a proposal: its RHF's
coordinator confirms it before the agreement is sent; a correction makes it a proposal again."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from agreements import commands as c
from agreements.access.rules import person
from agreements.app import App
from agreements.config import Settings
from agreements.contracts import drafts
from agreements.core import replay
from agreements.core.models import Agreement, Document, Organisation
from agreements.errorcodes import Code
from agreements.errors import Refused
from agreements.reporting import views
from cli import main
from cli.errortexts import english
from flows.errortexts import bokmal as flows_bokmal
from portal.errortexts import bokmal as portal_bokmal
from tests.conftest import make_app
from tests.docx_support import text_parts
from tests.helpers import OSLO, SPECIALIST, oslo_kilde, specialist_kilde


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Without PDFs: these tests are about the organiser's confirmation, not the documents
    (LibreOffice's conversions: test_templates_pdf, test_documents, test_manual_signing and
    the signing tests)."""
    return settings.model_copy(update={"pdf": False})



def state(app: App) -> str | None:
    with app.transaction() as s:
        org = s.exec(select(Organisation).where(Organisation.orgnr == SPECIALIST)).one()
        area = views.organisation_status(s, org, app.clock.today())["participations"][0]["area"]
    return str(area["organiser"])


def docx_text(app: App, agreement_id: int) -> str:
    with app.transaction() as s:
        agreement = s.get(Agreement, agreement_id)
        assert agreement is not None and agreement.docx_id is not None
        doc = s.get(Document, agreement.docx_id)
        assert doc is not None
    return " ".join(text_parts(app.documents.read(doc)).values())


def test_agreement_is_refused_until_the_rhf_confirms_and_then_says_so(app: App) -> None:
    """Sending is refused naming the proposed RHF; once its coordinator confirms, the draft is
    made again and goes out stating the seed's basis and the confirmation, never a
    «driftsavtale» nobody confirmed."""
    pid = specialist_kilde(app, confirmed=False)
    (made,) = drafts.create_agreements(app, [pid])
    proposed = docx_text(app, made.agreement_id)
    assert "er foreslått som organisator" in proposed and "driftsavtale" not in proposed
    with pytest.raises(Refused) as refused:
        c.execute(app, c.SendAgreement(agreement_id=made.agreement_id))
    assert refused.value.code is Code.ORGANISER_NOT_CONFIRMED
    assert refused.value.params["organiser"] == "Helse Nord RHF"
    for words in (english(refused.value), portal_bokmal(refused.value),
                  flows_bokmal(refused.value)):
        assert "Helse Nord RHF" in words
    assert state(app) == "proposed"
    with app.transaction() as s:
        nils = person(s, "nils@helse-nord.no")
    assert nils is not None
    c.execute(app.acting_as(nils), c.ConfirmOrganiser(orgnr=SPECIALIST))
    assert state(app) == "confirmed"
    outcome = c.execute(app, c.SendAgreement(agreement_id=made.agreement_id))
    sent = outcome.agreement_id or made.agreement_id
    text = docx_text(app, sent)
    assert "rammeavtalen med Den norske legeforening" in text
    assert "Helse Nord RHF bekreftet" in text and "foreslått" not in text
    assert "driftsavtale" not in text
    with app.transaction() as s:
        assert replay.check(s) == []


def test_only_the_rhfs_coordinator_confirms_and_a_kommunes_organiser_is_fixed(
        app: App) -> None:
    """KS's coordinator does not reach Helse Nord's avtalespesialist; a kommune's organiser
    is not confirmed (KS is fixed); nothing is recorded by a refusal."""
    specialist_kilde(app, confirmed=False)
    oslo_kilde(app)
    with app.transaction() as s:
        kari = person(s, "kari@ks.no")
    assert kari is not None
    with pytest.raises(Refused) as out_of_reach:
        c.execute(app.acting_as(kari), c.ConfirmOrganiser(orgnr=SPECIALIST))
    assert out_of_reach.value.code is Code.OUT_OF_REACH
    with pytest.raises(Refused) as fixed:
        c.execute(app, c.ConfirmOrganiser(orgnr=OSLO))
    assert fixed.value.code is Code.ORGANISER_FIXED
    assert state(app) == "proposed"


def test_a_correction_is_a_proposal_again_and_org_list_says_which(
        env_settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    """`org route --confirm` confirms; `org route --region` moves it and the new RHF must
    confirm again; `org list` says «foreslått» or «bekreftet»; the audit log replays."""
    app = make_app(env_settings)
    specialist_kilde(app, confirmed=False)

    def listed() -> str:
        capsys.readouterr()
        assert main(["org", "list", "--format", "json"]) == 0
        rows = json.loads(capsys.readouterr().out)
        return str(next(r for r in rows if r["orgnr"] == SPECIALIST)["organiser_state"])

    assert listed() == "foreslått"
    assert main(["org", "route", SPECIALIST, "--confirm"]) == 0
    assert listed() == "bekreftet" and state(app) == "confirmed"
    assert main(["org", "route", SPECIALIST, "--region", "helse-vest"]) == 0
    assert listed() == "foreslått" and state(app) == "proposed"
    with app.transaction() as s:
        assert replay.check(s) == []
