"""What every command shares: its input model's base, the field types people fill in, turning
a validation error into one line naming the field, and the outcome a front door shows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from agreements.access.policy import Rule
from agreements.core.calendar import OSLO
from agreements.core.fields import FieldProblem, invalid
from agreements.errorcodes import Code

if TYPE_CHECKING:
    from agreements.app import App


def _orgnr(value: str) -> str:
    from agreements.registry.orgnr import normalise

    return normalise(value)


def _email(value: str) -> str:
    from agreements.registry.contacts import check_email

    return check_email(value)


def _line(value: str | None) -> str | None:
    """One line of printable text: no control, format or separator characters."""
    from agreements.core.text import has_control

    if value is not None and has_control(value):
        raise FieldProblem(Code.FIELD_CONTROL)
    return value


def _text(value: str | None) -> str | None:
    """Printable text that may span lines (a reason): line breaks and tabs only."""
    from agreements.core.text import has_control

    if value is not None and has_control(value.replace("\n", "").replace("\t", "")
                                         .replace("\r", "")):
        raise FieldProblem(Code.FIELD_TEXT_CONTROL)
    return value


def _moment(value: datetime | None) -> datetime | None:
    """A time without a zone is Norwegian local time."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=OSLO)
    return value


Orgnr = Annotated[str, AfterValidator(_orgnr), Field(
    title="Organisasjonsnummer", description="9 digits; spaces allowed", max_length=20)]
Email = Annotated[str, AfterValidator(_email), Field(title="E-mail", max_length=254)]
Reason = Annotated[str, AfterValidator(_text), Field(
    title="Reason", min_length=1, max_length=2000,
    description="Recorded in the audit log and told to those concerned")]
Line = Annotated[str, AfterValidator(_line)]
OptionalLine = Annotated[str | None, AfterValidator(_line)]
OptionalText = Annotated[str | None, AfterValidator(_text)]
Moment = Annotated[datetime | None, AfterValidator(_moment), Field(
    title="When", description="ISO time; without a zone it is Norwegian time; empty means now")]
RoleChoice = Annotated[Literal["kilde", "konsument"] | None, Field(
    title="Participation", description="kilde or konsument, when the organisation is both")]


class Command(BaseModel):
    """The input of one action: typed fields with titles, so every front door shows them.

    Each command says once what it is called (`action`: also its flow's and deployment's
    name) and who may run it (`rule`, from `agreements.access.policy`)."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)
    action: ClassVar[str]
    rule: ClassVar[Rule]


class Outcome(BaseModel):
    """What an action did: a one-line summary and what it concerned, for any front door.
    `action` is filled in by `execute` from the command."""

    action: str = ""
    message: str
    orgnr: str | None = None
    agreement_id: int | None = None
    participation_id: int | None = None
    delivery: str | None = None
    queued: list[str] = []  # the keys of the messages it queued (delivered at once)
    undelivered: list[str] = []  # of those, the keys that failed for good (`outbox list`)
    waiting: int = 0  # of those, how many are left queued (their server was down)


C = TypeVar("C", bound=BaseModel)


def build(model: type[C], **values: Any) -> C:
    """Validate `values` into `model`; a bad value is one line naming its field."""
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        raise invalid(exc, model) from None


def deliver(app: App, keys: Sequence[str]) -> dict[str, Any]:
    """Deliver the messages an action queued, at once; the rest of the queue waits its turn.
    The Outcome's `delivery` and `queued` fields (`Outcome(..., **deliver(app, keys))`)."""
    if not keys:
        return {"delivery": None, "queued": []}
    from agreements.outbox.delivery import deliver as send

    report = send(app, keys=keys)
    return {"delivery": str(report), "queued": list(keys),
            "undelivered": sorted(report.permanent_failures), "waiting": report.queued}
