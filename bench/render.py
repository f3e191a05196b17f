"""Rendering a contract: the resident template against raw docxtpl (a fresh
`DocxTemplate(path).render(); save()` for each contract), the same template and contexts.

    .venv/bin/python -m bench.render [CONTRACTS]
"""

from __future__ import annotations

import io
import sys
import time
from datetime import date
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Environment, StrictUndefined

from agreements import reference
from agreements.config import PROJECT_ROOT
from agreements.documents import contexts
from agreements.documents.render import Renderer
from bench.common import Row, finish, interleaved, load, rounds

TEMPLATE = PROJECT_ROOT / "templates" / "samarbeidsavtale_kommune.docx"


def context(i: int) -> dict[str, Any]:
    return contexts.agreement_context(
        nummer=f"PJD-KOMMUNER-{i}", versjon=1, dato=date(2026, 11, 25),
        omraade="Kommunene (KS)", virksomhet=contexts.Party(f"Kommune nr. {i} & co", "958935420"),
        organisator=contexts.Party("KS – Kommunesektorens organisasjon", "971032146"),
        vurdering=None, prosesser=reference.processes(),
        kontakter=[])


def raw_docxtpl(ctx: dict[str, Any]) -> bytes:
    doc = DocxTemplate(str(TEMPLATE))
    doc.render(ctx, jinja_env=Environment(autoescape=True, undefined=StrictUndefined),
               autoescape=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def main() -> Row:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    print(f"render: {n} contracts a round, {rounds()} rounds; {load()}")
    contexts_ = [context(i) for i in range(n)]
    renderer = Renderer(TEMPLATE.parent)
    start = time.perf_counter()
    renderer.render(TEMPLATE.name, contexts_[0])  # parsed and compiled once per process
    print(f"    the resident template is built in {(time.perf_counter() - start) * 1000:.0f} ms"
          " (once per process and template)")
    found = interleaved(rounds(),
                        baseline=lambda: [raw_docxtpl(c) for c in contexts_],
                        resident=lambda: [renderer.render(TEMPLATE.name, c) for c in contexts_])
    row = Row("contract render vs raw docxtpl (per contract)", "≥10× faster", unit="ms")
    row.ratio(found["resident"].scaled(1000 / n), found["baseline"].scaled(1000 / n),
              at_least=10)
    return row


if __name__ == "__main__":
    finish([main()])
