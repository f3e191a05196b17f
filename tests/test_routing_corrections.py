"""Routing that can be corrected: fylke → RHF, pre-2024 kommunenummer, re-registration with
other data, `org route`, and the organiser derived from an address shown as such."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import select

from agreements import reference
from agreements.app import App
from agreements.config import Settings
from agreements.contracts import drafts, sending
from agreements.contracts import signatures as signing
from agreements.core import audit, replay
from agreements.core.models import Agreement, AuditEvent, Organisation
from agreements.errors import InvalidInput, Refused
from agreements.registry import confirm
from agreements.registry.register import Registration, register
from agreements.registry.reroute import reroute
from agreements.registry.routing import rhf_areas
from agreements.reporting import views
from cli.errortexts import english
from tests.helpers import organisers_with_contacts, signed_copy


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Without PDFs: these tests are about routing, not the documents
    (LibreOffice's conversions: test_templates_pdf, test_documents, test_manual_signing and
    the signing tests)."""
    return settings.model_copy(update={"pdf": False})


RAVNA = "912345629"  # made up, valid check digit


def specialist(app: App, **extra: str) -> int:
    organisers_with_contacts(app)
    reg = Registration(orgnr=RAVNA, role="kilde", kind="avtalespesialist",
                       name="Psykiater Ravna", kommunenummer="5501",
                       signatory="Ravna Spes <ravna@example.no>", **extra)
    return register(app, reg).participation_ids[0]


def status(app: App) -> dict:  # type: ignore[type-arg]
    with app.transaction() as s:
        org = s.exec(select(Organisation).where(Organisation.orgnr == RAVNA)).one()
        return views.organisation_status(s, org, app.clock.today())


def test_every_fylke_and_svalbard_maps_to_exactly_one_rhf() -> None:
    """The 15 fylker of 2024 and Svalbard each lie in the area of exactly one RHF."""
    fylker = reference.fylker()
    assert len(fylker) == 16 and fylker[reference.SVALBARD_FYLKE] == "Svalbard"
    rhf = rhf_areas(reference.areas())
    for number, name in fylker.items():
        owners = [key for key, spec in rhf.items() if number in spec.fylker]
        assert len(owners) == 1, f"{number} {name} lies in {owners}"


@pytest.mark.parametrize(("old", "new", "navn", "fylke"), [
    ("3024", "3201", "Bærum", "Akershus"),  # SSB's own example
    ("5401", "5501", "Tromsø", "Troms"),
    ("3018", "3114", "Våler", "Østfold"),  # "Våler (Viken)"
    ("5412", "5512", "Dielddanuorri - Tjeldsund", "Troms"),  # gained its Sámi name
])
def test_pre_2024_kommunenummer_maps_to_the_2024_number(old: str, new: str, navn: str,
                                                        fylke: str) -> None:
    """A 2020–2023 number gives the 2024 kommune, with its name and fylke."""
    (found,) = reference.current_kommuner(old)
    assert (found.kommunenummer, found.navn, found.fylke) == (new, navn, fylke)


def test_every_renumbered_kommune_has_one_distinct_successor() -> None:
    """All 113 renumbered kommuner map to different 2024 kommuner; Ålesund was split in two."""
    renumbered = reference.renumbered_2024()
    single = {old: k for old, k in renumbered.items() if old != "1507"}
    assert len(single) == 113 and all(len(k) == 1 for k in single.values())
    assert len({k[0].kommunenummer for k in single.values()}) == 113
    assert [k.navn for k in renumbered["1507"]] == ["Ålesund", "Haram"]


def test_registering_by_hand_with_a_pre_2024_number_stores_the_2024_number(app: App) -> None:
    """5401 (Tromsø until 2023) is stored as 5501, in Troms, routed to Helse Nord."""
    register(app, Registration(orgnr=RAVNA, role="kilde", kind="avtalespesialist",
                               name="Psykiater Ravna", kommunenummer="5401"))
    shown = status(app)
    assert (shown["kommunenummer"], shown["fylke"]) == ("5501", "Troms")
    assert shown["participations"][0]["area"]["key"] == "helse-nord"


