"""An outbox row's e-mail written straight to bytes: the bytes the email package writes for
it (`compose.build_email`, flattened by `mail.flat`), without parsing every header into an
object and folding it back. In a batch the e-mails' cost was mostly that parsing and folding.

Only what is known to come out the same is written here: header values that need no folding
(plain ASCII on one line), the sender and reply-to lines (folded by the email package once,
then kept), a text body in 7bit, 8bit or quoted-printable, attachments with plain file and
media-type names (a long name's Content-Disposition folded by the email package). Anything
else — a long or non-ASCII header the email package would fold, a text it would send as
base64, an address whose addr-spec is not plain ASCII (SMTPUTF8) — makes `write()` return
None, and the caller builds the message the standard way. The checks (an address that is
not one address, a control character) are `compose`'s, the same ones.
`tests/test_rawmail.py` compares the two byte for byte.
"""

from __future__ import annotations

import binascii
import functools
import json
import random
import re
import sys
from dataclasses import dataclass
from email import quoprimime
from email.utils import format_datetime
from typing import TYPE_CHECKING

from agreements.core.calendar import OSLO
from agreements.core.text import has_control
from agreements.errorcodes import Code
from agreements.outbox.compose import (
    POLICY,
    MessageError,
    base64_lines,
    message_id_for,
    one_address,
)

if TYPE_CHECKING:
    from agreements.core.models import Document, OutboxMessage
    from agreements.core.ports import Stores

_PLAIN = re.compile(r"[!-~]+(?: [!-~]+)*")  # printable ASCII words, single spaces
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]*")  # a file name or media type part, unquoted
_ADDR_SPEC = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+")
_WIDTH = POLICY.max_line_length or 78
_BOUNDARY_DIGITS = len(repr(sys.maxsize - 1))  # as email.generator makes a boundary


@dataclass(frozen=True)
class Raw:
    """An e-mail ready to leave: its bytes (lines ending in LF, as an .eml holds them) and
    its envelope (the addr-specs of From and To, as `smtplib.send_message` reads them)."""

    data: bytes
    sender: str
    recipients: tuple[str, ...]


def _folded(name: str, value: object) -> bytes:
    """The header line as the email package writes it: parsed, then folded."""
    return POLICY.fold_binary(name, POLICY.header_store_parse(name, value)[1])


def _line(name: str, value: str) -> bytes | None:
    """`name: value` when the email package would write it unchanged on one line."""
    if (len(name) + 2 + len(value) <= _WIDTH and "=?" not in value
            and _PLAIN.fullmatch(value) is not None):
        return f"{name}: {value}\n".encode("ascii")
    return None


@functools.lru_cache(maxsize=256)  # From and Reply-To: the same few in every message
def _address(name: str, value: str) -> tuple[bytes, str] | None:
    """The address header's line and its addr-spec (MessageError if not one address);
    None when the addr-spec is not plain ASCII (sent with SMTPUTF8 by the email package)."""
    found = one_address(value, name)
    if _ADDR_SPEC.fullmatch(found.addr_spec) is None:
        return None
    return _folded(name, found), found.addr_spec


def _text(body: str) -> tuple[str, str] | None:
    """(transfer encoding, payload) as `set_content` chooses them; None for base64."""
    lines = body.encode("utf-8").splitlines()
    if max((len(x) for x in lines), default=0) <= _WIDTH:
        joined = b"\n".join(lines) + b"\n"
        return ("7bit", joined.decode("ascii")) if joined.isascii() else (
            "8bit", joined.decode("ascii", "surrogateescape"))
    sniff = b"\n".join(lines[:10]) + b"\n"
    sniff_qp = quoprimime.body_encode(sniff.decode("latin-1"), _WIDTH)
    if len(sniff_qp) > len(binascii.b2a_base64(sniff)):
        return None
    if len(lines) <= 10:
        return "quoted-printable", sniff_qp
    whole = b"\n".join(lines) + b"\n"
    return "quoted-printable", quoprimime.body_encode(whole.decode("latin-1"), _WIDTH)


