"""What Vedlegg 1, the annex of document types, waits for: made once the agreement has gone
out and the forhåndsvurdering chose its types, then signed by the organisation and after it
the organiser (two signers in order, so the annex's status says whose turn it is)."""

from __future__ import annotations

from agreements.core.enums import AgreementStatus
from agreements.core.lifecycle import IN_FORCE, OUT_FOR_SIGNING
from agreements.reporting.tables import states_chosen
from agreements.reporting.views import Row


def annex_step(r: Row, org: str, organiser: str) -> tuple[str, str, bool] | None:
    """(what, on whom, whether the organisation itself must act), or None: nothing due."""
    a, x = r.agreement, r.annex
    if a is None or a.status not in IN_FORCE | OUT_FOR_SIGNING or not r.chosen_types:
        return None
    if x is None or (x.status in IN_FORCE and not states_chosen(x, r.chosen_types)):
        return "vedlegg 1 om dokumenttyper lages og sendes", organiser, False
    if x.status not in OUT_FOR_SIGNING:
        return None
    first = x.status == AgreementStatus.SENT
    return "signatur på vedlegg 1 om dokumenttyper", org if first else organiser, first
