"""The code before issue 12, to measure against in the same run: `git archive` of a fixed
commit, unpacked once under var/bench/, run with the same virtual environment (its packages
first on PYTHONPATH, ahead of the editable install of this tree).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from bench.common import ROOT

#: main just before issue 12 (resident templates, parallel PDF, fast read paths) landed.
REF = os.environ.get("BENCH_BASELINE_REF", "50de7c9d2fb421e0c7389f299535b11a79b2dc05")


def checkout(ref: str = REF) -> Path | None:
    """The tree of `ref`, unpacked (once); None when this is not a git checkout that has it."""
    target = ROOT / "var" / "bench" / f"baseline-{ref[:12]}"
    if (target / "cli" / "__init__.py").is_file():
        return target
    target.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True)
    if archive.returncode != 0:
        print(f"baseline {ref[:12]} unavailable: {archive.stderr.decode().strip()}")
        return None
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target
