"""Each mandatory checklist item needs its own evidence: one file («Risikovurdering, DPIA og
rutiner …») handed in for every item proves none of them. A file is the same when its SHA-256
is; the organiser's coordinator may accept it for a second item with a reason, which is kept
on the item and in the audit log."""

from __future__ import annotations

import hashlib

from sqlmodel import Session, col, select

from agreements import reference
from agreements.core.enums import ItemStatus
from agreements.core.models import ChecklistItem, Document
from agreements.errorcodes import Code
from agreements.errors import Refused


def require_own(session: Session, item: ChecklistItem, data: bytes,
                shared_reason: str | None) -> str | None:
    """The reason the file may serve `item` too (None: it is its own), or refused naming the
    mandatory item whose evidence it already is."""
    mandatory = {p.key: p.title for p in reference.processes() if p.mandatory}
    if item.process_key not in mandatory:
        return None
    sha = hashlib.sha256(data).hexdigest()
    other = session.exec(select(ChecklistItem.process_key).join(
        Document, col(Document.id) == ChecklistItem.evidence_id).where(
        ChecklistItem.participation_id == item.participation_id,
        ChecklistItem.occurrence == "", ChecklistItem.status == ItemStatus.DONE,
        ChecklistItem.process_key != item.process_key,
        col(ChecklistItem.process_key).in_(sorted(mandatory)),
        Document.sha256 == sha)).first()
    if other is None:
        return None
    if shared_reason and shared_reason.strip():
        return shared_reason.strip()
    raise Refused(Code.EVIDENCE_REUSED, title=mandatory[item.process_key],
                  other=mandatory[other])
