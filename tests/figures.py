"""Figures the reliability suites measure, printed at the end of the test session (see
`pytest_terminal_summary` in conftest.py) and quoted in README.

A test records its counts on its own report (`record`), so they reach the summary from
pytest-xdist's workers too; the counts several tests record for one part of a line add up.
"""

from __future__ import annotations

from collections import Counter

import pytest

PROPERTY = "avtaleflyt-figure"
_PARTS: dict[str, dict[str, Counter[str]]] = {}  # line → part template → summed counts


def record(request: pytest.FixtureRequest, line: str, part: str, **counts: int) -> None:
    """Add `counts` to the `part` of the summary's `line`; `part` is a template of the counts
    (`"{points} crash points"`), written with the counts summed over every test."""
    request.node.user_properties.append((PROPERTY, [line, part, dict(counts)]))


def collect(report: pytest.TestReport) -> None:
    """Take the counts a test recorded (in this process or on an xdist worker)."""
    if report.when != "call":
        return
    for name, value in report.user_properties:
        if name == PROPERTY:
            line, part, counts = value
            _PARTS.setdefault(line, {}).setdefault(part, Counter()).update(counts)


def lines() -> list[str]:
    """One line per figure: `line: part; part`, in the order of the lines' names."""
    return [f"{line}: " + "; ".join(part.format(**counts) for part, counts in parts.items())
            for line, parts in sorted(_PARTS.items())]
