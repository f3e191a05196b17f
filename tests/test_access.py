"""Sign-in links (single use, 30 minutes, stored hashed, e-mailed through the outbox), rate
limits kept in the database, and who reaches what — on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from sqlmodel import Session, select

from agreements.access import policy, rules, tokens
from agreements.access.limits import RateLimited
from agreements.app import App, Clock
from agreements.commands import ReviewItem
from agreements.config import Settings
from agreements.core.models import AuditEvent, Organisation, OutboxMessage, SignInToken
from agreements.registry.register import Registration, register
from tests.conftest import ROOT
from tests.helpers import KS, OSLO, SPECIALIST, oslo_kilde, refused_saying, specialist_kilde
from tests.portal_helpers import link_in


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Without PDFs: these tests are about who may do what, not the documents
    (LibreOffice's conversions: test_templates_pdf, test_documents, test_manual_signing and
    the signing tests)."""
    return settings.model_copy(update={"pdf": False})



@dataclass
class LaterClock(Clock):
    """The real clock moved on by `ahead` (a fake, so expiry can be tested)."""

    ahead: timedelta = timedelta(0)

    def now(self) -> datetime:
        return super().now() + self.ahead


def rows(app: App, model: type) -> list:
    with app.transaction() as s:
        return list(s.exec(select(model)))


def token_of(link: str) -> str:
    return link.split("token=", 1)[1]


def test_a_contact_gets_a_link_by_email_and_only_its_hash_is_kept(any_app: App) -> None:
    """The link goes out through the outbox; the token table holds its SHA-256, and once the
    e-mail has left, the outbox row no longer holds the token either."""
    oslo_kilde(any_app)
    queued = tokens.request_link(any_app, "Siri@Oslo.Kommune.no", "10.0.0.1")
    assert queued is not None
    (stored,) = rows(any_app, SignInToken)
    assert stored.token_hash == hashlib.sha256(queued.token.encode()).hexdigest()
    assert stored.email == "siri@oslo.kommune.no"
    assert stored.expires_at - stored.created_at == timedelta(minutes=30)
    tokens.deliver_link(any_app, queued)
    (message,) = [m for m in rows(any_app, OutboxMessage) if m.key == queued.key]
    assert message.status == "sent" and queued.token not in message.body
    (eml,) = (any_app.settings.outbox_dir).glob("*.eml")
    assert link_in(eml).endswith(f"/logg-inn/lenke?token={queued.token}")


def test_a_link_delivered_later_by_another_process_is_forgotten_too(any_app: App) -> None:
    """The mail server was down when it was asked for: `outbox send` (the whole queue) sends
    it later, and the token leaves the stored body and the row's attachments all the same."""
    from agreements.outbox.delivery import deliver

    oslo_kilde(any_app)
    queued = tokens.request_link(any_app, "siri@oslo.kommune.no", "10.0.0.1")
    assert queued is not None
    (waiting,) = [m for m in rows(any_app, OutboxMessage) if m.key == queued.key]
    assert queued.token in waiting.body and waiting.status == "pending"
    report = deliver(any_app)
    assert queued.key in report.sent
    (message,) = [m for m in rows(any_app, OutboxMessage) if m.key == queued.key]
    assert queued.token not in message.body + message.attachments
    assert "[fjernet etter utsending]" in message.body
    (eml,) = (any_app.settings.outbox_dir).glob("*.eml")
    assert link_in(eml).endswith(f"/logg-inn/lenke?token={queued.token}")


def test_an_unknown_address_gets_nothing_but_is_counted_like_a_known_one(any_app: App) -> None:
    """No e-mail and no token for an address no contact has; it still counts to the limit."""
    oslo_kilde(any_app)
    for _ in range(5):
        assert tokens.request_link(any_app, "nobody@example.no", "10.0.0.2") is None
    assert rows(any_app, SignInToken) == [] and rows(any_app, OutboxMessage) == []
    with pytest.raises(RateLimited):
        tokens.request_link(any_app, "nobody@example.no", "10.0.0.3")


def test_a_link_signs_in_once(any_app: App) -> None:
    """The first use returns the address (audited with the person as actor); the second fails."""
    oslo_kilde(any_app)
    link = tokens.issue_link(any_app, "siri@oslo.kommune.no")
    assert tokens.redeem(any_app, token_of(link)) == "siri@oslo.kommune.no"
    with pytest.raises(tokens.InvalidLink, match="used already"):
        tokens.redeem(any_app, token_of(link))
    actors = {(e.actor, e.action) for e in rows(any_app, AuditEvent)}
    assert ("portal:siri@oslo.kommune.no", "access.signed_in") in actors
    assert ("test", "access.link_issued") in actors


def test_an_expired_or_altered_link_is_refused(any_app: App) -> None:
    """After 30 minutes the link is dead; a token changed by one character is unknown."""
    oslo_kilde(any_app)
    token = token_of(tokens.issue_link(any_app, "siri@oslo.kommune.no"))
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")
    with pytest.raises(tokens.InvalidLink, match="not valid"):
        tokens.redeem(any_app, altered)
    later = any_app.acting_as("test")
    later.clock = LaterClock(ahead=timedelta(minutes=31))
    with pytest.raises(tokens.InvalidLink, match="expired"):
        tokens.redeem(later, token)


def test_a_link_for_an_address_removed_meanwhile_is_refused(any_app: App) -> None:
    """Access is judged when the link is used: a contact deleted since cannot sign in."""
    oslo_kilde(any_app)
    token = token_of(tokens.issue_link(any_app, "siri@oslo.kommune.no"))
    with any_app.transaction() as s:
        from agreements.core.models import Contact

        for c in s.exec(select(Contact).where(Contact.email == "siri@oslo.kommune.no")):
            s.delete(c)
    with pytest.raises(tokens.InvalidLink):
        tokens.redeem(any_app, token)


