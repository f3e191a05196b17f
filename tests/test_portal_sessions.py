"""Portal sessions that end, over HTTP against a real server on loopback: «Logg ut», removing
the contact and "sign out everywhere" end every copy of the cookie at once; the cookie holds
no personal data; a form sent from another origin is refused; a HER-id is digits only."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import httpx
import pytest
from sqlmodel import func, select

from agreements import commands as c
from agreements.config import Settings
from agreements.core.models import AuditEvent, Contact, Organisation, PortalSession
from agreements.errorcodes import Code
from agreements.errors import InvalidInput
from tests import loopback
from tests.helpers import OSLO
from tests.portal_helpers import csrf, post, serve, signed_in
from tests.test_access import LaterClock
from tests.world import World, build_world

SIRI, KARI, OLA = "siri@oslo.kommune.no", "kari@ks.no", "ola@oslo.kommune.no"
CONTACT_FORM = {"navn": "Per IT", "epost": "per@oslo.kommune.no", "rolle": "it"}


@pytest.fixture
def world(settings: Settings, db_url: str) -> World:
    """The world of tests/test_actions.py, without PDFs, on SQLite and PostgreSQL."""
    return build_world(settings.model_copy(update={"pdf": False, "database_url": db_url}))


def copy_of(client: httpx.Client, base: str) -> httpx.Client:
    """Another client (another machine, say) holding a copy of `client`'s cookie."""
    return loopback.client(base_url=base, cookies=dict(client.cookies), follow_redirects=True)


def signed_in_page(client: httpx.Client) -> bool:
    return "Logg ut" in client.get("/").text


def contacts_written(w: World) -> int:
    with w.app.transaction() as s:
        return s.exec(select(func.count()).select_from(Contact).where(
            Contact.email == CONTACT_FORM["epost"])).one()


def test_sign_out_ends_a_copied_session(world: World) -> None:
    """After «Logg ut», a copy of the cookie taken before reads nothing and writes nothing."""
    with serve(world.app.settings) as base, signed_in(world.app, base, SIRI) as client, \
            copy_of(client, base) as copy:
        token = csrf(copy.get(f"/virksomhet/{OSLO}/kontakter").text)
        assert signed_in_page(copy)
        assert post(client, "/logg-ut", page="/").status_code == 200
        assert not signed_in_page(client) and not signed_in_page(copy)
        assert copy.get(f"/virksomhet/{OSLO}").status_code == 401
        answer = copy.post(f"/virksomhet/{OSLO}/kontakter",
                           data={"csrf_token": token, **CONTACT_FORM})
        assert answer.status_code == 401
    assert contacts_written(world) == 0


def test_removing_the_contact_ends_its_sessions_for_good(world: World) -> None:
    """Removed, Siri's cookie is dead; registered again, the old cookie stays dead."""
    with serve(world.app.settings) as base, signed_in(world.app, base, SIRI) as client:
        assert signed_in_page(client)
        c.execute(world.app, c.RemoveContact(orgnr=OSLO, email=SIRI, role="coordinator"))
        c.execute(world.app, c.SaveContact(orgnr=OSLO, name="Siri Koord", email=SIRI,
                                           role="coordinator"))
        assert not signed_in_page(client)


def test_a_coordinator_signs_a_contact_out_everywhere(world: World) -> None:
    """KS's coordinator ends both of Ola's sessions from Oslo's contact page; Oslo's PJD lead
    is not offered that, and cannot do it by sending the form."""
    with serve(world.app.settings) as base, signed_in(world.app, base, OLA) as phone, \
            signed_in(world.app, base, OLA) as laptop, \
            signed_in(world.app, base, SIRI) as siri, signed_in(world.app, base, KARI) as kari:
        page = f"/virksomhet/{OSLO}/kontakter"
        assert "Logg ut overalt" not in siri.get(page).text
        refused = post(siri, f"{page}/logg-ut", {"epost": OLA}, page=page)
        assert refused.status_code == 404 and signed_in_page(phone)
        assert "Logg ut overalt" in kari.get(page).text
        answer = post(kari, f"{page}/logg-ut", {"epost": OLA}, page=page)
        assert answer.status_code == 200 and "logget ut overalt" in answer.text
        assert not signed_in_page(phone) and not signed_in_page(laptop)
        assert signed_in_page(kari) and signed_in_page(siri)
    with world.app.transaction() as s:
        event = s.exec(select(AuditEvent).where(
            AuditEvent.action == "access.signed_out_everywhere")).one()
    assert event.actor == f"portal:{KARI}" and event.subject == f"person:{OLA}"


def test_a_person_signs_itself_out_on_every_device(world: World) -> None:
    """«Logg ut på alle enheter» on the front page ends this session and every other."""
    with serve(world.app.settings) as base, signed_in(world.app, base, SIRI) as one, \
            signed_in(world.app, base, SIRI) as other:
        assert post(one, "/logg-ut-overalt", page="/").status_code == 200
        assert not signed_in_page(one) and not signed_in_page(other)


