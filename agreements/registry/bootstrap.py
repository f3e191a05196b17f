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
from agreements.core import audit
from agreements.core.enums import Kind
from agreements.core.models import CollaborationArea, Organisation
from agreements.core.ports import Work

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).resolve().parent.parent / "core" / "migrations"


class Installs(Work, Protocol):
    """A unit of work with the engine itself: migrations run on a connection of their own."""

    @property
    def engine(self) -> Engine: ...


@dataclass
class InitResult:
    revision_before: str | None
    revision_after: str | None
    changes: list[str]


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


def init(work: Installs) -> InitResult:
    before, after = migrate(work)
    with work.transaction() as session:
        changes = load_reference(work, session)
    return InitResult(before, after, changes)