def test_the_limit_per_address_holds_across_processes(any_app: App) -> None:
    """Five requests in another process use up the address's hour here too."""
    oslo_kilde(any_app)
    code = ("import sys\nfrom agreements.app import open_app\nfrom agreements.config import "
            "Settings\nfrom agreements.access import tokens\n"
            "app = open_app(Settings(data_dir=sys.argv[1], database_url=sys.argv[2]))\n"
            "for i in range(5):\n    tokens.request_link(app, 'siri@oslo.kommune.no', f'c{i}')\n")
    subprocess.run([sys.executable, "-c", code, str(any_app.settings.data_dir),
                    any_app.settings.db_url], check=True, cwd=ROOT)
    with pytest.raises(RateLimited):
        tokens.request_link(any_app, "siri@oslo.kommune.no", "another-client")


def test_the_limit_per_client_counts_every_address(app: App) -> None:
    """One client asking for many addresses is stopped at its own limit."""
    app.settings.signin_per_client = 3
    for i in range(3):
        tokens.request_link(app, f"person{i}@example.no", "10.9.9.9")
    with pytest.raises(RateLimited):
        tokens.request_link(app, "person9@example.no", "10.9.9.9")
    assert tokens.request_link(app, "person9@example.no", "10.9.9.8") is None


def test_an_operator_link_needs_a_registered_contact(app: App) -> None:
    """`portal link` for an address no contact has is refused, naming what to do."""
    from agreements.errors import NotFound

    with refused_saying(NotFound, "org contact add"):
        tokens.issue_link(app, "nobody@example.no")


def _org(s: Session, orgnr: str) -> Organisation:
    return s.exec(select(Organisation).where(Organisation.orgnr == orgnr)).one()


def test_a_contact_reaches_its_own_organisation_only(any_app: App) -> None:
    """Oslo's PJD lead is a member of Oslo, and reaches neither the specialist nor KS's area."""
    oslo_kilde(any_app)
    specialist_kilde(any_app)
    with any_app.transaction() as s:
        siri = rules.person(s, "siri@oslo.kommune.no")
        assert siri is not None and siri.area_ids == frozenset()
        assert rules.access(s, siri, _org(s, OSLO)) is rules.Access.MEMBER
        assert rules.access(s, siri, _org(s, SPECIALIST)) is rules.Access.NONE
        assert rules.access(s, siri, _org(s, KS)) is rules.Access.NONE
        assert not policy.offered(ReviewItem, rules.Access.MEMBER)


def test_a_coordinator_reaches_the_organisations_of_its_area_only(any_app: App) -> None:
    """KS's coordinator coordinates Oslo kommune, not the specialist of Helse Nord's area."""
    oslo_kilde(any_app)
    specialist_kilde(any_app)
    with any_app.transaction() as s:
        kari = rules.person(s, "kari@ks.no")
        assert kari is not None
        assert rules.access(s, kari, _org(s, OSLO)) is rules.Access.COORDINATOR
        assert rules.access(s, kari, _org(s, SPECIALIST)) is rules.Access.NONE
        assert [a.key for a in rules.areas(s, kari)] == ["kommuner"]
        assert rules.person(s, "kim@ks.no").area_ids == frozenset()  # a signatory, no area


def test_the_organisers_signatory_opens_only_the_agreement_it_countersigns(any_app: App) -> None:
    """KS's signatory sees Oslo's agreement once asked to sign, and no other organisation."""
    from agreements.contracts import drafts, sending
    from agreements.core.models import Agreement

    pid = oslo_kilde(any_app)
    (created,) = drafts.create_agreements(any_app, [pid])
    sending.send(any_app, created.agreement_id)
    register(any_app, Registration(orgnr="964338531", role="kilde"))
    with any_app.transaction() as s:
        kim = rules.person(s, "kim@ks.no")
        agreement = s.get(Agreement, created.agreement_id)
        assert kim is not None and agreement is not None
        assert rules.sees_agreement(s, kim, agreement)
        assert rules.access(s, kim, _org(s, OSLO)) is rules.Access.NONE
        assert rules.recordable(s, kim, agreement) == []  # Oslo signs first
        assert rules.agreements_to_sign(s, kim) == []


def test_an_organisers_signatory_cannot_make_anyone_coordinator(app: App) -> None:
    """At KS, only a coordinator may give the coordinator or signatory role: KS's signatory
    making itself coordinator would reach every kommune; a kommune's own contacts are its own."""
    from agreements.core.models import Organisation
    from tests.helpers import KS, OSLO, oslo_kilde

    oslo_kilde(app)
    with app.transaction() as s:
        ks = s.exec(select(Organisation).where(Organisation.orgnr == KS)).one()
        oslo = s.exec(select(Organisation).where(Organisation.orgnr == OSLO)).one()
        kim, kari = rules.person(s, "kim@ks.no"), rules.person(s, "kari@ks.no")
        ola = rules.person(s, "ola@oslo.kommune.no")
        assert kim and kari and ola
        assert not rules.may_give_role(s, kim, ks, "coordinator")
        assert not rules.may_give_role(s, kim, ks, "signatory")
        assert rules.may_give_role(s, kim, ks, "it")
        assert rules.may_give_role(s, kari, ks, "coordinator")
        assert rules.may_give_role(s, ola, oslo, "signatory")
