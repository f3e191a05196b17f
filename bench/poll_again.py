"""Polling again on the same world, for working on the poll: with BENCH_POLL_AGAIN=FILE,
`bench.specialists` keeps its world once its poll has run (the data folder as it was before
the poll, and the fake Posten's jobs and queues) and, each time FILE appears, puts the world
back and polls again (a fresh `avtaleflyt signing poll` process: the code as it is now), until
FILE says `stop`. The preparation (about three minutes) is then paid once. Not part of
`make bench`: the figures it prints are the same row's, measured again.
"""

from __future__ import annotations

import copy
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.posten.server import PostenServer

STATE = ("jobs", "queues", "_next_poll", "_sealed", "_advanced")  # the double's, as polled


@contextmanager
def kept(posten: PostenServer, data: Path) -> Iterator[Callable[[Callable[[], Any]], None]]:
    """`again(poll)`: poll again, each time FILE appears (nothing without BENCH_POLL_AGAIN)."""
    trigger = os.environ.get("BENCH_POLL_AGAIN")
    if not trigger:
        yield lambda poll: None
        return
    world = data.with_name("world-before-poll")
    shutil.copytree(data, world)
    with posten.lock:
        state = copy.deepcopy({name: getattr(posten, name) for name in STATE})

    def again(poll: Callable[[], Any]) -> None:
        path = Path(trigger)
        while True:
            print(f"poll again: write {path} (`stop` ends)", flush=True)
            while not path.exists():
                time.sleep(1)
            said = path.read_text().strip()
            path.unlink()
            if said == "stop":
                return
            shutil.rmtree(data)
            shutil.copytree(world, data)
            with posten.lock:
                for name, value in copy.deepcopy(state).items():
                    setattr(posten, name, value)
                posten.requests.clear()
            poll()

    yield again
