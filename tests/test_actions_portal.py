"""The portal as the fourth front door of tests/test_actions.py: a person signed in sends the
action's form, and the same command runs."""

from __future__ import annotations

import pytest

from agreements.config import Settings
from agreements.core import anchor, audit, replay
from tests.portal_cases import PORTAL
from tests.portal_helpers import post, serve, signed_in
from tests.test_actions import CASES
from tests.world import build_world


def test_the_portal_offers_exactly_what_the_access_rules_allow() -> None:
    """Every action the access rules offer a coordinator in the portal has a portal case,
    and no other."""
    from agreements.access import policy, rules
    from agreements.commands import ACTIONS

    offered = {name for name, spec in ACTIONS.items()
               if policy.offered(spec.model, rules.Access.COORDINATOR)}
    assert set(PORTAL) == offered
    assert set(PORTAL) <= set(CASES)


@pytest.mark.parametrize("name", sorted(PORTAL))
def test_action_through_the_portal(name: str, env_settings: Settings) -> None:
    """A person signed in to the portal sends the action's form; the same command runs (a
    refusal is a page in bokmål, status 400, naming no English error)."""
    w, case, door = build_world(env_settings), CASES[name], PORTAL[name]
    door.setup(w)
    path, data = door.form(w)
    with serve(w.app.settings) as base, signed_in(w.app, base, door.who) as client:
        answer = post(client, path, data, door.files(w) if door.files else None, page="/")
    if case.refused:
        assert answer.status_code == 400 and "cannot" not in answer.text
        assert 'class="error" role="alert"' in answer.text
        return
    assert answer.status_code == 200, answer.text
    assert 'class="ok" role="status"' in answer.text
    case.check(w)
    with w.app.transaction() as s:  # the portal's process sealed and anchored what it wrote
        head, verified, found = audit.head(s), audit.verify(s), replay.check(s)
    assert verified.ok and found == [] and head is not None
    anchored = anchor.load(w.app.settings.anchor_path, w.app.audit_signer().key)
    assert anchored is not None and (anchored.seq, anchored.mac) == head
