"""Small command-line edges a newcomer meets."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli import main


def test_retry_all_failed_with_nothing_failed_says_so(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """`outbox retry --all-failed` with no failed message says so and exits 0."""
    monkeypatch.setenv("AVTALEFLYT_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("AVTALEFLYT_DATABASE_URL", raising=False)
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    assert main(["init"]) == 0
    capsys.readouterr()
    assert main(["outbox", "retry", "--all-failed"]) == 0
    assert "no failed messages: nothing to retry" in capsys.readouterr().out
