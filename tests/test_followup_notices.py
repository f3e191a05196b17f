"""The checklist's reminder ladder, sent as one e-mail per person per day: every item due for a
person (all their organisations and roles) in one message, escalated only after the reminders,
never to the organisation itself."""

from __future__ import annotations

import email
from datetime import date, timedelta

import pytest
from sqlmodel import select

from agreements.app import App, Clock, open_app
from agreements.config import Settings
from agreements.core.calendar import add_working_days, is_working_day
from agreements.core.models import FollowUpNotice, OutboxMessage
from agreements.followup import run as followup_run
from agreements.registry.register import Registration, register
from tests.conftest import make_app
from tests.helpers import oslo_kilde
from tests.world import BERGEN, KLINIKK, kommune


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Without PDFs: these tests are about the follow-up's notices, not the documents
    (LibreOffice's conversions: test_templates_pdf, test_documents, test_manual_signing and
    the signing tests)."""
    return settings.model_copy(update={"pdf": False})


REGISTERED = date(2026, 11, 2)  # a Monday
OVERDUE = add_working_days(REGISTERED, 11)  # the two items due after 10 working days are late
SIRI = "siri@oslo.kommune.no"


def on(app: App, day: date) -> App:
    return open_app(app.settings, clock=Clock(day), actor="notice-test")


def mails_to(app: App, address: str) -> list[OutboxMessage]:
    with app.transaction() as s:
        return [m for m in s.exec(select(OutboxMessage).where(
            OutboxMessage.key.startswith("followup:notice:")))  # type: ignore[attr-defined]
            if address in m.recipient]


def body(m: OutboxMessage) -> str:
    return m.body


def test_one_email_for_a_person_with_items_in_two_organisations(settings: Settings) -> None:
    """Siri coordinates Oslo and Bergen: the day both have overdue items she gets one e-mail
    naming both, and a second run that day sends her nothing more."""
    app = make_app(settings, REGISTERED)
    oslo_kilde(app)
    register(app, Registration(orgnr=BERGEN, role="kilde",
                               coordinator=f"Siri Koord <{SIRI}>"))
    day = on(app, OVERDUE)
    result = followup_run.run(day, deliver=False)
    (mine,) = [m for m in result.messages if m["recipient"] == SIRI]
    assert len(mine["items"]) == 4
    assert {i["kind"] for i in mine["items"]} == {"reminder"}
    assert {i["reminders_before"] for i in mine["items"]} == {0}
    (sent,) = mails_to(app, SIRI)
    assert "Oslo kommune" in sent.body and "Bergen kommune" in sent.body
    assert sent.subject == "Påminnelse: forfalte punkter i sjekklisten (2 virksomheter)"
    followup_run.run(on(app, OVERDUE), deliver=False)
    assert len(mails_to(app, SIRI)) == 1
    with app.transaction() as s:
        assert len(list(s.exec(select(FollowUpNotice).where(
            FollowUpNotice.recipient == SIRI)))) == 4


def test_a_kilde_and_konsument_kommune_gets_one_message(settings: Settings) -> None:
    """Tromsø, kilde and konsument: its coordinator gets one e-mail on the day, each shared
    item named once (it covers both sides), signed once."""
    app = make_app(settings, REGISTERED)
    oslo_kilde(app)  # the organisers' contacts
    tromso = kommune("Tromsø")
    register(app, Registration(orgnr=tromso, role="begge",
                               coordinator="Tor Koord <tor@tromso.kommune.no>"))
    followup_run.run(on(app, OVERDUE), deliver=False)
    (sent,) = mails_to(app, "tor@tromso.kommune.no")
    assert sent.body.count("fristen var") == 2  # two items, not four
    assert sent.body.count("Vennlig hilsen") == 1
    with app.transaction() as s:
        subjects = {n.subject for n in s.exec(select(FollowUpNotice).where(
            FollowUpNotice.recipient == "tor@tromso.kommune.no"))}
    assert len(subjects) == 4  # both sides' items are counted as reminded


def walk(app: App, first: date, last: date) -> dict[date, list[dict[str, object]]]:
    """Run the follow-up every working day; what each run sent, by day."""
    seen: dict[date, list[dict[str, object]]] = {}
    day = first
    while day <= last:
        if is_working_day(day):
            result = followup_run.run(on(app, day), deliver=False)
            if result.messages:
                seen[day] = result.messages
        day += timedelta(days=1)
    return seen


def test_konsument_without_organiser_is_escalated_to_the_setting_never_to_itself(
        settings: Settings) -> None:
    """Klinikk (a private konsument, no organiser): reminders 1 and 2 to its own people, then,
    on a later day, the escalation to the address the settings name; nothing to itself."""
    fast = settings.model_copy(update={"reminder_every": 2, "reminder_max": 2,
                                       "checklist_escalate_after": 1,
                                       "konsument_escalation_to": "Hdir PJD <pjd@hdir.no>"})
    app = make_app(fast, REGISTERED)
    register(app, Registration(orgnr=KLINIKK, role="konsument", kind="privat",
                               name="Klinikk Nord AS", kommunenummer="5501",
                               signatory="Kari Klinikk <kari@klinikk.no>"))
    seen = walk(app, OVERDUE, add_working_days(OVERDUE, 8))
    sent = [(day, m["recipient"], sorted({i["kind"] for i in m["items"]}))  # type: ignore[attr-defined]
            for day, ms in seen.items() for m in ms]
    assert sent == [(OVERDUE, "kari@klinikk.no", ["reminder"]),
                    (add_working_days(OVERDUE, 2), "kari@klinikk.no", ["reminder"]),
                    (add_working_days(OVERDUE, 4), "pjd@hdir.no", ["escalation"])]
    escalation = seen[add_working_days(OVERDUE, 4)][0]["items"][0]  # type: ignore[index]
    assert escalation["reminders_before"] == 2
    assert escalation["concerns"].startswith("Klinikk Nord AS: ")
    (mail,) = mails_to(app, "pjd@hdir.no")
    assert "2 påminnelser er sendt" in mail.body
    assert "organisator" not in " ".join(m.body for m in mails_to(app, "kari@klinikk.no"))


def test_konsument_with_nobody_named_is_only_reminded(settings: Settings) -> None:
    """Without anyone named in the settings a konsument's items are reminded, never escalated
    (and never to the konsument itself)."""
    fast = settings.model_copy(update={"reminder_every": 2, "reminder_max": 2,
                                       "checklist_escalate_after": 1})
    app = make_app(fast, REGISTERED)
    register(app, Registration(orgnr=KLINIKK, role="konsument", kind="privat",
                               name="Klinikk Nord AS", kommunenummer="5501",
                               signatory="Kari Klinikk <kari@klinikk.no>"))
    seen = walk(app, OVERDUE, add_working_days(OVERDUE, 10))
    kinds = [i["kind"] for ms in seen.values() for m in ms for i in m["items"]]  # type: ignore[attr-defined]
    assert "escalation" not in kinds and kinds.count("reminder") == 2 * len(kinds) // 2


def test_kilde_is_escalated_to_its_organisers_coordinator_after_the_reminders(
        settings: Settings) -> None:
    """Oslo's overdue items: reminders to Siri, then one escalation to KS's coordinator,
    saying how many reminders went before and when; the raw e-mail is good bokmål text."""
    fast = settings.model_copy(update={"reminder_every": 2, "reminder_max": 2,
                                       "checklist_escalate_after": 1})
    app = make_app(fast, REGISTERED)
    oslo_kilde(app)
    seen = walk(app, OVERDUE, add_working_days(OVERDUE, 6))
    ladder = {"reminder", "escalation"}
    to = [(m["recipient"], sorted({i["kind"] for i in m["items"]} & ladder))  # type: ignore[attr-defined]
          for ms in seen.values() for m in ms
          if {i["kind"] for i in m["items"]} & ladder]  # type: ignore[attr-defined]
    assert to == [(SIRI, ["reminder"]), (SIRI, ["reminder"]), ("kari@ks.no", ["escalation"])]
    (mail,) = [m for m in mails_to(app, "kari@ks.no") if m.subject.startswith("Eskalering")]
    assert mail.subject == "Eskalering: forfalte punkter i sjekklisten (Oslo kommune)"
    parsed = email.message_from_string(f"Subject: x\n\n{mail.body}")
    assert "2 påminnelser er sendt, den siste" in str(parsed.get_payload())
    assert not mails_to(app, SIRI)[-1].body.startswith("Eskalering")


def test_coordinators_digest_once_a_working_day(settings: Settings) -> None:
    """KS's coordinator gets one e-mail a working day listing what became overdue in KS's
    area, what waits for review and the countersignature KS owes; none on a weekend, none on
    a day with nothing new, and a second run the same day sends nothing more."""
    from agreements import commands as c
    from agreements.contracts import drafts, sending
    from agreements.contracts import signatures as signing
    from tests.helpers import OSLO, signed_copy

    app = make_app(settings, REGISTERED)
    pid = oslo_kilde(app)
    (created,) = drafts.create_agreements(app, [pid])
    sending.send(app, created.agreement_id)
    signing.record_signature(app, created.agreement_id, "ola@oslo.kommune.no",
                             signed_copy(app, created.agreement_id))
    c.execute(app, c.CompleteItem(orgnr=OSLO, item="dpia",
                                  evidence_url="https://oslo.example/dpia"))
    result = followup_run.run(on(app, OVERDUE), deliver=False)
    (kari,) = [m for m in result.messages if m["recipient"] == "kari@ks.no"]
    kinds = [i["kind"] for i in kari["items"]]  # type: ignore[attr-defined]
    assert kinds.count("overdue") == 2 and kinds.count("review") == 1
    assert kinds.count("countersign") == 1
    (mail,) = mails_to(app, "kari@ks.no")
    assert mail.subject == "Dagens oversikt for KS – Kommunesektorens organisasjon"
    assert "Har passert fristen siden forrige virkedag (2):" in mail.body
    assert "Levert og venter på gjennomgang (1):" in mail.body
    assert "Oslo kommune: kontrasignering av samarbeidsavtalen" in mail.body
    followup_run.run(on(app, OVERDUE), deliver=False)
    assert len(mails_to(app, "kari@ks.no")) == 1
    saturday = OVERDUE + timedelta(days=(5 - OVERDUE.weekday()) % 7)
    assert followup_run.run(on(app, saturday), deliver=False).messages == []
