"""How fast the everyday commands answer, in fresh processes, on a database with all 357
kommuner registered (no Prefect involved).

    .venv/bin/python bench/cli.py [REPEATS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent / "avtaleflyt"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def timed(args: list[str], env: dict[str, str], repeats: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([str(BIN), *args], env=env, check=True, capture_output=True)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), max(runs)


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "AVTALEFLYT_DATA_DIR": tmp, "AVTALEFLYT_OFFLINE": "1"}
        env.pop("PREFECT_API_URL", None)
        env.pop("AVTALEFLYT_DATABASE_URL", None)
        subprocess.run([str(BIN), "init"], env=env, check=True, capture_output=True)
        from agreements import reference
        from agreements.app import open_app
        from agreements.config import Settings
        from agreements.registry.register import Registration, register

        app = open_app(Settings(data_dir=Path(tmp), offline=True))
        start = time.perf_counter()
        for orgnr in reference.kommuner():
            register(app, Registration(orgnr=orgnr, role="kilde"))
        print(f"register 357 kommuner in one process: {time.perf_counter() - start:.1f} s")
        for name, args in [("status ORGNR", ["status", "958935420"]),
                           ("status ORGNR --format json", ["status", "958935420", "--format",
                                                           "json"]),
                           ("org list (357)", ["org", "list"]),
                           ("follow-up --dry-run (357)", ["follow-up", "--dry-run"]),
                           ("report (357)", ["report", "--out", tmp + "/r"])]:
            median, worst = timed(args, env, repeats)
            print(f"{name:<32}: median {median:.2f} s, worst {worst:.2f} s")


if __name__ == "__main__":
    main()
