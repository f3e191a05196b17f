"""Operator actions on the machinery itself: the database, the outbox."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, ClassVar

from pydantic import AfterValidator, Field

from agreements.access import policy
from agreements.access.policy import Rule
from agreements.commands.base import Command, Outcome, deliver
from agreements.core.bounded import ID_MAX
from agreements.core.fields import FieldProblem
from agreements.errorcodes import Code
from agreements.errors import InvalidInput, Refused
from agreements.outbox import queue

if TYPE_CHECKING:
    from agreements.app import App


class RetryOutbox(Command):
    """Queue failed messages again (after fixing the cause) and deliver them."""

    action: ClassVar[str] = "retry-outbox"
    rule: ClassVar[Rule] = policy.OPERATOR

    ids: list[Annotated[int, Field(gt=0, le=ID_MAX)]] = Field(
        default_factory=list, title="Message ids", description="see `outbox list`",
        max_length=10_000)
    all_failed: bool = Field(False, title="Every failed message")


def retry_outbox(app: App, cmd: RetryOutbox) -> Outcome:
    with app.transaction() as session:
        ids = ([m.id or 0 for m in queue.listing(session, "failed")] if cmd.all_failed
               else cmd.ids)
        if not ids and not cmd.all_failed:
            raise InvalidInput(Code.RETRY_NEEDS_IDS)
        keys = queue.requeue(app, session, ids)
    if not keys and cmd.all_failed:
        return Outcome(message="no failed messages: nothing to retry")
    if not keys:
        raise Refused(Code.RETRY_NONE_FAILED)
    return Outcome(message=f"{len(keys)} message(s) queued again",
                   **deliver(app, keys))


class DeliverOutbox(Command):
    """Deliver everything queued (SMTP when configured, else .eml files; NHN orders by their
    channel); a server that cannot be reached leaves the rest of its channel for later."""

    action: ClassVar[str] = "deliver-outbox"
    rule: ClassVar[Rule] = policy.SCHEDULED


class DeliveryOutcome(Outcome):
    sent: list[str] = Field(default_factory=list)
    failed: dict[str, str] = Field(default_factory=dict)  # failed for good: key → why
    left: int = 0  # left queued for a later delivery (a server down, a temporary failure)
    # claims whose lease ran out: sent again by the next delivery
    stale: list[str] = Field(default_factory=list)


def deliver_outbox(app: App, cmd: DeliverOutbox) -> DeliveryOutcome:
    from agreements.outbox import delivery, trouble

    report = delivery.deliver(app)
    with app.transaction() as session:
        stale = [f"#{t.id} to {t.recipient}: {t.note}" for t in trouble.troubles(session)
                 if t.kind == "stale"]
    return DeliveryOutcome(message=str(report), delivery=str(report), sent=report.sent,
                           failed=report.permanent_failures, left=report.queued, stale=stale)


class InitDatabase(Command):
    """Create or upgrade the database schema and load the reference data (idempotent)."""

    action: ClassVar[str] = "init"
    rule: ClassVar[Rule] = policy.OPERATOR


class InitOutcome(Outcome):
    database: str  # its URL, without a password
    revision_before: str | None
    revision_after: str | None
    changes: list[str] = Field(default_factory=list)
    anchor: str | None = None  # what sealing the audit anchor did, on the upgrade that does it


def init_database(app: App, cmd: InitDatabase) -> InitOutcome:
    from agreements.registry import bootstrap

    result = bootstrap.init(app)
    said = ", ".join(result.changes) if result.changes else "up to date"
    return InitOutcome(
        message=f"schema: {result.revision_before or 'none'} -> {result.revision_after}; "
                f"reference data: {said}",
        database=app.engine.url.render_as_string(hide_password=True),
        revision_before=result.revision_before, revision_after=result.revision_after,
        changes=result.changes, anchor=result.anchor)


class ExportDocuments(Command):
    """Write every stored document out as a file, under the names it is stored by
    (`documents/agreements/…`), for a person to open; wherever the store keeps them."""

    action: ClassVar[str] = "export-documents"
    rule: ClassVar[Rule] = policy.OPERATOR

    out_dir: str = Field(title="Folder", min_length=1, max_length=4096,
                         description="where to write the files, on the machine that runs it")


class ExportOutcome(Outcome):
    folder: str
    written: int  # files written (new, or replacing other bytes)
    unchanged: int  # files already there with the same bytes


def export_documents(app: App, cmd: ExportDocuments) -> ExportOutcome:
    from pathlib import Path, PurePosixPath

    from sqlmodel import col, select

    from agreements.core.models import Document
    from agreements.documents.store import write_atomically

    folder = Path(cmd.out_dir).resolve()
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(Code.EXPORT_NOT_A_FOLDER, path=str(folder))
    with app.transaction() as session:
        documents = list(session.exec(select(Document).order_by(col(Document.id))))
    written = unchanged = 0
    for doc in documents:  # one at a time: the bytes are read (and checked) as they are written
        target = folder.joinpath(*PurePosixPath(doc.path).parts)
        data = app.documents.read(doc)
        if target.is_file() and target.read_bytes() == data:
            unchanged += 1
            continue
        write_atomically(target, data)
        written += 1
    return ExportOutcome(message=f"{len(documents)} document(s) under {folder}: {written} "
                                 f"written, {unchanged} already there", folder=str(folder),
                         written=written, unchanged=unchanged)


def _head(value: str) -> str:
    """An audit head as a report or a run's artifact prints it (`anchor.Head`)."""
    from agreements.core.anchor import Head

    try:
        return str(Head.parse(value))
    except ValueError:
        raise FieldProblem(Code.AUDIT_HEAD_MALFORMED, option="heads", value=value) from None


class VerifyAudit(Command):
    """Check every event's seal and link, the anchored heads, and that the tables hold what
    the events imply (a status changed without an event is found)."""

    action: ClassVar[str] = "verify-audit"
    rule: ClassVar[Rule] = policy.OPERATOR

    heads: list[Annotated[str, Field(max_length=200), AfterValidator(_head)]] = Field(
        default_factory=list, title="Audit heads", max_length=100,
        description="heads copied from a report or a Prefect artifact (`seq:mac`)")


def verify_audit(app: App, cmd: VerifyAudit) -> Outcome:
    from agreements.core import verification
    from agreements.core.anchor import Head

    found = verification.verify(app, app.audit_signer().key, app.settings.anchor_path,
                                [Head.parse(h) for h in cmd.heads])
    return Outcome(message=found.line())

