"""An agreement's whole term, on simulated days: Oslo renewed before expiry (the renewal
takes effect the day after the old one's last day, and the old one is superseded then);
Bergen not renewed (it expires, everyone is told once, and it is no longer «I drift»)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlmodel import col, select

from agreements.app import App, Clock, open_app
from agreements.config import Settings
from agreements.contracts import drafts, sending
from agreements.contracts import signatures as signing
from agreements.core import audit, replay
from agreements.core.calendar import norsk_dato
from agreements.core.enums import Phase, TermsStatus
from agreements.core.models import Agreement, OutboxMessage, Participation
from agreements.followup import run as followup_run
from agreements.messages import SIGN_OFF
from agreements.nhn import order as nhn
from agreements.outbox import delivery
from agreements.readiness import golive
from agreements.readiness.gates import gates, phase
from agreements.registry.lookup import get_organisation as organisation
from agreements.registry.register import Registration, register
from agreements.reporting import plain, rollout, workbook
from tests.conftest import make_app
from tests.helpers import oslo_kilde, signed_copy
from tests.test_golive import close_checklist
from tests.world import BERGEN

SIGNED = date(2026, 11, 25)  # both first agreements: in force to 2029-11-24 (a Saturday)
DRAFTED = date(2029, 8, 27)  # a Monday, 89 days before: renewal drafts and the 90-day warning
RENEWED = date(2029, 9, 10)
WARNED = date(2029, 10, 25)  # 30 days before
ENDED = date(2029, 11, 26)  # the first working day after the last day
BERIT, BJORN = "berit@bergen.kommune.no", "bjorn@bergen.kommune.no"


def on(app: App, day: date) -> App:
    return open_app(app.settings, clock=Clock(day), actor="term-test")


def verified(app: App) -> None:
    with app.transaction() as s:
        assert audit.verify(s).ok
        assert replay.check(s) == []


def sign(app: App, agreement_id: int, *signers: str) -> None:
    for who in signers:
        signing.record_signature(app, agreement_id, who, signed_copy(app, agreement_id))


def live(app: App, pid: int, signer: str, tmp_path: Path) -> int:
    """The first agreement signed by both, NHN ordered and confirmed, the checklist done,
    live; returns the agreement's id."""
    (made,) = drafts.create_agreements(app, [pid])
    sending.send(app, made.agreement_id)
    sign(app, made.agreement_id, signer, "kim@ks.no")
    nhn.place_order(app, pid, by=signer, without_her_id=True)  # the signatory orders
    delivery.deliver(app)
    nhn.decide(app, pid, confirmed=True, text=f"NHN-{pid}")
    nhn.terms(app, pid, TermsStatus.SIGNED)
    close_checklist(app, pid, tmp_path)
    golive.go_live(app, pid, SIGNED)
    return made.agreement_id


def agreement(app: App, aid: int) -> Agreement:
    with app.transaction() as s:
        found = s.get(Agreement, aid)
        assert found is not None
        return found


def renewal(app: App, aid: int) -> Agreement:
    with app.transaction() as s:
        (found,) = s.exec(select(Agreement).where(Agreement.supersedes_id == aid)).all()
        return found


def phase_of(app: App, pid: int) -> tuple[Phase, list[str]]:
    with app.transaction() as s:
        p = s.get(Participation, pid)
        assert p is not None
        snap = golive.snapshot(s, p)
        return phase(snap), [g.what for g in gates(snap)]


def mails(app: App, prefix: str) -> list[OutboxMessage]:
    with app.transaction() as s:
        return list(s.exec(select(OutboxMessage).where(
            col(OutboxMessage.key).startswith(prefix)).order_by(col(OutboxMessage.id))))


