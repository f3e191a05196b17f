"""A real SMTP server on loopback (aiosmtpd) that records what it receives."""

from __future__ import annotations

import email
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller

from tests.conftest import free_port
from tests.waiting import PATIENCE


@dataclass
class Inbox:
    messages: list[Message] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)  # each message's RCPT TO
    raw: list[bytes] = field(default_factory=list)  # each message as it arrived
    fail_once: set[str] = field(default_factory=set)  # recipients refused with 451 once
    refuse: set[str] = field(default_factory=set)  # recipients refused with 550 every time
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            for rcpt in envelope.rcpt_tos:
                if rcpt in self.refuse:
                    return "550 5.1.1 no such user"
                if rcpt in self.fail_once:
                    self.fail_once.discard(rcpt)
                    return "451 4.3.0 try again later"
            self.messages.append(email.message_from_bytes(envelope.content))
            self.recipients.append(list(envelope.rcpt_tos))
            self.raw.append(bytes(envelope.content))
        return "250 OK"

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()
            self.recipients.clear()
            self.raw.clear()

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages if address in m["To"]]

    def keys(self) -> list[str]:
        return [m["X-Avtaleflyt-Key"] for m in self.messages]


def _started(inbox: Inbox) -> Controller:
    """A controller on a free port; another one, should someone take the port meanwhile."""
    for attempt in range(5):
        controller = Controller(inbox, hostname="127.0.0.1", port=free_port(),
                                ready_timeout=PATIENCE)
        try:
            controller.start()
            return controller
        except OSError:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


@contextmanager
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    controller = _started(inbox)
    try:
        yield inbox, controller.port
    finally:
        controller.stop()