def test_a_session_ends_when_its_hours_are_up(world: World) -> None:
    """The server's session expires after AVTALEFLYT_SESSION_HOURS whatever the cookie says."""
    later = LaterClock(ahead=timedelta(hours=world.app.settings.session_hours, minutes=1))
    with serve(world.app.settings) as base, signed_in(world.app, base, SIRI) as client:
        cookies = dict(client.cookies)
    with serve(world.app.settings, clock=later) as base, \
            loopback.client(base_url=base, cookies=cookies) as client:
        assert not signed_in_page(client)


def test_the_cookie_holds_no_personal_data(world: World) -> None:
    """Signed in, the cookie carries a random id only: no address, no name; the server keeps
    only the id's hash."""
    with serve(world.app.settings) as base, signed_in(world.app, base, SIRI) as client:
        value = client.cookies["avtaleflyt_besok"]
    payload = value.split(".")[0]
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert list(data) == ["sid"] and "@" not in value and "siri" not in value.lower()
    with world.app.transaction() as s:
        (row,) = s.exec(select(PortalSession)).all()
    assert row.key_hash != data["sid"] and len(row.key_hash) == 64


@pytest.mark.parametrize("headers", [
    {"origin": "http://evil.example"},
    {"sec-fetch-site": "cross-site", "origin": "null"},
    {"sec-fetch-site": "cross-site"},
    {"sec-fetch-site": "same-site", "origin": "http://127.0.0.1:9"},
], ids=["foreign origin", "opaque origin cross-site", "cross-site", "sibling origin"])
def test_a_form_from_another_origin_is_refused(world: World, headers: dict[str, str]) -> None:
    """A POST another site's page sends (with the cookie and even the right CSRF token) is
    refused, 403 with a page that says why; nothing is written."""
    with serve(world.app.settings) as base, signed_in(world.app, base, SIRI) as client:
        path = f"/virksomhet/{OSLO}/kontakter"
        token = csrf(client.get(path).text)
        answer = client.post(path, data={"csrf_token": token, **CONTACT_FORM}, headers=headers)
        assert answer.status_code == 403 and "annen nettside" in answer.text
        assert signed_in_page(client)
    assert contacts_written(world) == 0


@pytest.mark.parametrize("headers", [
    {}, {"sec-fetch-site": "same-origin"}, {"origin": "{base}"},
    {"origin": "null", "sec-fetch-site": "same-origin"}, {"origin": "null"},
], ids=["no headers (a program)", "same-origin", "own origin", "withheld origin",
        "withheld origin, older browser"])
def test_a_form_from_the_portals_own_pages_is_taken(world: World,
                                                    headers: dict[str, str]) -> None:
    """The portal's own origin, or a browser that withholds it (the pages' referrer policy)
    or says nothing (only the CSRF token decides then), is accepted."""
    with serve(world.app.settings) as base, signed_in(world.app, base, SIRI) as client:
        path = f"/virksomhet/{OSLO}/kontakter"
        token = csrf(client.get(path).text)
        sent = {k: v.format(base=base) for k, v in headers.items()}
        answer = client.post(path, data={"csrf_token": token, **CONTACT_FORM}, headers=sent)
        assert answer.status_code == 200, answer.text
    assert contacts_written(world) == 1


def test_a_her_id_with_letters_is_refused(world: World) -> None:
    """The portal refuses a HER-id that is not digits only, in bokmål, and keeps the old one;
    digits are saved; the command refuses it too, whatever front door sends it."""
    path = f"/virksomhet/{OSLO}/nhn/detaljer"
    with serve(world.app.settings) as base, signed_in(world.app, base, SIRI) as client:
        for bad in ("12ab", "<script>", "12 34", "١٢٣", "12345678901"):
            answer = post(client, path, {"her_id": bad}, page=f"/virksomhet/{OSLO}/nhn")
            assert answer.status_code == 400 and "bare sifrene 0–9" in answer.text, bad
        assert _her_id(world) is None
        answer = post(client, path, {"her_id": "81234"}, page=f"/virksomhet/{OSLO}/nhn")
        assert answer.status_code == 200 and _her_id(world) == "81234"
    with pytest.raises(InvalidInput, match="her_id: a HER-id is a whole number"):
        c.build(c.UpdateOrganisation, orgnr=OSLO, her_id="81234a")


def test_an_organisation_name_with_markup_is_refused(world: World) -> None:
    """A name given by hand with < or > is refused with its code, before anything is written."""
    with pytest.raises(InvalidInput) as refused:
        c.execute(world.app, c.RegisterOrganisation(
            orgnr="987654325", role="konsument", kind="privat", name="<b>Klinikk</b>",
            kommunenummer="0301"))
    assert refused.value.code is Code.MARKUP_IN_NAME


def _her_id(w: World) -> str | None:
    with w.app.transaction() as s:
        return s.exec(select(Organisation.her_id).where(Organisation.orgnr == OSLO)).one()
