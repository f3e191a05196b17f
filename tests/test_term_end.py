"""Ending on purpose: a withdrawn renewal is not made again by the follow-up (only when a
coordinator asks), and a terminated agreement ends, tells the parties and NHN once, and is
never renewed, warned about or expired after."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from agreements import commands as c
from agreements.config import Settings
from agreements.core.enums import Phase
from agreements.core.models import Agreement
from agreements.errorcodes import Code
from agreements.errors import Refused
from agreements.followup import run as followup_run
from agreements.registry.lookup import get_organisation as organisation
from agreements.reporting import plain
from tests.conftest import make_app
from tests.helpers import oslo_kilde
from tests.test_term import (
    DRAFTED,
    ENDED,
    SIGNED,
    agreement,
    live,
    mails,
    on,
    phase_of,
    renewal,
    verified,
)


def test_a_withdrawn_renewal_is_not_made_again_and_a_terminated_agreement_ends(
        settings: Settings, tmp_path: Path) -> None:
    """Oslo's renewal draft, withdrawn, is not made again by the follow-up; a coordinator's
    `agreement renew` makes one; terminating the agreement withdraws it, tells the parties
    and NHN once, leaves «I drift», and nothing is drafted, warned or expired after."""
    app = make_app(settings.model_copy(update={"pdf": False}), SIGNED)  # the term, not PDFs
    oslo = oslo_kilde(app)
    first = live(app, oslo, "ola@oslo.kommune.no", tmp_path)
    followup_run.run(on(app, DRAFTED))
    drafted = renewal(app, first)
    c.execute(on(app, DRAFTED), c.WithdrawAgreement(agreement_id=drafted.id or 0,
                                                    reason="Venter på ny mal"))
    followup_run.run(on(app, date(2029, 8, 28)))
    verified(app)
    assert len(mails(app, "followup:renewal:")) == 1
    with app.transaction() as s:
        assert len(s.exec(select(Agreement).where(Agreement.supersedes_id == first)).all()) == 1

    asked = c.execute(on(app, date(2029, 8, 29)), c.RenewAgreement(orgnr="958935420"))
    again = agreement(app, asked.agreement_id or 0)
    assert (again.status, again.supersedes_id) == ("draft", first)
    assert len(mails(app, "followup:renewal:")) == 2
    verified(app)

    for day, refusal in ((date(2029, 9, 10), Code.TERMINATION_NOT_YET),
                         (date(2026, 11, 24), Code.TERMINATION_BEFORE_START)):
        with pytest.raises(Refused) as refused:
            c.execute(on(app, date(2029, 9, 3)), c.TerminateAgreement(
                agreement_id=first, reason="For tidlig", on=day))
        assert refused.value.code is refusal
    assert agreement(app, again.id or 0).status == "draft"  # refused: nothing withdrawn
    c.execute(on(app, date(2029, 9, 3)), c.TerminateAgreement(
        agreement_id=first, reason="Kommunen går over til en annen løsning"))
    verified(app)
    ended = agreement(app, first)
    assert ended.status == "terminated" and ended.status_reason == (
        "sagt opp fra 3. september 2029: Kommunen går over til en annen løsning")
    assert agreement(app, again.id or 0).status == "withdrawn"
    assert phase_of(app, oslo) == (Phase.TERMINATED, ["agreement"])
    with app.transaction() as s:  # the portal's own words
        (shown,) = plain.standing(s, organisation(s, "958935420"), date(2029, 9, 3))
    assert (shown.phase_nb, shown.needs_agreement) == ("Avtale oppsagt", True)
    told = {m.key.rsplit(":", 1)[1]: m for m in mails(app, f"agreement:{first}:terminated:")}
    assert sorted(told) == sorted(["ola@oslo.kommune.no", "siri@oslo.kommune.no",
                                   "kari@ks.no", "nhn"])
    assert "fornyes ikke" in told["siri@oslo.kommune.no"].body
    assert "Kommunen går over til en annen løsning" in told["ola@oslo.kommune.no"].body

    before = {m.key for m in mails(app, "")}
    for day in (date(2029, 10, 25), ENDED, date(2029, 11, 27)):
        result = followup_run.run(on(app, day))
        assert not [a for a in result.actions
                    if a["kind"] in ("renewal_draft", "expiry_warning", "expire")]
    verified(app)
    assert [k for k in {m.key for m in mails(app, "")} - before
            if not k.startswith("followup:notice:")] == []
