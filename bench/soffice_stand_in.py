"""A stand-in for `soffice --convert-to pdf`, for benchmarks whose subject is not LibreOffice
(bench/pdf.py measures LibreOffice itself): for each DOCX named on the command line it writes
a small valid PDF into `--outdir`, as soffice would, with the document's text (the agreement
number and all, which a signed copy's check looks for) on one page, plain.
`stand_in(folder)` writes an executable that runs it, for AVTALEFLYT_SOFFICE.
"""

from __future__ import annotations

import re
import sys
import textwrap
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def stand_in(folder: Path) -> Path:
    """An executable `soffice` in `folder` that runs this module with this Python."""
    script = folder / "soffice"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{Path(__file__)}" "$@"\n',
                      encoding="utf-8")
    script.chmod(0o755)
    return script


def text_of(docx: Path) -> list[str]:
    """The DOCX's paragraphs as lines of at most 95 characters (those that Latin-1 lacks
    replaced)."""
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    paragraphs = ("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p))
                  for p in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S))
    return [line.encode("cp1252", "replace").decode("cp1252")
            for p in paragraphs if p.strip()
            for line in textwrap.wrap(p, 95, break_long_words=False)]


def main(args: list[str]) -> None:
    sys.path.insert(0, str(ROOT))
    from tests.posten.pdfs import make_pdf

    outdir = Path(args[args.index("--outdir") + 1])
    outdir.mkdir(parents=True, exist_ok=True)
    for name in (a for a in args if a.endswith(".docx")):
        (outdir / (Path(name).stem + ".pdf")).write_bytes(make_pdf(*text_of(Path(name))))


if __name__ == "__main__":
    main(sys.argv[1:])
