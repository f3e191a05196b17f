"""Files handed in leave nothing behind: a front door's staged copy is gone once its command is
done, stored or refused; what was staged for a later run and never used is swept after a day."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from agreements.app import App
from agreements.documents import uploads
from agreements.errorcodes import Code
from agreements.errors import InvalidInput
from cli import main

PDF = b"%PDF-1.4\n% bevis\n%%EOF\n"


def staged_files(app: App) -> list[Path]:
    return sorted((app.settings.data_dir / "uploads").glob("*/*"))


def test_a_copy_staged_for_a_command_is_gone_afterwards_whatever_it_did(app: App) -> None:
    """Inside the block the command reads the file; after it, stored or refused, it is gone."""
    with uploads.staged(app, "bevis.pdf", PDF) as upload:
        assert uploads.load(app, upload) == PDF and staged_files(app)
    assert staged_files(app) == []
    with pytest.raises(InvalidInput), uploads.staged(app, "bevis.pdf", PDF):
        raise InvalidInput(Code.FILE_EMPTY, name="x")  # the command refused it
    assert staged_files(app) == []


def test_bytes_staged_by_someone_else_are_left_for_them(app: App) -> None:
    """A flow's staged file with the same bytes is not taken away by a command's clean-up."""
    for_a_flow = uploads.stage(app, "bevis.pdf", PDF)
    with uploads.staged(app, "bevis.pdf", PDF):
        pass
    assert uploads.load(app, for_a_flow) == PDF


def test_staged_files_older_than_a_day_are_swept(app: App) -> None:
    """Staged and never used for more than a day: swept; a fresh one stays."""
    old = uploads.stage(app, "gammel.pdf", PDF)
    fresh = uploads.stage(app, "ny.pdf", PDF + b"\n")
    (path,) = [p for p in staged_files(app) if p.name == old.sha256]
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(path, (two_days_ago, two_days_ago))
    assert uploads.sweep(app) == 1
    assert [p.name for p in staged_files(app)] == [fresh.sha256]


def test_evidence_refused_at_the_command_line_leaves_nothing(
        app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """`checklist done` for an item that does not exist refuses the evidence: nothing staged
    is left under uploads/."""
    from tests.helpers import oslo_kilde

    oslo_kilde(app)
    monkeypatch.setenv("AVTALEFLYT_DATA_DIR", str(app.settings.data_dir))
    monkeypatch.setenv("AVTALEFLYT_OFFLINE", "1")
    monkeypatch.delenv("AVTALEFLYT_DATABASE_URL", raising=False)
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    evidence = tmp_path / "bevis.pdf"
    evidence.write_bytes(PDF)
    assert main(["checklist", "done", "958935420", "finnes_ikke", "--evidence",
                 str(evidence)]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert staged_files(app) == []
