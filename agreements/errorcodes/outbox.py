"""The outbox: queuing, composing and delivering messages, and retrying them."""

from __future__ import annotations

from agreements.errorcodes.base import code


class OutboxCodes:
    OUTBOX_VALUE_TOO_LONG = code(
        "outbox.too_long", "what", "length", "limit",
        says="outbox {what} is {length} characters; the limit is {limit}")
    NO_CHANNEL = code(
        "outbox.no_channel", "channel",
        says="no channel {channel!r} to send it through")
    RETRY_NEEDS_IDS = code(
        "outbox.retry_needs_ids",
        says="give message ids or ask for every failed message")
    RETRY_NONE_FAILED = code("outbox.retry_none_failed", says="none of those messages has failed")
    MAIL_NOT_TAKEN = code(
        "mail.not_taken", "reason",
        says="mail server cannot take this message: {reason}")
    MAIL_RECIPIENT_REFUSED = code(
        "mail.recipient_refused", "codes",
        says="mail server refused the recipient: {codes}")
    MAIL_UNAVAILABLE = code(
        "mail.unavailable", "reason",
        says="mail server unavailable: 421 {reason!r}")
    MAIL_REFUSED = code(
        "mail.refused", "status", "reason",
        says="mail server refused: {status} {reason!r}")
    MAIL_UNREACHABLE = code(
        "mail.unreachable", "server", "reason",
        says="mail server {server} unreachable: {reason}")
    ADDRESS_CONTROL = code(
        "message.address_control_character", "field", "value",
        says="{field} {value!r} contains a control character")
    ADDRESS_INVALID = code(
        "message.address_invalid", "field", "value", "reason",
        says="{field} {value!r} is not an address: {reason}")
    ADDRESS_NOT_ONE = code(
        "message.address_not_one", "field", "value", "count",
        says="{field} {value!r} must be one address, found {count}")
    MESSAGE_CONTROL = code(
        "message.control_character",
        says="the subject or key contains a control character")
    MESSAGE_UNBUILDABLE = code("message.unbuildable", "reason", says="cannot be built: {reason}")
    ATTACHMENT_UNREADABLE = code(
        "message.attachment_unreadable", "reason",
        says="an attachment cannot be read: {reason}")
