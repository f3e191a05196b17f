"""What a poll's batch of changes reads at once, before its changes are recorded or planned:
the agreements (locked, in the order of their ids, where that is asked), their jobs, parties
and contacts (`parties.preload_parties`), and each agreement's signatures with whom each asks,
in a few queries for the batch rather than several for each change. The rows are held for
the session's life (`core.db.preload`), so a `session.get` of one finds it without a query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlmodel import Session, col, select

from agreements.contracts.parties import preload_parties
from agreements.core.db import chunks, preload
from agreements.core.models import Agreement, Contact, Signature, SigningJob

People = list[tuple[Signature, Contact | None]]  # an agreement's signatures, in signing order
Signers = dict[int, People]  # by agreement id


def batch(session: Session, job_ids: Sequence[int], agreement_ids: Sequence[int], *,
          for_update: bool = False) -> Signers:
    """Read the batch's rows (module docstring); each agreement's signatures and contacts."""
    agreements = preload(session, Agreement, agreement_ids, for_update=for_update)
    preload(session, SigningJob, job_ids)
    preload_parties(session, [a.participation_id for a in agreements])
    return signers(session, [a.id for a in agreements if a.id is not None])


def signers(session: Session, agreement_ids: Sequence[int]) -> Signers:
    """Each agreement's signatures in signing order, with the contact each asks."""
    found: list[Signature] = []
    for part in chunks(agreement_ids):
        found += session.exec(select(Signature).where(col(Signature.agreement_id).in_(part))
                              .order_by(col(Signature.agreement_id), col(Signature.position)))
    contacts = {c.id: c for c in preload(session, Contact, [s.contact_id for s in found])}
    out: Signers = defaultdict(list)
    for sig in found:
        out[sig.agreement_id].append((sig, contacts.get(sig.contact_id)))
    return out
