"""Running pyHanko: its log records kept off the terminal, its coroutines run to the end."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
_NULL = logging.NullHandler()
_QUIET = threading.Lock()
_quiet_depth = 0


@contextmanager
def quiet() -> Iterator[None]:
    """pyHanko's and pyhanko-certvalidator's log records go nowhere while this lasts: they log
    a traceback for every certificate they refuse, and having no handler of their own, Python
    would print them on stderr. Only for as long as verification runs (nested and threads)."""
    global _quiet_depth
    loggers = [logging.getLogger(name) for name in ("pyhanko", "pyhanko_certvalidator")]
    with _QUIET:
        _quiet_depth += 1
        if _quiet_depth == 1:
            for logger in loggers:
                logger.addHandler(_NULL)
                logger.propagate = False
    try:
        yield
    finally:
        with _QUIET:
            _quiet_depth -= 1
            if _quiet_depth == 0:
                for logger in loggers:
                    logger.removeHandler(_NULL)
                    logger.propagate = True



def run(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion, also when called from inside a running event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()
