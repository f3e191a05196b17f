"""Operator actions on the machinery itself: the outbox."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from pydantic import Field

from agreements.commands.base import Command, Outcome, deliver
from agreements.core.bounded import ID_MAX
from agreements.errors import InvalidInput, Refused
from agreements.outbox import queue

if TYPE_CHECKING:
    from agreements.app import App


class RetryOutbox(Command):
    """Queue failed messages again (after fixing the cause) and deliver them."""

    ids: list[Annotated[int, Field(gt=0, le=ID_MAX)]] = Field(
        default_factory=list, title="Message ids", description="see `outbox list`",
        max_length=10_000)
    all_failed: bool = Field(False, title="Every failed message")


def retry_outbox(app: App, cmd: RetryOutbox) -> Outcome:
    with app.transaction() as session:
        ids = ([m.id or 0 for m in queue.listing(session, "failed")] if cmd.all_failed
               else cmd.ids)
        if not ids and not cmd.all_failed:
            raise InvalidInput("give message ids (see `avtaleflyt outbox list`) or --all-failed")
        keys = queue.requeue(app, session, ids)
    if not keys and cmd.all_failed:
        return Outcome(action="retry-outbox", message="no failed messages: nothing to retry")
    if not keys:
        raise Refused("none of those messages has failed")
    return Outcome(action="retry-outbox", message=f"{len(keys)} message(s) queued again",
                   **deliver(app, keys))
