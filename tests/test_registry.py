"""Registering organisations: reference data, Enhetsregisteret, by hand; idempotent; atomic."""

from __future__ import annotations

import httpx
import pytest
from sqlmodel import func, select

from agreements.app import App, Transports
from agreements.core import audit
from agreements.core.models import AuditEvent, ChecklistItem, Contact, Organisation, Participation
from agreements.errors import InvalidInput, Refused
from agreements.registry.brreg import BrregError, fetch_enhet
from agreements.registry.register import Registration, register
from cli.errortexts import english
from tests.brreg_fakes import enhet, transport

BASE = "https://brreg.test/enhetsregisteret/api"
SPECIALIST = "123456785"  # valid MOD11, not a kommune


def count(app: App, model: type) -> int:
    with app.transaction() as s:
        return s.exec(select(func.count()).select_from(model)).one()


def test_oslo_registered_offline_in_ks_area(any_app: App) -> None:
    """958 935 420 as kilde, offline, becomes Oslo kommune in the KS area."""
    register(any_app, Registration(orgnr="958 935 420", role="kilde", offline=True))
    with any_app.transaction() as s:
        org = s.exec(select(Organisation).where(Organisation.orgnr == "958935420")).one()
        part = s.exec(select(Participation).where(Participation.organisation_id == org.id)).one()
    assert org.navn == "Oslo kommune" and org.kind == "kommune"
    assert part.role == "kilde" and part.area_id is not None


def test_registering_twice_changes_nothing(any_app: App) -> None:
    """One organisation, one participation per role, one checklist, no extra audit events."""
    reg = Registration(orgnr="958935420", role="begge",
                       signatory="Kari Nordmann <kari@oslo.kommune.no>")
    register(any_app, reg)
    events = count(any_app, AuditEvent)
    items = count(any_app, ChecklistItem)
    register(any_app, reg)
    assert count(any_app, Organisation) == 7  # Oslo + KS, 4 RHF, NHN
    assert count(any_app, Participation) == 2
    assert count(any_app, Contact) == 1
    assert count(any_app, ChecklistItem) == items
    assert count(any_app, AuditEvent) == events


def test_offline_refuses_unknown_organisation_without_name(app: App) -> None:
    """Offline, a non-kommune needs --name and --kommunenummer, and the message says so."""
    with pytest.raises(Refused) as refused:
        register(app, Registration(orgnr=SPECIALIST, role="kilde", kind="avtalespesialist"))
    assert "--name and --kommunenummer" in english(refused.value)
    assert count(app, Participation) == 0


def test_avtalespesialist_in_tromso_lands_in_helse_nord(app: App) -> None:
    """By hand, offline, with a Tromsø kommunenummer: the Helse Nord area."""
    register(app, Registration(orgnr=SPECIALIST, role="kilde", kind="avtalespesialist",
                               name="Psykiater Hansen", kommunenummer="5501"))
    with app.transaction() as s:
        part = s.exec(select(Participation)).one()
        from agreements.core.models import CollaborationArea
        area = s.get(CollaborationArea, part.area_id)
    assert area is not None and area.key == "helse-nord"


def test_online_lookup_uses_the_register(settings) -> None:  # type: ignore[no-untyped-def]
    """Online, the register's name and address decide; the kind comes from the user."""
    from tests.conftest import make_app

    calls: list[str] = []
    client = httpx.Client(transport=transport(
        {SPECIALIST: enhet(SPECIALIST, "SPESIALIST HANSEN AS", form="AS")}, calls))
    app = make_app(settings.model_copy(update={"offline": False, "brreg_url": BASE}),
                   transports=Transports(brreg=client))
    register(app, Registration(orgnr=SPECIALIST, role="kilde", kind="avtalespesialist"))
    assert calls == [SPECIALIST]
    with app.transaction() as s:
        org = s.exec(select(Organisation).where(Organisation.orgnr == SPECIALIST)).one()
    assert (org.navn, org.kommunenummer, org.source) == ("SPESIALIST HANSEN AS", "5501", "brreg")


