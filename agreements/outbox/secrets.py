"""A message's secret (a sign-in link's token), kept in its stored extras only until the
message has left or was given up."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agreements.core.models import OutboxMessage

FORGOTTEN = "[fjernet etter utsending]"


def forget_secret(message: OutboxMessage) -> None:
    """A message's secret (a sign-in link's token) is kept only until it has left or was
    given up: whichever process delivers it, the stored copy no longer holds it."""
    extra, secret = kept_secret(message)
    if secret is not None:
        del extra["secret"]
        message.body = message.body.replace(secret, FORGOTTEN)
        message.attachments = json.dumps(extra)


def kept_secret(message: OutboxMessage) -> tuple[dict[str, object], str | None]:
    """The message's stored extras, and the secret among them (None if it keeps none)."""
    try:
        extra = json.loads(message.attachments or "{}")
    except ValueError:
        return {}, None
    if not isinstance(extra, dict) or not extra.get("secret"):
        return extra if isinstance(extra, dict) else {}, None
    return extra, str(extra["secret"])
