"""Rendering cost per contract: a fresh docxtpl each time vs. the cached compiled template,
and LibreOffice per file when started per file vs. one run for a batch.

    .venv/bin/python bench/render.py [N]
"""

from __future__ import annotations

import io
import sys
import time
from datetime import date

from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined

from agreements import reference
from agreements.config import PROJECT_ROOT
from agreements.documents import contexts
from agreements.documents import pdf as pdf_mod
from agreements.documents import render as documents

TEMPLATE = PROJECT_ROOT / "templates" / "samarbeidsavtale_kommune.docx"


def context(i: int) -> dict[str, object]:
    return contexts.agreement_context(
        nummer=f"PJD-KOMMUNER-{i}", versjon=1, dato=date(2026, 11, 25),
        omraade="Kommunene (KS)", virksomhet=contexts.Party(f"Kommune nr. {i} & co", "958935420"),
        organisator=contexts.Party("KS – Kommunesektorens organisasjon", "971032146"),
        vurdering=None, prosesser=reference.processes(),
        kontakter=[], varighet_aar=3)


def fresh(n: int) -> float:
    start = time.perf_counter()
    for i in range(n):
        doc = DocxTemplate(str(TEMPLATE))
        doc.render(context(i), jinja_env=Environment(autoescape=True, undefined=StrictUndefined),
                   autoescape=True)
        doc.save(io.BytesIO())
    return (time.perf_counter() - start) / n


def cached(n: int) -> tuple[float, list[bytes]]:
    render = documents.Renderer(TEMPLATE.parent)
    render.render(TEMPLATE.name, context(0))  # compile once, as a long-lived process would
    start = time.perf_counter()
    out = [render.render(TEMPLATE.name, context(i)) for i in range(n)]
    return (time.perf_counter() - start) / n, out


def pdf(files: list[bytes]) -> tuple[float, float] | None:
    if pdf_mod.soffice() is None:
        return None
    start = time.perf_counter()
    for f in files[:3]:
        pdf_mod.to_pdf([f])
    single = (time.perf_counter() - start) / 3
    start = time.perf_counter()
    pdf_mod.to_pdf(files)
    return single, (time.perf_counter() - start) / len(files)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    per_fresh = fresh(n)
    per_cached, files = cached(n)
    print(f"render, fresh DocxTemplate each time : {per_fresh * 1000:6.1f} ms per contract")
    print(f"render, compiled template cached     : {per_cached * 1000:6.1f} ms per contract "
          f"({per_fresh / per_cached:.1f}x faster)")
    timings = pdf(files)
    if timings is None:
        print("PDF: LibreOffice (soffice) is not installed")
    else:
        print(f"PDF, one soffice per file            : {timings[0] * 1000:6.0f} ms per file")
        print(f"PDF, one soffice per batch of {n:<4}   : {timings[1] * 1000:6.0f} ms per file")


if __name__ == "__main__":
    main()
