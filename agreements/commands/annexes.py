"""Vedlegg 1 after the actions that can make it due: the forhåndsvurdering done (its types
recorded), or the agreement sent. What it did is one clause of the action's message."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agreements.contracts import annex
from agreements.errors import Refused

if TYPE_CHECKING:
    from agreements.app import App


def follow_with_annex(app: App, participation_id: int) -> tuple[str, list[str]]:
    """Make and send the annex the participation lacks, if any: a clause for the action's
    message (empty when nothing was due) and the mail keys it queued. A refusal to send it
    (a party without a signatory …) does not undo the action: the annex waits as a draft,
    and the clause says why (`agreement send` sends it once the cause is fixed)."""
    try:
        made, keys = annex.ensure(app, participation_id)
    except Refused as exc:
        return f"; the annex of document types is not sent: {exc}", []
    if made is None:
        return "", keys
    return f"; annex of document types #{made} sent for signing", keys
