"""Build the starting versions of the Word templates in templates/.

Run once to (re)create them: `.venv/bin/python scripts/make_templates.py`. After that the
organisers own the .docx files and edit them in Word; avtaleflyt only reads them. Every
variable a template uses must be one the code supplies (`avtaleflyt templates check`).

The legal and factual statements in the agreement, and where each comes from, are listed in
templates/README.md. What the published sources leave open is a bracket beginning
"[Til avklaring mellom partenes jurister:" for the parties' lawyers, never an invented clause.

Layout rules the tests check through the PDF text: A4, page numbers "Side X av Y" as Word
fields in every footer, fixed table widths so an e-mail address or a SHA-256 is never broken
mid-word, and SHA-256 sums in a monospace font on one line.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

from docx.enum.text import WD_ALIGN_PARAGRAPH

from scripts.templates_src.agreement import agreement
from scripts.templates_src.annex import annex
from scripts.templates_src.companions import certificate, order_package, reminder
from scripts.templates_src.kit import KOMMUNE, OUT, SPESIALIST


def main() -> None:
    OUT.mkdir(exist_ok=True)
    docs = {
        "samarbeidsavtale_kommune.docx": agreement(KOMMUNE),
        "samarbeidsavtale_avtalespesialist.docx": agreement(SPESIALIST),
        "vedlegg_dokumenttyper.docx": annex(),
        "signeringsbekreftelse.docx": certificate(),
        "paaminnelse.docx": reminder(),
        "nhn_bestilling.docx": order_package(),
    }
    for name, doc in docs.items():
        doc.core_properties.language = "nb-NO"
        for p in doc.paragraphs:
            if p.style.name == "Title":
                p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        doc.save(OUT / name)
        norwegian(OUT / name)
        print(f"wrote templates/{name}")


def norwegian(path: Path) -> None:
    """Proofing language bokmål (nb-NO) for the whole document, not python-docx's en-US."""
    with zipfile.ZipFile(path) as old:
        members = [(item, old.read(item.filename)) for item in old.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for item, data in members:
            if item.filename in LANGUAGE_PARTS:
                data = data.replace(b'w:val="en-US"', b'w:val="nb-NO"')
                data = data.replace(b'w:eastAsia="en-US"', b'w:eastAsia="nb-NO"')
            new.writestr(item, data)


LANGUAGE_PARTS = ("word/styles.xml", "word/stylesWithEffects.xml", "word/settings.xml")


if __name__ == "__main__":
    main()
