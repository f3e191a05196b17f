"""The e-mails' wording: signed by the organiser and its coordinator, and an expiry warning
that gives the real number of days left and promises nothing that is not automatic."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from agreements.app import App
from agreements.config import Settings
from agreements.contracts import drafts, sending
from agreements.contracts import signatures as signing
from agreements.core.calendar import is_working_day
from agreements.core.models import Agreement, OutboxMessage
from agreements.followup import run as followup_run
from tests.helpers import oslo_kilde, signed_copy
from tests.test_followup_run import on


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Without PDFs: the messages' words are what these tests are about, not the
    documents (LibreOffice's conversions: test_templates_pdf, test_documents,
    test_manual_signing and the signing tests)."""
    return settings.model_copy(update={"pdf": False})


KS_SIGN_OFF = "Vennlig hilsen\nKari Koordinator\nKS – Kommunesektorens organisasjon\n"


def message(app: App, prefix: str) -> OutboxMessage:
    with app.transaction() as s:
        return s.exec(select(OutboxMessage).where(
            OutboxMessage.key.startswith(prefix))).first()  # type: ignore[union-attr, return-value]


def active_agreement(app: App, tmp_path: Path) -> Agreement:
    (made,) = drafts.create_agreements(app, [oslo_kilde(app)])
    sending.send(app, made.agreement_id)
    for who in ("ola@oslo.kommune.no", "kim@ks.no"):
        signing.record_signature(app, made.agreement_id, who, signed_copy(app, made.agreement_id))
    with app.transaction() as s:
        found = s.get(Agreement, made.agreement_id)
        assert found is not None and found.status == "active"
        return found


def test_request_to_sign_is_signed_by_ks_and_its_coordinator(app: App) -> None:
    """The e-mail to the kommune's signatory ends with KS' coordinator and KS."""
    (made,) = drafts.create_agreements(app, [oslo_kilde(app)])
    sending.send(app, made.agreement_id)
    body = message(app, f"agreement:{made.agreement_id}:signature:").body
    assert body.endswith(KS_SIGN_OFF) and "avtaleflyt –" not in body


def test_certificate_mail_names_the_signeringsbekreftelse(app: App, tmp_path: Path) -> None:
    """When all have signed, the e-mail speaks of the signeringsbekreftelse, signed by KS."""
    agreement = active_agreement(app, tmp_path)
    body = message(app, f"agreement:{agreement.id}:certificate:").body
    assert "signeringsbekreftelsen" in body and "fullføringsattest" not in body
    assert body.endswith(KS_SIGN_OFF)


def test_expiry_warning_gives_the_real_days_left(app: App, tmp_path: Path) -> None:
    """85 days before expiry the warning says 85 days, not its 90-day window, and promises
    no automatic sending: the organiser must send the renewal and both must sign."""
    agreement = active_agreement(app, tmp_path)
    assert agreement.expires_on is not None
    day = agreement.expires_on - timedelta(days=85)
    while not is_working_day(day):
        day -= timedelta(days=1)
    left = (agreement.expires_on - day).days
    followup_run.run(on(app, day))
    warning = message(app, f"followup:expiry:{agreement.id}:90:")
    assert warning.subject.endswith(f"utløper om {left} dager")
    assert f"om {left} dager" in warning.body
    assert "sendes til signering av organisator" not in warning.body
    assert "(PJD-KOMMUNER-958935420-2) er laget, men ikke sendt til signering. KS – " \
           "Kommunesektorens organisasjon må sende det" in warning.body  # drafted that run


def test_konsument_messages_are_signed_by_avtaleflyt() -> None:
    """With no organiser behind a message (a konsument's NHN order chased), avtaleflyt signs
    it."""
    from agreements.followup.notice_text import Line, Section, text

    _, body = text("Kai", [Section("order", "Klinikk", "https://portal.example/nhn", None,
                                   [Line("Norsk helsenett har ikke bekreftet bestillingen",
                                         None, 0, None)])], None)
    assert "Kontakt NHNs kundesenter" in body
    assert body.endswith("avtaleflyt – innføring av Pasientens journaldokumenter\n")
