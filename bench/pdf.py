"""PDF per file, amortised over a batch of 357 agreements: one soffice per core fed chunks
(`documents.pdf.LibreOffice`) against the path before issue 12 (one soffice at a time, chunks
of 100, a fresh profile each run), the same documents, interleaved.

    .venv/bin/python -m bench.pdf [FILES]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import uuid
from collections.abc import Sequence
from pathlib import Path

from agreements.config import PROJECT_ROOT
from agreements.documents import pdf
from agreements.documents.render import Renderer
from bench.common import Row, finish, interleaved, load, rounds
from bench.render import TEMPLATE, context


def sequential_soffice(binary: str, docs: Sequence[bytes], chunk: int = 100) -> list[bytes]:
    """The converter before issue 12: chunks of 100, one soffice after the other."""
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        work = Path(tmp)
        names = [f"d{i:05d}.docx" for i in range(len(docs))]
        for name, data in zip(names, docs, strict=True):
            (work / name).write_bytes(data)
        for k in range(0, len(names), chunk):
            profile = (work / f"profile-{uuid.uuid4().hex}").as_uri()
            subprocess.run([binary, f"-env:UserInstallation={profile}", "--headless",
                            "--norestore", "--convert-to", "pdf", "--outdir", str(work / "pdf"),
                            *names[k:k + chunk]], cwd=work, capture_output=True, timeout=900,
                           check=False)
        return [(work / "pdf" / (n[:-5] + ".pdf")).read_bytes() for n in names]


def main() -> Row | None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 357
    binary = pdf.soffice()
    row = Row(f"PDF per file, amortised over a batch of {n}", "≤0.09 s wall",
              parallel=pdf.cores())
    if binary is None:
        print("PDF: LibreOffice (soffice) is not installed; not measured")
        return None
    print(f"PDF: {n} agreements a batch, {rounds(3)} rounds, {pdf.cores()} soffice side by side;"
          f" {load()}")
    renderer = Renderer(PROJECT_ROOT / "templates")
    docs = [renderer.render(TEMPLATE.name, context(i)) for i in range(n)]

    def check(pdfs: list[bytes]) -> None:
        assert len(pdfs) == n and all(p.startswith(b"%PDF") for p in pdfs)

    found = interleaved(rounds(3),
                        baseline=lambda: check(sequential_soffice(binary, docs)),
                        parallel=lambda: check(pdf.LibreOffice(binary).to_pdf(docs)))
    row.at_most(found["parallel"].scaled(1 / n), 0.09, baseline=found["baseline"].scaled(1 / n))
    return row


if __name__ == "__main__":
    finish([r for r in [main()] if r])