def _boundary(text: bytes) -> str:
    """A boundary as email.generator makes one, checked against the text it encloses."""
    base = "=" * 15 + f"%0{_BOUNDARY_DIGITS}d" % random.randrange(sys.maxsize) + "=="
    found, counter = base, 0
    while re.search(b"^--" + re.escape(found.encode("ascii")) + b"(--)?$", text, re.MULTILINE):
        found, counter = f"{base}.{counter}", counter + 1
    return found


def write(work: Stores, message: OutboxMessage, documents: list[Document]) -> Raw | None:
    """The e-mail for a row, as bytes; MessageError when the row cannot be one; None when
    only the email package writes it exactly (see the module's docstring)."""
    if has_control(message.subject) or has_control(message.key):
        raise MessageError(Code.MESSAGE_CONTROL)
    try:
        return _write(work, message, documents)
    except (ValueError, TypeError, KeyError) as exc:  # as build_email refuses
        raise MessageError(Code.MESSAGE_UNBUILDABLE, reason=str(exc)) from None


def _write(work: Stores, message: OutboxMessage, documents: list[Document]) -> Raw | None:
    extra = json.loads(message.attachments or "{}")
    extra = extra if isinstance(extra, dict) else {}
    sender, to = _address("From", work.settings.mail_from), _address("To", message.recipient)
    reply = _address("Reply-To", extra["reply_to"]) if extra.get("reply_to") else None
    if sender is None or to is None or (extra.get("reply_to") and reply is None):
        return None
    if "=?" in message.subject:
        return None  # the email package reads it as encoded words first
    lines = [sender[0], to[0], *([reply[0]] if reply else []),
             POLICY.fold_binary("Subject", message.subject),
             _line("Date", format_datetime(work.clock.now().astimezone(OSLO))),
             _line("Message-ID", message_id_for(message.key)),
             _line("X-Avtaleflyt-Key", message.key)]
    text = _text(message.body)
    if text is None or any(line is None for line in lines):
        return None
    head = b"".join(line for line in lines if line is not None)
    body = (f'Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: '
            f"{text[0]}\n").encode("ascii"), text[1].encode("ascii", "surrogateescape")
    envelope = sender[1], (to[1],)
    if not documents:
        return Raw(head + body[0] + b"MIME-Version: 1.0\n\n" + body[1], *envelope)
    parts = [body[0] + b"\n" + body[1]]
    for doc in documents:
        part = _attachment(doc.media_type, doc.path.rsplit("/", 1)[-1])
        if part is None:
            return None
        try:
            parts.append(part + base64_lines(work.documents.read(doc)))
        except OSError as exc:
            raise MessageError(Code.ATTACHMENT_UNREADABLE, reason=str(exc)) from None
    boundary = _boundary(parts[0])  # base64 and the parts' headers never hold a "--" line
    kind = f'multipart/mixed; boundary="{boundary}"'
    return Raw(head + b"MIME-Version: 1.0\n" + (_line("Content-Type", kind) or _folded(
        "Content-Type", kind)) + b"\n--"
        + f"{boundary}\n".encode("ascii")
        + f"\n--{boundary}\n".encode("ascii").join(parts)
        + f"\n--{boundary}--\n".encode("ascii"), *envelope)


@functools.lru_cache(maxsize=64)  # one document goes to each of its recipients
def _attachment(media_type: str, filename: str) -> bytes | None:
    """An attachment part's headers and the blank line after them."""
    kind = media_type.split("/", 1)
    if (len(kind) != 2 or not all(_TOKEN.fullmatch(k) for k in kind)
            or _TOKEN.fullmatch(filename) is None):
        return None
    value = f'attachment; filename="{filename}"'  # a long name folded as the package folds it
    disposition = _line("Content-Disposition", value) or _folded("Content-Disposition", value)
    return (_content_type(media_type) + b"Content-Transfer-Encoding: base64\n" + disposition
            + b"MIME-Version: 1.0\n\n")


@functools.lru_cache(maxsize=64)
def _content_type(media_type: str) -> bytes:
    return _folded("Content-Type", media_type)
