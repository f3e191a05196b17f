"""Figures the reliability suites measure, printed at the end of the test session (see
`pytest_terminal_summary` in conftest.py) and quoted in README."""

from __future__ import annotations

FIGURES: dict[str, str] = {}
