"""The domain package stays free of Prefect."""

from __future__ import annotations

import subprocess
import sys


def test_importing_agreements_does_not_load_prefect() -> None:
    """Every agreements module imports without pulling in prefect."""
    code = (
        "import pkgutil, importlib, sys, agreements\n"
        "for m in pkgutil.walk_packages(agreements.__path__, 'agreements.'):\n"
        "    if '.migrations' not in m.name: importlib.import_module(m.name)\n"
        "print('prefect' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
