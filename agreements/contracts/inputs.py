"""What a kilde's agreement is generated from, and the fingerprint of it.

The parties, who signs for each (with title) and every contact of both, rendered from the
template the organiser uses (its own when it has one, `template`). The document types the
forhåndsvurdering chose (`assessment`) are not in it: they are the annex's
(`contracts.annex`). A draft
records the fingerprint of these inputs and of its template; when they differ at sending time
the draft is out of date and is generated again (`contracts.regenerate`).
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, select

from agreements import reference
from agreements.contracts.parties import Parties, people, signatory_of
from agreements.core.calendar import OSLO
from agreements.core.enums import ItemStatus
from agreements.core.models import ChecklistItem, Document, Organisation
from agreements.documents import render
from agreements.documents.contexts import (
    Assessment,
    Person,
    agreement_context,
    agreement_number,
)

if TYPE_CHECKING:
    from agreements.core.ports import Work

# Context keys that name the document itself rather than what it says.
_OWN = ("nummer", "versjon", "dato")


def signatory(session: Session, org: Organisation) -> Person | None:
    """Who signs for `org`, as the draft names them (`parties.signatory_of`)."""
    c = signatory_of(session, org)
    return Person(c.name, c.email, c.role, org.navn, c.title or "") if c else None


def assessment(session: Session, participation_id: int) -> Assessment | None:
    """The done forhåndsvurdering av dokumenttyper with the types it chose, if any."""
    item = session.exec(select(ChecklistItem).where(
        ChecklistItem.participation_id == participation_id,
        ChecklistItem.process_key == reference.DOCUMENT_TYPES_ITEM,
        ChecklistItem.occurrence == "", ChecklistItem.status == ItemStatus.DONE)).first()
    if item is None or not item.document_types or item.done_at is None:
        return None
    types = tuple((t["navn"], t.get("beskrivelse", "")) for t in json.loads(item.document_types))
    doc = session.get(Document, item.evidence_id) if item.evidence_id else None
    evidence = item.evidence_url or (doc.path.rsplit("/", 1)[-1] if doc else item.done_by or "")
    return Assessment(item.done_at.astimezone(OSLO).date(), evidence, types)


def context(work: Work, session: Session, p: Parties, version: int) -> dict[str, Any]:
    """The agreement's template context for version `version`, as of now."""
    return agreement_context(
        nummer=agreement_number(p.area.key, p.org.orgnr, version), versjon=version,
        dato=work.clock.today(), omraade=p.area.name, virksomhet=p.party(p.org),
        organisator=p.party(p.organiser),
        prosesser=[x for x in reference.processes() if x.in_agreement],
        kontakter=people(session, p.org, p.organiser),
        signatarer=(signatory(session, p.org), signatory(session, p.organiser)),
        bekreftet=(confirmed.astimezone(OSLO).date()
                   if (confirmed := p.participation.organiser_confirmed_at) else None),
    )


def template(work: Work, p: Parties, name: str | None = None) -> str:
    """The template of the area (or `name`) as the organiser has it: its own when it has one
    in its folder beside the shipped ones."""
    return render.template_for(work.settings.templates_dir,
                               reference.organiser_key(p.organiser.orgnr),
                               name or p.area.template)


def fingerprint(ctx: dict[str, Any], template: str, template_sha256: str) -> str:
    """SHA-256 of what the document says (not its number, version or date) and its template."""
    said = {**ctx, "avtale": {k: v for k, v in ctx["avtale"].items() if k not in _OWN}}
    blob = json.dumps([said, template, template_sha256], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()
