"""PDF batches: split over one soffice per core in chunks, in order, retried once, bounded by a
deadline, and never leaving a process or a temporary folder behind."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from agreements.documents import pdf
from agreements.documents.render import Renderer
from tests.conftest import requires_soffice
from tests.docx_support import SAMPLES, TEMPLATES, pdf_text

# A stand-in for soffice: "converts" by copying each file's bytes; files named in $SKIP_ONCE
# are skipped by their first run (so the retry runs), files in $SKIP_ALWAYS never convert, and
# $SLEEP makes it hang. Each run is logged to $STATE/log.
FAKE = r"""#!/bin/sh
out=""; files=""
while [ $# -gt 0 ]; do
  case "$1" in --outdir) out="$2"; shift;; --convert-to) shift;; -*) ;; *) files="$files $1";; esac
  shift
done
[ -n "$SLEEP" ] && sleep "$SLEEP"
for f in $files; do
  b=$(basename "$f" .docx)
  case " $SKIP_ALWAYS " in *" $b "*) continue;; esac
  if [ ! -e "$STATE/$b" ]; then
    touch "$STATE/$b"; case " $SKIP_ONCE " in *" $b "*) continue;; esac
  fi
  mkdir -p "$out"; cat "$f" > "$out/$b.pdf"
done
echo "runs:$files" >> "$STATE/log"
"""


@pytest.fixture()
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    script = tmp_path / "soffice"
    script.write_text(FAKE)
    script.chmod(0o755)
    (tmp_path / "state").mkdir()
    (tmp_path / "tmp").mkdir()
    monkeypatch.setenv("STATE", str(tmp_path / "state"))
    return str(script)


def _runs(tmp_path: Path) -> list[list[str]]:
    lines = (tmp_path / "state" / "log").read_text().splitlines()
    return [line.removeprefix("runs:").split() for line in lines]


def test_plan_balances_the_workers_and_bounds_the_chunks() -> None:
    """Chunks cover the batch in order, hold at most 60 files, and split evenly over workers."""
    assert pdf.plan(0, 2, 60) == []
    assert pdf.plan(1, 2, 60) == [range(0, 1)]
    for n in (2, 20, 100, 246, 357, 1000):
        chunks = pdf.plan(n, 2, 60)
        assert [i for c in chunks for i in c] == list(range(n))
        assert max(map(len, chunks)) <= 60 and len(chunks) % 2 == 0
        assert max(map(len, chunks)) - min(map(len, chunks)) <= 1


def test_results_come_back_in_order_from_chunked_runs(fake: str, tmp_path: Path) -> None:
    """23 files over two workers in chunks of four: six runs, every result in its place."""
    docs = [f"doc {i}".encode() for i in range(23)]
    converter = pdf.LibreOffice(fake, chunk=4, workers=2, tmp=tmp_path / "tmp")
    assert converter.to_pdf(docs) == docs
    runs = _runs(tmp_path)
    assert len(runs) == 6 and all(len(r) <= 4 for r in runs)
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_file_missing_after_its_run_is_tried_once_more(fake: str, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The files a run skipped are converted by a fresh run of their own."""
    monkeypatch.setenv("SKIP_ONCE", "d00003 d00007")
    docs = [f"doc {i}".encode() for i in range(10)]
    assert pdf.LibreOffice(fake, chunk=5, workers=2, tmp=tmp_path / "tmp").to_pdf(docs) == docs
    assert ["d00003.docx"] in _runs(tmp_path) and ["d00007.docx"] in _runs(tmp_path)


def test_a_file_still_missing_fails_the_batch_naming_it(fake: str, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """No PDF after the retry: InvalidInput naming the file, and the folder is removed."""
    monkeypatch.setenv("SKIP_ALWAYS", "d00002")
    with pytest.raises(pdf.PdfConversionError, match="d00002"):
        pdf.LibreOffice(fake, workers=1, tmp=tmp_path / "tmp").to_pdf([b"a", b"b", b"c"])
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_hanging_soffice_is_killed_at_the_deadline(fake: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the batch's deadline every soffice process group is killed and the folder removed."""
    monkeypatch.setenv("SLEEP", "37")
    converter = pdf.LibreOffice(fake, timeout=1.0, tmp=tmp_path / "tmp")
    with pytest.raises(pdf.PdfConversionError, match="timed out"):
        converter.to_pdf([b"a", b"b"])
    assert list((tmp_path / "tmp").iterdir()) == []
    processes = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert "sleep 37" not in processes


def test_an_empty_batch_starts_nothing() -> None:
    """Nothing to convert: no soffice is started."""
    assert pdf.LibreOffice("/nonexistent/soffice").to_pdf([]) == []
    assert pdf.convert(pdf.LibreOffice("/nonexistent/soffice"), []) is None


def test_without_a_converter_the_docx_is_kept() -> None:
    """No converter (LibreOffice not installed, or AVTALEFLYT_PDF=0): convert answers None."""
    assert pdf.convert(None, [b"x"]) is None


def test_a_real_batch_over_both_cores_keeps_the_order(tmp_path: Path) -> None:
    """Real LibreOffice, chunks of four: each PDF holds the text of its own document."""
    requires_soffice()
    renderer = Renderer(TEMPLATES)
    names = [n for n in sorted(SAMPLES) for _ in range(2)]
    docs = [renderer.render(n, {**SAMPLES[n], "virksomhet": {
        "navn": f"Virksomhet nummer {i} & co", "orgnr": "958 935 420"}})
        for i, n in enumerate(names)]
    binary = pdf.soffice()
    assert binary is not None
    pdfs = pdf.LibreOffice(binary, chunk=4, workers=2, tmp=tmp_path).to_pdf(docs)
    assert all(p.startswith(b"%PDF") for p in pdfs)
    for i, data in enumerate(pdfs):
        assert f"Virksomhet nummer {i} & co" in " ".join(pdf_text(data).split())
    assert list(tmp_path.iterdir()) == []
