"""One flow run for `make demo` to point at: the rollout report of a day, run as a Prefect
flow against a Prefect server on this machine (started for it on a free loopback port and
stopped again; its database is PREFECT_HOME's, the one `avtaleflyt serve` opens later), so
the run, its chart, its tables and its links to the report's files in the portal are there
when the Prefect UI is opened. Offline: nothing leaves 127.0.0.1. Prints the run's id.

    python scripts/demo_run.py YYYY-MM-DD
"""

from __future__ import annotations

import socket
import sys

from prefect.logging.handlers import APILogWorker
from prefect.settings import PREFECT_API_URL, temporary_settings

from flows.common import fast_local_runs
from flows.followup import rollout_report
from flows.serve import _stop, start_server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main(day: str) -> str:
    server, url = start_server(free_port())
    try:
        with temporary_settings(updates={PREFECT_API_URL: url}), fast_local_runs():
            state = rollout_report(today=day, return_state=True)
            APILogWorker.drain_all(timeout=30)  # the run's log, before the server stops
    finally:
        _stop(server)
    if not state.is_completed():
        raise SystemExit(f"the report's run ended {state.type.value}: {state.message}")
    return str(state.state_details.flow_run_id)


if __name__ == "__main__":
    print(main(sys.argv[1]))
