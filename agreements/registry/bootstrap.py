"""`avtaleflyt init`: create or upgrade the schema, then load the reference data.

Running it again changes nothing: migrations already applied are skipped and reference rows
are only written (and audited) when they differ from the shipped data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sqlmodel import Session, select

from agreements import reference
from agreements.core import anchor, audit
from agreements.core.enums import Kind
from agreements.core.models import CollaborationArea, Organisation
from agreements.core.ports import Work
from agreements.reference import deadlines

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from agreements.core.auditkey import Signer

MIGRATIONS = Path(__file__).resolve().parent.parent / "core" / "migrations"


class Installs(Work, Protocol):
    """A unit of work with the engine itself (migrations run on a connection of their own)
    and the audit key (the upgrade that seals the anchor)."""

    @property
    def engine(self) -> Engine: ...

    def audit_signer(self) -> Signer: ...


# Databases from before the audit anchor was sealed: the `init` that upgrades one seals it.
BEFORE_SEALED_ANCHOR = frozenset({"0001", "0002_portal", "0003_documents", "0004_signing",
                                  "0005_reliability", "0006_contact_removed",
                                  "i21b_portal_sessions"})
# Databases from before the shared anchor (auditanchor): the `init` that upgrades one fills it.
BEFORE_SHARED_ANCHOR = BEFORE_SEALED_ANCHOR | {"i22_letter_claims", "i16_signer_identity"}


@dataclass
class InitResult:
    revision_before: str | None
    revision_after: str | None
    changes: list[str]
    anchor: str | None = None  # what sealing the audit anchor did, on the upgrade that does it


def migrate(work: Installs) -> tuple[str | None, str | None]:
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with work.engine.begin() as connection:
        before = MigrationContext.configure(connection).get_current_revision()
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")
        after = MigrationContext.configure(connection).get_current_revision()
    return before, after


def load_reference(work: Work, session: Session) -> list[str]:
    changes: list[str] = []
    orgs: dict[str, Organisation] = {}
    for spec in reference.organisers().values():
        kind = Kind.ORGANISATOR if spec.rolle == "organisator" else Kind.TJENESTELEVERANDOR
        org = session.exec(select(Organisation).where(Organisation.orgnr == spec.orgnr)).first()
        if org is None:
            org = Organisation(orgnr=spec.orgnr, navn=spec.navn, kind=kind, source="reference",
                               created_at=work.clock.now())
            session.add(org)
            changes.append(f"organisation {spec.navn}")
        elif (org.navn, org.kind) != (spec.navn, kind):
            org.navn, org.kind = spec.navn, kind
            changes.append(f"organisation {spec.navn} updated")
        session.flush()
        orgs[spec.key] = org
    for area_spec in reference.areas().values():
        wanted: dict[str, Any] = {
                  "name": area_spec.name, "member_kind": area_spec.member_kind.value,
                  "organiser_id": orgs[area_spec.organiser].id,
                  "template": area_spec.template,
                  "fylker": " ".join(area_spec.fylker)}
        area = session.exec(
            select(CollaborationArea).where(CollaborationArea.key == area_spec.key)
        ).first()
        if area is None:
            session.add(CollaborationArea(key=area_spec.key, **wanted))
            changes.append(f"area {area_spec.key}")
        elif any(getattr(area, k) != v for k, v in wanted.items()):
            for k, v in wanted.items():
                setattr(area, k, v)
            changes.append(f"area {area_spec.key} updated")
    if changes:
        audit.record(session, actor=work.actor, action="reference.loaded", subject="reference",
                     data={"changes": changes})
    return changes


def seal_anchor(work: Installs) -> str:
    """Seal the anchor of a log from before anchors were sealed, once, on the upgrade: the
    old anchor kept when the log matches it, and the unkeyed events of before the key
    (revision 0005) recorded as the only ones that may stay unkeyed. Only this upgrade may;
    afterwards an unsealed anchor or unkeyed event is forged."""
    key, where = work.audit_signer().key, work.settings.anchor_path
    old = anchor.unsealed(where)
    with work.transaction() as session:
        legacy = audit.legacy_prefix(session)
        result = audit.verify(session, legacy)
        problem = result.problem if not result.ok else anchor.check(session, old, "old anchor")
    if problem:
        return f"not sealed, the log does not verify: {problem}"
    if result.head is None:
        return "nothing to seal yet"
    anchor.save(where, key, *result.head, legacy_until=legacy, adopt=True)
    return f"sealed at event {result.head[0]} ({legacy} unkeyed event(s) from before the key)"


def share_anchor(work: Installs) -> str:
    """Fill the head every process shares (`anchor.save_shared`) on the upgrade that brings
    it: the head of a log that verifies against the anchor file, with the file's record of
    unkeyed events; from the log's head when there is no file."""
    key = work.audit_signer().key
    try:
        held = anchor.load(work.settings.anchor_path, key)
    except ValueError as exc:
        return f"not shared, the anchor file is forged or damaged: {exc}"
    legacy = held.legacy_until if held else 0
    with work.transaction() as session:
        result = audit.verify(session, legacy)
        problem = result.problem if not result.ok else anchor.check(session, held, "anchor file")
        if problem is None and result.head is not None:
            anchor.save_shared(session, key, *result.head, legacy_until=legacy,
                               first=held.remade_from if held else result.head[0])
    if problem:
        return f"not shared, the log does not verify: {problem}"
    return f"shared in the database at event {result.head[0]}" if result.head else ""


def init(work: Installs) -> InitResult:
    before, after = migrate(work)
    sealed = seal_anchor(work) if before in BEFORE_SEALED_ANCHOR else None
    if before in BEFORE_SHARED_ANCHOR:
        sealed = "; ".join(filter(None, [sealed, share_anchor(work)])) or None
    with work.transaction() as session:
        changes = load_reference(work, session)
        moved = deadlines.refresh(session)  # the catalogue's rules may have changed
    if moved:
        changes.append(f"due dates of {moved} open checklist item(s) counted from the events "
                       "they follow")
    return InitResult(before, after, changes, sealed)
