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


def last_gates(r: Row, org: str, organiser: str) -> tuple[str, str] | None:
    """The rollout report's step once the checklist is done: Vedlegg 1 (a kilde's) or the
    organiser's review of what the catalogue marks for review, as (what, on whom); None when
    only the go-live itself is left."""
    if step := annex_step(r, org, organiser):
        return step[0][:1].upper() + step[0][1:], step[1]
    if waiting := r.snapshot.unreviewed:
        more = f" og {len(waiting) - 1} til" if len(waiting) > 1 else ""
        return f"Gjennomgang: {waiting[0]}{more}", organiser
    return None
