"""The follow-up's actions: one small frozen dataclass per kind, with the fields that kind needs.

The planner (`plan`) makes them; `apply` carries each out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar


class Action:
    """One thing the follow-up does; each kind is a small frozen dataclass below.

    `key` is the outbox key of the message it sends (None when it sends none itself).
    """

    kind: ClassVar[str]
    key: str | None = None

    @property
    def subject(self) -> str:
        raise NotImplementedError

    @property
    def number(self) -> int:
        return 0

    def row(self) -> dict[str, Any]:
        """What the run's table shows of it."""
        day = getattr(self, "day", None)
        return {"kind": self.kind, "subject": self.subject, "key": self.key,
                "number": self.number, "day": day}


@dataclass(frozen=True)
class Remind(Action):
    kind: ClassVar[str] = "remind"
    signature_id: int = 0
    reminder: int = 0
    key: str | None = None

    @property
    def subject(self) -> str:
        return f"signature:{self.signature_id}"

    @property
    def number(self) -> int:
        return self.reminder


@dataclass(frozen=True)
class Escalate(Action):
    kind: ClassVar[str] = "escalate"
    signature_id: int = 0
    key: str | None = None

    @property
    def subject(self) -> str:
        return f"signature:{self.signature_id}"


@dataclass(frozen=True)
class Lapse(Action):
    kind: ClassVar[str] = "lapse"
    agreement_id: int = 0

    @property
    def subject(self) -> str:
        return f"agreement:{self.agreement_id}"


@dataclass(frozen=True)
class Notice(Action):
    """One rung of a ladder: a checklist item's reminder `count`, or its escalation after
    `count` reminders (the last on `last`), or chase `count` of an NHN order. Sent with
    everything else due for the same person that day, in one e-mail (`followup.notices`), so
    it has no key of its own."""

    kind: ClassVar[str] = "notice"
    subject_key: str = ""  # item:<id> | order:<id>
    participation_id: int = 0
    notice: str = "reminder"  # reminder | escalation
    count: int = 0
    last: date | None = None

    @property
    def subject(self) -> str:
        return self.subject_key

    @property
    def number(self) -> int:
        return self.count

    def row(self) -> dict[str, Any]:
        kind = "order_chase" if self.subject_key.startswith("order:") else f"item_{self.notice}"
        return {**super().row(), "kind": kind}


@dataclass(frozen=True)
class ExpiryWarning(Action):
    kind: ClassVar[str] = "expiry_warning"
    agreement_id: int = 0
    window: int = 0  # the warning window it falls in (days before expiry)
    key: str | None = None

    @property
    def subject(self) -> str:
        return f"agreement:{self.agreement_id}"

    @property
    def number(self) -> int:
        return self.window


@dataclass(frozen=True)
class RenewalDraft(Action):
    kind: ClassVar[str] = "renewal_draft"
    participation_id: int = 0
    agreement_id: int = 0  # the active agreement the draft will replace

    @property
    def subject(self) -> str:
        return f"agreement:{self.agreement_id}"


@dataclass(frozen=True)
class Activate(Action):
    kind: ClassVar[str] = "activate"
    agreement_id: int = 0

    @property
    def subject(self) -> str:
        return f"agreement:{self.agreement_id}"


@dataclass(frozen=True)
class Expire(Action):
    kind: ClassVar[str] = "expire"
    agreement_id: int = 0

    @property
    def subject(self) -> str:
        return f"agreement:{self.agreement_id}"


@dataclass(frozen=True)
class OpenOccurrence(Action):
    kind: ClassVar[str] = "open_occurrence"
    participation_id: int = 0
    process: str = ""
    day: date | None = None

    @property
    def subject(self) -> str:
        return f"participation:{self.participation_id}"
