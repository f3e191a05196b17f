"""The e-mail channel: an outbox row handed to the mail transport (SMTP, or .eml files),
written as bytes directly (`rawmail`), or by the email package where only it writes the
same bytes (`compose`)."""

from __future__ import annotations

from agreements.core.models import Document, OutboxMessage
from agreements.documents import store
from agreements.outbox import rawmail
from agreements.outbox.compose import build_email
from agreements.outbox.delivery import Channel, Mails


def send_email(work: Mails, message: OutboxMessage, documents: list[Document]) -> None:
    """Hand an e-mail to the mail transport of `work`."""
    name = f"{message.id:05d}-{store.safe_name(message.key)}"
    raw = rawmail.write(work, message, documents)
    if raw is None:
        work.mail().send(build_email(work, message, documents), name)
    else:
        work.mail().send_raw(raw, name)


def email_channel(work: Mails) -> Channel:
    """E-mail through the mail transport of `work` (built when the first message leaves)."""
    return Channel(lambda message, documents: send_email(work, message, documents))
