"""Onboarding all 357 kommuner in one flow run (`avtaleflyt onboard --csv`, against a real
`prefect server`), with and without PDFs, each round on a fresh database whose organisers
have their signatories (so every agreement is rendered, converted and sent). Against the code
before issue 12, interleaved.

    .venv/bin/python -m bench.onboarding [--no-pdf | --pdf-only]
"""

from __future__ import annotations

import itertools
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from agreements import reference
from agreements.documents.pdf import soffice
from bench import baseline
from bench.common import Row, Staged, avtaleflyt, env_for, finish, interleaved, load, rounds
from bench.prefect_server import prefect_server

ORGANISERS = [("971032146", "signatory", "Kim Leder", "kim.leder@ks.example"),
              ("971032146", "coordinator", "Kari Koordinator", "kari@ks.example")]
TODAY = "2026-11-25"


def csv_of_all_kommuner(path: Path) -> Path:
    lines = ["orgnr;role;signatory_name;signatory_email;coordinator_name;coordinator_email"]
    lines += [f"{orgnr};kilde;Ordfører {i};ordforer{i}@kommune{i}.example;Koordinator {i};"
              f"pjd{i}@kommune{i}.example" for i, orgnr in enumerate(reference.kommuner())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def onboard(tmp: Path, url: str, pdf: bool, code: Path | None) -> Staged:
    """A fresh database (init, the organiser's contacts), then the timed onboarding run."""
    counter, csv = itertools.count(), csv_of_all_kommuner(tmp / "kommuner.csv")

    def prepare() -> Callable[[], None]:
        tree = "before" if code else "now"
        data = tmp / f"data-{tree}-{'pdf' if pdf else 'docx'}-{next(counter)}"
        env = env_for(data, AVTALEFLYT_PDF="1" if pdf else "0")
        avtaleflyt("init", env=env, code=code)()
        for orgnr, role, name, email in ORGANISERS:
            avtaleflyt("org", "contact", "add", orgnr, "--role", role, "--name", name,
                       "--email", email, env=env, code=code)()
        return avtaleflyt("onboard", "--csv", str(csv), "--offline", "--today", TODAY,
                          env={**env, "PREFECT_API_URL": url}, code=code)
    return Staged(prepare)


def main() -> list[Row]:
    modes = [False] if "--no-pdf" in sys.argv or soffice() is None else (
        [True] if "--pdf-only" in sys.argv else [False, True])
    print(f"onboarding 357 kommuner: {rounds(3)} rounds; {load()}")
    old, rows = baseline.checkout(), []
    with tempfile.TemporaryDirectory(prefix="bench-onboard-") as tmp, prefect_server() as url:
        for pdf in modes:
            runs = {"now": onboard(Path(tmp), url, pdf, None)}
            if old is not None:
                runs["before"] = onboard(Path(tmp), url, pdf, old)
            found = interleaved(rounds(3), **runs)
            goal = 40.0 if pdf else 12.0
            row = Row(f"onboarding all 357 kommuner in one flow run, {'with' if pdf else 'without'}"
                      " PDFs (baseline: before issue 12)", f"≤{goal:.0f} s", parallel=1)
            row.at_most(found["now"], goal, baseline=found.get("before"))
            rows.append(row)
    return rows


if __name__ == "__main__":
    finish(main())
