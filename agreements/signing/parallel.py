"""Verifying many signed documents at once, in worker processes.

pyHanko's and signxml's checks are CPU work in Python: one process checks on one core. Within
`workers()` (a poll of the signing service), a batch of at least `MANY` documents is handed to
up to `WORKERS` processes started on first use and stopped when the block ends; each document
is checked whole there, exactly as here (`verify_pdf`, `verify_xades`), and the outcome comes
back as the same value. Fewer documents, outside `workers()`, or where no worker can be
started, are checked in this process, one after the other.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agreements.signing.verify import Verification
    from agreements.signing.xadescheck import XadesCheck

log = logging.getLogger(__name__)
MANY = 8  # documents: fewer are checked here (starting a worker costs more than they do)
WORKERS = max(1, min(4, os.cpu_count() or 1))


@dataclass(frozen=True)
class Pades:
    """A signed PDF made as a new file (Posten's PAdES): it must hold `expected_text`."""

    data: bytes
    trust_roots_pem: bytes
    expected_text: str


@dataclass(frozen=True)
class Xades:
    """A signer's XAdES: a signature over `document` (the PDF that was sent)."""

    data: bytes
    trust_roots_pem: bytes
    document: bytes


def verify(task: Pades | Xades) -> Verification | XadesCheck:
    """Check one document (in whichever process runs it)."""
    if isinstance(task, Pades):
        from agreements.signing.verify import verify_pdf

        return verify_pdf(task.data, trust_roots_pem=task.trust_roots_pem,
                          expected_text=task.expected_text)
    from agreements.signing.xadescheck import verify_xades

    return verify_xades(task.data, trust_roots_pem=task.trust_roots_pem, document=task.document)


class Workers:
    """The worker processes of one `workers()` block (started on first use)."""

    def __init__(self) -> None:
        self.executor: ProcessPoolExecutor | None = None
        self.broken = False  # no worker could be started here: check in this process

    def started(self) -> ProcessPoolExecutor:
        if self.executor is None:  # spawned: this process runs threads (HTTP requests)
            self.executor = ProcessPoolExecutor(
                WORKERS, mp_context=multiprocessing.get_context("spawn"))
        return self.executor


_WORKERS: ContextVar[Workers | None] = ContextVar("signing_workers", default=None)


@contextmanager
def workers() -> Iterator[Workers]:
    """Within this block, `verify_all` of many documents uses worker processes."""
    pool = Workers()
    token = _WORKERS.set(pool)
    try:
        yield pool
    finally:
        _WORKERS.reset(token)
        if pool.executor is not None:
            pool.executor.shutdown(cancel_futures=True)


def verify_all(tasks: Sequence[Pades | Xades]) -> list[Verification | XadesCheck]:
    """Each document's outcome, in order (module docstring: where they are checked)."""
    return started(tasks)()


def started(tasks: Sequence[Pades | Xades]) -> Callable[[], list[Verification | XadesCheck]]:
    """Start checking `tasks` in the worker processes; what is returned waits for each
    document's outcome, in order (checked there and then, in this process, without them)."""
    pool = _WORKERS.get()
    if pool is None or pool.broken or len(tasks) < MANY:
        return lambda: [verify(task) for task in tasks]
    try:
        futures = [pool.started().submit(verify, task) for task in tasks]
    except (BrokenProcessPool, OSError, RuntimeError) as exc:  # no worker could start
        return _here(pool, tasks, exc)

    def outcomes() -> list[Verification | XadesCheck]:
        try:
            return [future.result() for future in futures]
        except (BrokenProcessPool, OSError) as exc:  # a worker died
            return _here(pool, tasks, exc)()
    return outcomes


def _here(pool: Workers, tasks: Sequence[Pades | Xades],
          exc: BaseException) -> Callable[[], list[Verification | XadesCheck]]:
    log.warning("checking signed documents in this process: no worker process (%s)", exc)
    pool.broken = True
    return lambda: [verify(task) for task in tasks]
