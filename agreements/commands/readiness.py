"""The readiness checklist and go-live: tick off, waive, reopen an item; go live."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal
from urllib.parse import urlsplit

from pydantic import Field, ValidationInfo, field_validator

from agreements import reference
from agreements.access import policy
from agreements.access.actors import Person
from agreements.access.policy import Rule
from agreements.commands.annexes import follow_with_annex
from agreements.commands.base import (
    Command,
    Email,
    Line,
    OptionalLine,
    OptionalText,
    Orgnr,
    Outcome,
    Reason,
    RoleChoice,
    deliver,
)
from agreements.core.addresses import has_credentials
from agreements.core.fields import FieldProblem
from agreements.core.models import ChecklistItem, Participation
from agreements.documents.uploads import Upload, load
from agreements.errorcodes import Code
from agreements.errors import InvalidInput
from agreements.readiness import checklist, golive, waivers
from agreements.registry.lookup import participation_of

if TYPE_CHECKING:
    from sqlmodel import Session

    from agreements.app import App

ItemKey = Field(title="Checklist item", min_length=1, max_length=40,
                description="its key, e.g. risikovurdering or dpia (see `checklist show`)")


DocumentType = Annotated[Line, Field(min_length=1, max_length=300)]


class CompleteItem(Command):
    """Tick off a checklist item with its evidence: a file, a link, or who confirms it.
    The forhåndsvurdering av dokumenttyper also records the document types it chose."""

    action: ClassVar[str] = "complete-checklist-item"
    rule: ClassVar[Rule] = policy.CHECKLIST

    orgnr: Orgnr
    item: str = ItemKey
    evidence_url: OptionalLine = Field(None, title="Evidence link", max_length=1000,
                                       description="an https:// link to the evidence")
    evidence_file: Upload | None = Field(None, title="Evidence file")
    by: OptionalLine = Field(None, title="Done by", max_length=200,
                             description="who did it or confirms it")
    document_types: list[DocumentType] = Field(
        default_factory=list, title="Document types", max_length=50,
        description="only for forhandsvurdering_dokumenttyper: each type chosen, as "
                    "'Name' or 'Name: description'; they go into Vedlegg 1")
    same_evidence_reason: OptionalText = Field(
        None, title="Same evidence as another item", max_length=2000,
        description="only the organiser's coordinator: why a file that is already another "
                    "mandatory item's evidence is accepted for this one too")
    role: RoleChoice = None

    @field_validator("evidence_url")
    @classmethod
    def _link(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and not (urlsplit(value).scheme in ("http", "https")
                                      and urlsplit(value).hostname):
            raise FieldProblem(Code.EVIDENCE_LINK_INVALID)
        if value is not None and has_credentials(value):  # it would be stored and shown
            raise InvalidInput(Code.EVIDENCE_URL_CREDENTIALS, item=info.data.get("item", "?"))
        return value


class WaiveItem(Command):
    """Waive a checklist item, with the reason. A mandatory one is the organiser's decision:
    only its coordinator waives it (signed in, or named in `by`)."""

    action: ClassVar[str] = "waive-checklist-item"
    rule: ClassVar[Rule] = policy.WAIVERS

    orgnr: Orgnr
    item: str = ItemKey
    reason: Reason
    by: Email | None = Field(None, title="Decided by",
                             description="a mandatory item: the organiser's coordinator whose "
                                         "decision it is (in the portal: whoever is signed in)")
    role: RoleChoice = None


class ReopenItem(Command):
    """Open a done or waived checklist item again."""

    action: ClassVar[str] = "reopen-checklist-item"
    rule: ClassVar[Rule] = policy.OPERATOR

    orgnr: Orgnr
    item: str = ItemKey
    reason: OptionalLine = Field(None, title="Reason", max_length=2000)
    role: RoleChoice = None


class ReviewItem(Command):
    """The organiser's review of a done item's evidence: accept it, or send it back with a
    reason (the item opens again and the organisation is told by e-mail)."""

    action: ClassVar[str] = "review-checklist-item"
    rule: ClassVar[Rule] = policy.COORDINATORS

    orgnr: Orgnr
    item: str = ItemKey
    decision: Literal["accept", "send_back"] = Field(title="Decision",
                                                     description="accept or send_back")
    reason: OptionalText = Field(None, title="Reason", max_length=2000,
                                 description="why it is sent back (told to the organisation)")
    role: RoleChoice = None


class GoLive(Command):
    """Mark a participation live; refused, naming every open gate, until all are closed."""

    action: ClassVar[str] = "go-live"
    rule: ClassVar[Rule] = policy.COORDINATORS

    orgnr: Orgnr
    live_on: date | None = Field(None, title="Go-live date", description="empty means today")
    role: RoleChoice = None


def _on_item(app: App, cmd: CompleteItem | WaiveItem | ReopenItem | ReviewItem,
             change: Callable[[Session, Participation], ChecklistItem],
             said: Callable[[ChecklistItem], str]) -> Outcome:
    """Change one item of the participation's checklist in one transaction."""
    pid = participation_of(app, cmd.orgnr, cmd.role)
    with app.transaction() as session:
        found = session.get(Participation, pid)
        assert found is not None
        item = change(session, found)
        return Outcome(orgnr=cmd.orgnr, participation_id=pid, message=said(item))