@pytest.mark.parametrize(("answer", "message", "retryable"), [
    (404, "not found", False),
    (410, "removed from the register", False),
    (503, "try again", True),
    (httpx.ConnectTimeout("slow"), "in time", True),
])
def test_brreg_errors_are_typed(answer: object, message: str, retryable: bool) -> None:
    """404, 410, 5xx and timeouts become BrregError with the right message and retry hint."""
    client = httpx.Client(transport=transport({SPECIALIST: answer}))
    with pytest.raises(BrregError, match=message) as info:
        fetch_enhet(client, BASE, SPECIALIST)
    assert info.value.retryable is retryable


def test_a_name_with_markup_from_the_register_is_refused() -> None:
    """An organisation's name is plain text even from Enhetsregisteret: < or > is an answer
    avtaleflyt does not take."""
    client = httpx.Client(transport=transport({SPECIALIST: enhet(SPECIALIST, "<b>AS</b>")}))
    with pytest.raises(BrregError, match=r"navn: .*contains < or >"):
        fetch_enhet(client, BASE, SPECIALIST)


def test_bankrupt_organisation_is_refused(settings) -> None:  # type: ignore[no-untyped-def]
    """konkurs in the register refuses the registration, naming the reason."""
    from tests.conftest import make_app

    client = httpx.Client(transport=transport(
        {SPECIALIST: enhet(SPECIALIST, "KONKURS AS", form="AS", konkurs=True)}))
    app = make_app(settings.model_copy(update={"offline": False, "brreg_url": BASE}),
                   transports=Transports(brreg=client))
    with pytest.raises(Refused, match="konkurs"):
        register(app, Registration(orgnr=SPECIALIST, role="konsument", kind="privat"))
    assert count(app, Organisation) == 6


def test_bad_contact_fails_before_anything_is_written(app: App) -> None:
    """An invalid e-mail in --signatory leaves the database as it was."""
    with pytest.raises(InvalidInput, match="e-mail"):
        register(app, Registration(orgnr="958935420", role="kilde",
                                   signatory="Kari <not-an-address>"))
    assert count(app, Organisation) == 6


def test_failed_routing_rolls_back_the_whole_registration(app: App) -> None:
    """begge for a helseforetak fails on the kilde role; the konsument part is not kept either."""
    with pytest.raises(InvalidInput):
        register(app, Registration(orgnr=SPECIALIST, role="begge", kind="helseforetak", name="HF",
                                   kommunenummer="0301"))
    assert count(app, Organisation) == 6 and count(app, Participation) == 0


def test_audit_chain_detects_tampering(any_app: App) -> None:
    """Changing an event's data breaks the chain at that event."""
    register(any_app, Registration(orgnr="958935420", role="kilde"))
    with any_app.transaction() as s:
        assert audit.verify(s).ok
        victim = s.exec(select(AuditEvent).where(
            AuditEvent.action == "organisation.registered")).one()
        victim.data = victim.data.replace("Oslo", "Bergen")
    with any_app.transaction() as s:
        result = audit.verify(s)
    assert not result.ok and result.broken_id == victim.id


def test_audit_chain_detects_deleted_event(app: App) -> None:
    """Removing an event breaks the link of the one after it."""
    register(app, Registration(orgnr="958935420", role="kilde"))
    with app.transaction() as s:
        first = s.exec(select(AuditEvent).order_by(AuditEvent.id)).first()  # type: ignore[arg-type]
        s.delete(first)
    with app.transaction() as s:
        assert not audit.verify(s).ok


def test_init_twice_changes_nothing(any_app: App) -> None:
    """A second init finds the schema at head and the reference data up to date."""
    from alembic.script import ScriptDirectory

    from agreements.registry import bootstrap

    head = ScriptDirectory(str(bootstrap.MIGRATIONS)).get_current_head()
    events = count(any_app, AuditEvent)
    again = bootstrap.init(any_app)
    assert again.revision_before == again.revision_after == head is not None
    assert again.changes == [] and count(any_app, AuditEvent) == events
