"""A real HTTP ordering endpoint on loopback that fails the first attempt as told."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from tests.loopback import QuietHandler, serving


@dataclass
class OrderDesk:
    first: str = "ok"  # "503": refuse the first attempt; "timeout": take it but answer late
    delay: float = 0.0
    orders: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


@contextmanager
def order_desk(first: str = "ok", delay: float = 2.0) -> Iterator[tuple[OrderDesk, str]]:
    desk = OrderDesk(first=first, delay=delay)

    class Handler(QuietHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if self.path != "/orders":
                self._answer(404, {"error": "no such endpoint"})
                return
            key = self.headers["Idempotency-Key"]
            with desk.lock:
                attempt = len(desk.requests)
                desk.requests.append({"key": key, "body": body,
                                      "signature": self.headers["X-Avtaleflyt-Signature"]})
                if attempt == 0 and desk.first == "503":
                    self._answer(503, {"error": "busy"})
                    return
                known = key in desk.orders
                if not known:
                    desk.orders[key] = json.loads(body)
            if attempt == 0 and desk.first == "timeout":
                time.sleep(desk.delay)
            self._answer(409 if known else 201, {"order": key})

        def _answer(self, status: int, data: dict[str, Any]) -> None:
            self.answer(status, json.dumps(data).encode())

    with serving(Handler) as port:
        yield desk, f"http://127.0.0.1:{port}/orders"