def complete_item(app: App, cmd: CompleteItem) -> Outcome:
    evidence = checklist.Evidence(
        url=cmd.evidence_url,
        file_name=cmd.evidence_file.filename if cmd.evidence_file else None,
        data=load(app, cmd.evidence_file) if cmd.evidence_file else None)
    outcome = _on_item(app, cmd,
                       lambda s, p: checklist.complete(app, s, p, cmd.item, evidence, cmd.by,
                                                       cmd.document_types,
                                                       cmd.same_evidence_reason),
                       lambda item: f"{item.process_key}: done by {item.done_by}"
                                    + (f" ({len(cmd.document_types)} document type(s))"
                                       if cmd.document_types else ""))
    if cmd.item != reference.DOCUMENT_TYPES_ITEM:
        return outcome
    note, keys = follow_with_annex(app, outcome.participation_id or 0)
    return outcome.model_copy(update={"message": outcome.message + note, **deliver(app, keys)})


def waive_item(app: App, cmd: WaiveItem) -> Outcome:
    by = app.who.email if isinstance(app.who, Person) else cmd.by
    return _on_item(app, cmd,
                    lambda s, p: waivers.waive(app, s, p, cmd.item, cmd.reason, by),
                    lambda item: f"{item.process_key}: waived ({item.reason})")


def reopen_item(app: App, cmd: ReopenItem) -> Outcome:
    return _on_item(app, cmd,
                    lambda s, p: checklist.reopen(app, s, p, cmd.item, cmd.reason),
                    lambda item: f"{item.process_key}: open again, due "
                                 + (item.due_on.isoformat() if item.due_on
                                    else "once what it follows has happened"))


def review_item(app: App, cmd: ReviewItem) -> Outcome:
    keys: list[str] = []

    def change(session: Session, participation: Participation) -> ChecklistItem:
        item, queued = checklist.review(app, session, participation, cmd.item,
                                        accept=cmd.decision == "accept", reason=cmd.reason)
        keys.extend(queued)
        return item

    outcome = _on_item(app, cmd, change,
                       lambda item: f"{cmd.item}: " + ("accepted" if cmd.decision == "accept"
                                                       else "sent back, open again"))
    return outcome.model_copy(update=deliver(app, keys))


def go_live(app: App, cmd: GoLive) -> Outcome:
    pid = participation_of(app, cmd.orgnr, cmd.role)
    found = golive.go_live(app, pid, cmd.live_on)
    return Outcome(orgnr=cmd.orgnr, participation_id=pid,
                   message=f"live since {found.live_on}")
