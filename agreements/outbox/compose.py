"""Composing an e-mail from an outbox row: headers by the standard library, never by hand.

Every address field is parsed as one address (`email.headerregistry.Address`), so a comma or
a quote in a name can never add a recipient, and a control character can never add a header:
such a row cannot be built, and `MessageError` says why (the outbox marks it failed at once).
The subject is written on one line when it fits and otherwise as RFC 2047 encoded words, so
no mail program shows it with a leading space; the Date is Norwegian time; the Message-ID is
derived from the business key, so a resend after a crash is recognisable as the same message.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import EmailPolicy, default
from email.utils import format_datetime
from typing import TYPE_CHECKING, Any

from agreements.core.calendar import OSLO
from agreements.core.text import has_control
from agreements.errorcodes import Code
from agreements.errors import ExternalServiceError

if TYPE_CHECKING:
    from agreements.core.models import Document, OutboxMessage
    from agreements.core.ports import Stores


class MessageError(ExternalServiceError):
    """The row cannot become an e-mail (a bad address, a control character): never retried."""


class _Policy(EmailPolicy):
    """The default policy, except for how a long Subject is folded.

    The default folder moves a subject of 70–77 characters whole onto a continuation line,
    which mail programs show with a leading space. Here an ASCII subject is folded at its
    spaces with the first word always on the first line, and any other is written as RFC 2047
    encoded words, whose folding whitespace every decoder drops.
    """

    def fold(self, name: str, value: Any) -> str:
        if name.lower() != "subject":
            return str(super().fold(name, value))
        text, width = " ".join(str(value).split()), self.max_line_length or 78
        if not text.isascii():
            return f"{name}: {encoded_words(text, self.linesep)}{self.linesep}"
        lines, line = [], f"{name}:"
        for word in text.split(" "):
            if line != f"{name}:" and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = ""
            line += f" {word}"
        return self.linesep.join([*lines, line]) + self.linesep

    def fold_binary(self, name: str, value: Any) -> bytes:
        if name.lower() != "subject":
            return super().fold_binary(name, value)
        return self.fold(name, value).encode("ascii")


POLICY = _Policy()
_WORD_BYTES = 42  # «Subject: =?utf-8?b?…?=» with 56 base64 characters: 77 of the 78


def encoded_words(text: str, linesep: str) -> str:
    """`text` as RFC 2047 base64 encoded words of whole characters, one a line (what
    email.header.Header does, without its search for the shortest encoding: the cost of a
    batch's e-mails was mostly that search)."""
    words, chunk = [], b""
    for char in text:
        data = char.encode("utf-8")
        if len(chunk) + len(data) > _WORD_BYTES:
            words.append(chunk)
            chunk = b""
        chunk += data
    words.append(chunk)
    return f"{linesep} ".join(f"=?utf-8?b?{base64.b64encode(w).decode('ascii')}?="
                              for w in words)


def base64_lines(data: bytes) -> bytes:
    """`data` in base64 as the email package writes an attachment (lines of 76 characters,
    each ending in a newline: what fits in the policy's 78), encoded at once."""
    width = POLICY.max_line_length // 4 * 4 if POLICY.max_line_length else 76
    text = base64.b64encode(data)
    return b"".join(text[i:i + width] + b"\n" for i in range(0, len(text), width))


def message_id_for(key: str) -> str:
    """A Message-ID derived from the business key: a resend after a crash is recognisable."""
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@avtaleflyt>"


@functools.lru_cache(maxsize=1024)  # the sender, a coordinator: the same in every message
def one_address(value: str, field: str) -> Address:
    """Parse `value` as exactly one address; MessageError naming the field otherwise."""
    if has_control(value):
        raise MessageError(Code.ADDRESS_CONTROL, field=field, value=value)
    try:
        addresses = default.header_factory(field, value).addresses
    except (ValueError, IndexError) as exc:
        raise MessageError(Code.ADDRESS_INVALID, field=field, value=value,
                           reason=str(exc)) from None
    if len(addresses) != 1 or "@" not in addresses[0].addr_spec:
        raise MessageError(Code.ADDRESS_NOT_ONE, field=field, value=value,
                           count=len(addresses))
    found: Address = addresses[0]
    return Address(display_name=found.display_name, addr_spec=found.addr_spec)


def build_email(work: Stores, message: OutboxMessage, documents: list[Document]) -> EmailMessage:
    """The e-mail for a row; MessageError when the row cannot be one."""
    if has_control(message.subject) or has_control(message.key):
        raise MessageError(Code.MESSAGE_CONTROL)
    try:
        extra = json.loads(message.attachments or "{}")
        extra = extra if isinstance(extra, dict) else {}
        email = EmailMessage(policy=POLICY)
        email["From"] = one_address(work.settings.mail_from, "From")
        email["To"] = one_address(message.recipient, "To")
        if extra.get("reply_to"):
            email["Reply-To"] = one_address(extra["reply_to"], "Reply-To")
        email["Subject"] = message.subject
        email["Date"] = format_datetime(work.clock.now().astimezone(OSLO))
        email["Message-ID"] = message_id_for(message.key)
        email["X-Avtaleflyt-Key"] = message.key
        email.set_content(message.body)
        for doc in documents:
            maintype, subtype = doc.media_type.split("/", 1)
            # encoded here, at once, as the email package would encode it line by line
            email.add_attachment(base64_lines(work.documents.read(doc)), maintype=maintype,
                                 subtype=subtype, filename=doc.path.rsplit("/", 1)[-1],
                                 cte="7bit")
            parts = email.get_payload()  # mixed, once it has an attachment
            assert isinstance(parts, list) and isinstance(parts[-1], EmailMessage)
            part = parts[-1]
            part.replace_header("Content-Transfer-Encoding", "base64")
    except (ValueError, TypeError, KeyError) as exc:  # the email package's way of refusing
        raise MessageError(Code.MESSAGE_UNBUILDABLE, reason=str(exc)) from None
    except OSError as exc:
        raise MessageError(Code.ATTACHMENT_UNREADABLE, reason=str(exc)) from None
    return email
