"""`audit verify` is the `verify-audit` operation: whoever runs it gets the same judgement,
an outcome when the log is whole and `Tampered` with its code when it is not."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from agreements import commands as c
from agreements.app import App
from agreements.errorcodes import Code
from agreements.errors import InvalidInput, Tampered


def test_a_whole_log_is_verified_with_what_vouches_for_it(app: App) -> None:
    """A fresh installation's log verifies; the outcome names the anchors it checked."""
    outcome = c.execute(app, c.VerifyAudit())
    assert outcome.message.startswith("OK: ") and "shared anchor in the database matches" \
        in outcome.message


def test_a_log_without_its_anchors_is_tampered_with_a_code(app: App) -> None:
    """With both anchors gone, removed events cannot be ruled out: refused by code."""
    app.settings.anchor_path.unlink()
    with app.transaction() as session:
        session.execute(text("DELETE FROM auditanchor"))
    with pytest.raises(Tampered) as caught:
        c.execute(app, c.VerifyAudit())
    assert caught.value.code == Code.AUDIT_ANCHORS_MISSING


def test_a_head_that_is_no_head_is_invalid_input(app: App) -> None:
    """A head copied wrong is refused by its code before anything is read."""
    with pytest.raises(InvalidInput) as caught:
        c.build(c.VerifyAudit, heads=["12"])
    assert caught.value.code == Code.AUDIT_HEAD_MALFORMED and "'12'" in str(caught.value)
