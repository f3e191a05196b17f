"""The poll's next batch made in a thread one ahead of the one applying them: every item in
order, the maker's error raised to the taker, and the maker stopped when the taker leaves."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from agreements.contracts.ahead import Ahead


def test_every_item_comes_in_order() -> None:
    """What the maker yields, the taker gets, in order, and nothing more."""
    with Ahead(lambda stop: iter(range(5))) as items:
        assert list(items) == [0, 1, 2, 3, 4]


def test_the_makers_error_is_raised_to_the_taker() -> None:
    """An error in the maker comes out of the taker's loop, after the items made before it."""
    def make(stop: threading.Event) -> Iterator[int]:
        yield 1
        raise ValueError("the service answered 500")
    taken = []
    with pytest.raises(ValueError, match="answered 500"), Ahead(make) as items:
        taken.extend(items)
    assert taken == [1]


def test_the_maker_stops_when_the_taker_leaves() -> None:
    """A taker that leaves after two items stops the maker: at most one more was made (the
    next is made only once the one before it is taken), and its thread has ended."""
    made: list[int] = []
    maker: list[threading.Thread] = []

    def make(stop: threading.Event) -> Iterator[int]:
        maker.append(threading.current_thread())
        n = 0
        while not stop.is_set():
            made.append(n)
            yield n
            n += 1
    with Ahead(make) as items:
        assert [next(items), next(items)] == [0, 1]
    assert len(made) <= 3
    assert not maker[0].is_alive()
