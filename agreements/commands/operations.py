"""Operator actions on the machinery itself: the outbox."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from agreements.commands.base import Command, Outcome, deliver
from agreements.errorcodes import Code
from agreements.errors import InvalidInput, Refused
from agreements.outbox import queue

if TYPE_CHECKING:
    from agreements.app import App


class RetryOutbox(Command):
    """Queue failed messages again (after fixing the cause) and deliver them."""

    ids: list[int] = Field(default_factory=list, title="Message ids",
                           description="see `outbox list`")
    all_failed: bool = Field(False, title="Every failed message")


def retry_outbox(app: App, cmd: RetryOutbox) -> Outcome:
    with app.transaction() as session:
        ids = ([m.id or 0 for m in queue.listing(session, "failed")] if cmd.all_failed
               else cmd.ids)
        if not ids and not cmd.all_failed:
            raise InvalidInput(Code.RETRY_NEEDS_IDS)
        keys = queue.requeue(app, session, ids)
    if not keys and cmd.all_failed:
        return Outcome(action="retry-outbox", message="no failed messages: nothing to retry")
    if not keys:
        raise Refused(Code.RETRY_NONE_FAILED)
    return Outcome(action="retry-outbox", message=f"{len(keys)} message(s) queued again",
                   **deliver(app, keys))
