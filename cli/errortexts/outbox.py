"""The command line's English for the outbox codes, with its hints (flags)."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.OUTBOX_VALUE_TOO_LONG: "outbox {what} is {length} characters; the limit is {limit}",
    Code.NO_CHANNEL: "no channel {channel!r} to send it through",
    Code.RETRY_NEEDS_IDS: "give message ids (see `avtaleflyt outbox list`) or --all-failed",
    Code.RETRY_NONE_FAILED: "none of those messages has failed",
    Code.MAIL_NOT_TAKEN: "mail server cannot take this message: {reason}",
    Code.MAIL_RECIPIENT_REFUSED: "mail server refused the recipient: {codes}",
    Code.MAIL_UNAVAILABLE: "mail server unavailable: 421 {reason!r}",
    Code.MAIL_REFUSED: "mail server refused: {status} {reason!r}",
    Code.MAIL_UNREACHABLE: "mail server {server} unreachable: {reason}",
    Code.ADDRESS_CONTROL: "{field} {value!r} contains a control character",
    Code.ADDRESS_INVALID: "{field} {value!r} is not an address: {reason}",
    Code.ADDRESS_NOT_ONE: "{field} {value!r} must be one address, found {count}",
    Code.MESSAGE_CONTROL: "the subject or key contains a control character",
    Code.MESSAGE_UNBUILDABLE: "cannot be built: {reason}",
    Code.ATTACHMENT_UNREADABLE: "an attachment cannot be read: {reason}",
}
