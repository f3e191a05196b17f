"""The follow-up's and the report's own bookkeeping: what each person's e-mail of the day
carried (the reminder ladder counts it) and where each organisation stood on a report's day
(the next week's report compares with it). Re-exported by `core.models`."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

S = sa.String(40)


class FollowUpNotice(SQLModel, table=True):
    """One item of a follow-up e-mail: a reminder about, or an escalation of, one thing owed
    (a signature, a checklist item, an NHN order), in the message queued to one person on one
    day. Written with that message, so the reminder ladder counts what was really queued."""

    __table_args__ = (sa.UniqueConstraint("message_key", "subject", "kind"),)
    id: int | None = Field(default=None, primary_key=True)
    message_key: str = Field(sa_type=sa.String(500), index=True)
    subject: str = Field(sa_type=sa.String(80), index=True,
                         description="signature:<id> | item:<id> | order:<id>")
    kind: str = Field(sa_type=S, description="reminder | escalation")
    number: int = Field(description="the reminder's number; an escalation's reminders before")
    day: date
    recipient: str = Field(sa_type=sa.String(254))


class ReportMark(SQLModel, table=True):
    """Where each organisation and role stood on a day a rollout report was made (the phase and
    what it waited for, as the report wrote them): what a later report's «Endringer siste uke»
    compares with."""

    __table_args__ = (sa.UniqueConstraint("day", "orgnr", "role"),)
    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(index=True)
    orgnr: str = Field(sa_type=sa.String(20))
    role: str = Field(default="", sa_type=sa.String(20), description="'' when not registered")
    phase: str = Field(sa_type=sa.String(40))
    waiting: str = Field(default="", sa_type=sa.String(300))