def test_reregistering_with_another_region_says_what_differs(app: App) -> None:
    """Refused, naming the difference and `org route`; the registration is unchanged."""
    specialist(app)
    with pytest.raises(Refused) as refused:
        register(app, Registration(orgnr=RAVNA, role="kilde", region="helse-vest"))
    message = english(refused.value)
    assert "region helse-vest (registered: helse-nord, derived from address)" in message
    assert f"avtaleflyt org route {RAVNA} --region helse-vest" in message
    assert status(app)["participations"][0]["area"]["key"] == "helse-nord"


def test_reregistering_with_another_name_is_refused_not_ignored(app: App) -> None:
    """A different name for an organisation registered by hand is refused, saying so."""
    specialist(app)
    with pytest.raises(Refused, match="name 'Ravna AS' \\(registered: 'Psykiater Ravna'\\)"):
        register(app, Registration(orgnr=RAVNA, role="kilde", name="Ravna AS",
                                   kommunenummer="5501"))


def test_organiser_derived_from_address_is_marked_in_status(app: App) -> None:
    """Routed by the fylke of its address: status says so and that it is a proposal until
    the RHF confirms (JSON and text)."""
    from cli.texts import render_status

    specialist(app)
    shown = status(app)
    area = shown["participations"][0]["area"]
    assert (area["routed_by"], area["organiser"]) == ("address", "proposed")
    assert "organiser foreslått (proposed from the address" in render_status(shown)


def test_organiser_given_as_region_is_not_marked(app: App) -> None:
    """Given --region, the organiser is not a guess."""
    specialist(app, region="helse-nord")
    assert status(app)["participations"][0]["area"]["routed_by"] == "region"


def test_route_makes_the_unsent_draft_again_for_the_new_organiser(app: App) -> None:
    """The draft for Helse Nord is superseded by one for Helse Vest; the move is audited, and
    replaying the audit log gives the tables as they are (the new area, the superseded draft)."""
    pid = specialist(app)
    (old,) = drafts.create_agreements(app, [pid])
    moved = reroute(app, RAVNA, "helse-vest")
    assert moved.changed and moved.regenerated[0][0] == old.agreement_id
    with app.transaction() as s:
        assert audit.verify(s).ok and replay.check(s) == []
        before = s.get(Agreement, old.agreement_id)
        after = s.get(Agreement, moved.regenerated[0][1])
        event = s.exec(select(AuditEvent).where(
            AuditEvent.action == "participation.rerouted")).one()
        assert before is not None and after is not None
        assert before.status == "superseded" and after.status == "draft"
        assert drafts.number_of(drafts.parties_of_kilde(s, pid), after) == \
            f"PJD-HELSE-VEST-{RAVNA}-2"
    assert json.loads(event.data)["from"] == "helse-nord"
    assert status(app)["participations"][0]["area"]["routed_by"] == "rerouted"


def test_route_refused_once_signed_unless_forced_with_a_reason(app: App,
                                                              tmp_path: Path) -> None:
    """A signed agreement blocks the move; --force needs --reason and leaves it in force."""
    pid = specialist(app)
    confirm.confirm(app, RAVNA)
    (made,) = drafts.create_agreements(app, [pid])
    sending.send(app, made.agreement_id)
    with pytest.raises(Refused, match="withdraw it first"):
        reroute(app, RAVNA, "helse-vest")
    for who in ("ravna@example.no", "nina@helse-nord.no"):
        signing.record_signature(app, made.agreement_id, who, signed_copy(app, made.agreement_id))
    with pytest.raises(Refused) as kept:
        reroute(app, RAVNA, "helse-vest")
    assert "needs --force with --reason" in english(kept.value)
    with pytest.raises(InvalidInput) as no_reason:
        reroute(app, RAVNA, "helse-vest", force=True)
    assert english(no_reason.value) == "--force needs --reason: it is recorded in the audit log"
    moved = reroute(app, RAVNA, "helse-vest", force=True, reason="Driftsavtale med Helse Vest")
    assert moved.kept and "active" in moved.kept
    with app.transaction() as s:
        assert s.get(Agreement, made.agreement_id).status == "active"  # type: ignore[union-attr]
        assert replay.check(s) == []


def test_route_refuses_a_kommune(app: App) -> None:
    """A kommune's organiser is KS; there is no region to choose."""
    register(app, Registration(orgnr="958935420", role="kilde"))
    with pytest.raises(Refused, match="only an avtalespesialist"):
        reroute(app, "958935420", "helse-vest")
