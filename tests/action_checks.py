"""What tests/test_actions.py checks after each action, in the world of tests/world.py."""

from __future__ import annotations

from agreements.core.models import ChecklistItem, Contact, NhnOrder
from tests.world import World, one, pid


def _eq(found: object, wanted: object) -> None:
    assert found == wanted


def _contacts(w: World, email: str) -> int:
    from sqlmodel import select

    with w.app.transaction() as s:
        return len(list(s.exec(select(Contact).where(Contact.email == email))))


def _item(w: World, key: str, status: str) -> None:
    _eq(one(w.app, ChecklistItem, ChecklistItem.process_key == key,
            ChecklistItem.occurrence == "", ChecklistItem.participation_id == 1).status, status)


def _area(w: World, orgnr: str) -> str:
    from agreements.core.models import CollaborationArea, Participation

    part = one(w.app, Participation, Participation.id == pid(w.app, orgnr))
    return str(one(w.app, CollaborationArea, CollaborationArea.id == part.area_id).key)


def _confirmed(w: World, orgnr: str) -> None:
    from agreements.core.models import Participation

    part = one(w.app, Participation, Participation.id == pid(w.app, orgnr))
    assert part.organiser_confirmed_at is not None and part.organiser_confirmed_by


def _order(w: World, orgnr: str) -> NhnOrder:
    return one(w.app, NhnOrder, NhnOrder.participation_id == pid(w.app, orgnr))