def test_a_renewed_and_an_unrenewed_agreement_through_their_whole_term(
        settings: Settings, tmp_path: Path) -> None:
    """Oslo's renewal, signed 75 days early, starts the day after the old one's last day and
    supersedes it that day; Bergen's expires on the first working day after its last day,
    its people, KS' coordinator and NHN are told once, and it is no longer «I drift»."""
    app = make_app(settings.model_copy(update={"pdf": False}), SIGNED)  # the term, not PDFs
    oslo = oslo_kilde(app)
    bergen = register(app, Registration(
        orgnr=BERGEN, role="kilde", signatory=f"Berit Borgermester <{BERIT}>",
        coordinator=f"Bjørn Koord <{BJORN}>")).participation_ids[0]
    old_oslo = live(app, oslo, "ola@oslo.kommune.no", tmp_path)
    old_bergen = live(app, bergen, BERIT, tmp_path)
    assert agreement(app, old_oslo).expires_on == date(2029, 11, 24)
    verified(app)

    dry = followup_run.run(on(app, DRAFTED), dry_run=True)
    assert sorted(a["kind"] for a in dry.actions if a["kind"] != "open_occurrence") == [
        "expiry_warning", "expiry_warning", "renewal_draft", "renewal_draft"]
    followup_run.run(on(app, DRAFTED))
    verified(app)
    new_oslo, new_bergen = renewal(app, old_oslo), renewal(app, old_bergen)
    assert (new_oslo.status, new_bergen.status) == ("draft", "draft")

    sending.send(on(app, DRAFTED), new_oslo.id or 0)
    with app.transaction() as s:
        report = rollout.build(s, DRAFTED)
    assert sum(x.agreements_awaiting_signature for x in report.summary
               if x.group == "area") == 1
    (out,) = report.renewals
    assert (out["Virksomhet"], out["Fornyer avtale"], out["Gjeldende avtale i kraft til"]) == (
        "Oslo kommune", "PJD-KOMMUNER-958935420-1", date(2029, 11, 24))
    sign(on(app, RENEWED), new_oslo.id or 0, "ola@oslo.kommune.no", "kim@ks.no")
    verified(app)
    signed = agreement(app, new_oslo.id or 0)
    assert signed.status == "signed"
    assert (signed.effective_on, signed.expires_on) == (date(2029, 11, 25), date(2032, 11, 24))
    (done,) = mails(app, f"agreement:{new_oslo.id}:certificate:ola@")
    assert "fortsetter uten opphold" in done.body and "bestilling av tjenesten" not in done.body
    assert "gjelder til og med 24. november 2029" in done.body

    (request,) = mails(app, f"agreement:{new_oslo.id}:signature:")[:1]
    assert request.subject.endswith("– fornyelse")
    assert "fornyelse av samarbeidsavtale PJD-KOMMUNER-958935420-1, som gjelder til og med " \
           "24. november 2029" in request.body

    followup_run.run(on(app, WARNED))
    verified(app)
    assert phase_of(app, bergen)[0] is Phase.LIVE
    warned = {m.key.rsplit(":", 1)[1]: m for m in mails(app, f"followup:expiry:{old_oslo}:30:")}
    assert "er signert av begge parter og gjelder fra 25. november 2029" in \
        warned["siri@oslo.kommune.no"].body
    assert warned["kari@ks.no"].body.endswith(SIGN_OFF)
    with app.transaction() as s:
        report = rollout.build(s, WARNED)
    workbook.save(report, tmp_path / "rapport.xlsx")
    soon = {x["Virksomhet"]: x for x in report.expiring}
    assert soon["Oslo kommune"]["I kraft til"] == date(2029, 11, 24)
    assert soon["Oslo kommune"]["Fornyelse"].endswith("signert, gjelder fra 25.11.2029")
    assert soon["Bergen kommune"]["Fornyelse"].endswith(": utkast")
    row = next(x for x in report.organisations if x["Virksomhet"] == "Bergen kommune")
    assert (row["Avtalestatus"], row["I kraft til"]) == ("gjeldende", date(2029, 11, 24))
    (bergen_warned,) = [m for m in mails(app, f"followup:expiry:{old_bergen}:30:")
                        if BJORN in m.recipient]
    assert "er laget, men ikke sendt til signering" in bergen_warned.body

    before = {m.key for m in mails(app, "")}
    followup_run.run(on(app, ENDED))
    verified(app)
    assert agreement(app, new_oslo.id or 0).status == "active"
    old = agreement(app, old_oslo)
    taken_over = agreement(app, new_oslo.id or 0)
    assert old.status == "superseded" and taken_over.effective_on is not None
    assert old.status_reason == (f"erstattet av fornyelsen (versjon {taken_over.version}) fra "
                                 f"{norsk_dato(taken_over.effective_on)}")
    assert phase_of(app, oslo)[0] is Phase.LIVE
    assert mails(app, f"agreement:{old_oslo}:expired") == []

    assert agreement(app, old_bergen).status == "expired"
    with app.transaction() as s:
        row = next(x for x in rollout.build(s, ENDED).organisations
                   if x["Virksomhet"] == "Bergen kommune")
    assert (row["Fase"], row["Avtalestatus"], row["I kraft til"]) == (
        "Avtale utløpt", "utløpt (fornyelse PJD-KOMMUNER-964338531-2: utkast)", None)
    assert phase_of(app, bergen) == (Phase.EXPIRED, ["agreement"])
    with app.transaction() as s:  # the portal's own words
        (shown,) = plain.standing(s, organisation(s, BERGEN), ENDED)
    assert shown.phase_nb == "Avtale utløpt" and "Organisator avgjør" in shown.means
    assert [w.what for w in shown.awaiting + shown.todo] == ["avtalen sendes til signering"]
    told = {m.key.rsplit(":", 1)[1]: m for m in mails(app, f"agreement:{old_bergen}:expired:")}
    assert sorted(told) == sorted([BERIT, BJORN, "kari@ks.no", "nhn"])
    assert "«Avtale utløpt»" in told[BJORN].body
    assert told[BJORN].body.endswith("Kari Koordinator\nKS – Kommunesektorens organisasjon\n")
    assert told["kari@ks.no"].body.endswith(SIGN_OFF) and "Kari Koordinator" not in \
        told["kari@ks.no"].body.split("\n\n", 1)[1]
    assert "til orientering" in told["nhn"].body.lower()

    new = {m.key for m in mails(app, "")} - before
    followup_run.run(on(app, ENDED))
    followup_run.run(on(app, date(2029, 11, 27)))
    verified(app)
    again = {m.key for m in mails(app, "")} - before - new
    assert [k for k in again if not k.startswith("followup:notice:")] == []
    assert len(mails(app, "followup:renewal:")) == 2  # one draft each, never made again

