"""An operator action from the command line with PREFECT_API_URL set (`agreement sign`):
the action runs in the CLI's process and is recorded as a run of its flow on a real
`prefect server` over the REST API. Against the same action with no server configured, and
against the code before issue 12 with the server; each run signs a different agreement.

    .venv/bin/python -m bench.action
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from bench import baseline
from bench.common import Row, avtaleflyt, env_for, finish, interleaved, load, rounds
from bench.population import prepared
from bench.prefect_server import prefect_server


def pending_first_signatures(db: Path) -> Iterator[tuple[int, str]]:
    """(agreement id, signer) of every sent agreement whose first signature is pending."""
    with sqlite3.connect(db) as c:
        yield from c.execute(
            "SELECT a.id, c.email FROM agreement a JOIN signature s ON s.agreement_id = a.id"
            " JOIN contact c ON c.id = s.contact_id WHERE a.status = 'sent'"
            " AND s.position = 1 AND s.status = 'pending' ORDER BY a.id")


def main() -> list[Row]:
    print(f"operator action (agreement sign): {rounds()} rounds; {load()}")
    with tempfile.TemporaryDirectory(prefix="bench-action-") as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(prepared(1000), data)
        signed = Path(tmp) / "signed.pdf"
        signed.write_bytes(b"%PDF-1.4\n% signert kopi\n%%EOF\n")
        todo = pending_first_signatures(data / "avtaleflyt.db")
        old = baseline.checkout()

        def sign(env: dict[str, str], code: Path | None = None) -> Callable[[], None]:
            def run() -> None:
                agreement, signer = next(todo)
                # a scanned paper signature: the bench's PDF carries no digital signature
                # (the code before issue 9 had no such option and did not verify)
                paper = [] if code else ["--unverified", "--reason", "papir (benchmark)"]
                avtaleflyt("agreement", "sign", str(agreement), "--signer", signer, "--file",
                           str(signed), *paper, env=env, code=code)()
            return run

        with prefect_server() as url:
            server = env_for(data, PREFECT_API_URL=url)
            runs = {"server": sign(server), "no_server": sign(env_for(data))}
            skipped = None
            if old is not None:
                try:  # the older code writes to this database only while its schema allows
                    sign(server, old)()
                    runs["before_server"] = sign(server, old)
                except RuntimeError as exc:
                    skipped = str(exc).rsplit(": ", 1)[-1].strip()[:120]
            found = interleaved(rounds(), **runs)
    row = Row("an operator action with PREFECT_API_URL set (agreement sign; baseline: the "
              "same without a server)", "≤1.0 s")
    if skipped:
        row.notes.append(f"before issue 12: not run, that code cannot write to today's schema "
                         f"({skipped})")
    if "before_server" in found:
        before = found["before_server"].wall
        row.notes.append(f"before issue 12, with the server: min {min(before):.3f} s, "
                         f"median {sorted(before)[len(before) // 2]:.3f} s")
    row.at_most(found["server"], 1.0, baseline=found["no_server"])
    return [row]


if __name__ == "__main__":
    finish(main())
