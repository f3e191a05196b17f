"""`avtaleflyt serve`: its deployments with every declared field, one `poll-signatures` run at
a time, and a serve stopped while it starts. (The UI that talks to the port serve serves is
tested beside its run forms, tests/browser/test_run_forms_ui.py, on the same serve.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from agreements.commands import ACTIONS
from flows.deployments import DEPLOYMENTS
from tests.serving import listening_on, start_serve, stop_serve, wait_until
from tests.waiting import wait_for


def test_serve_builds_every_deployment_with_its_declared_fields(prefect_harness: None) -> None:
    """serve's deployments: one per flow, schedules in Oslo time, tags, parameters, and
    poll-signatures limited to one run at a time."""
    from flows.serve import deployments

    found = {d.name: d for d in deployments()}
    assert len(found) == 2 + len(ACTIONS) + 4  # onboarding, actions, follow-up, poll, outbox,
    # report
    (follow,) = found["follow-up"].schedules
    assert (follow.schedule.cron, follow.schedule.timezone) == ("0 7 * * 1-5", "Europe/Oslo")
    assert found["follow-up"].parameters == {"dry_run": False}
    (weekly,) = found["rollout-report"].schedules
    assert weekly.schedule.cron == "0 8 * * 1"
    assert weekly.parameters == {"mail": True}  # the schedule's runs e-mail; a manual run not
    assert found["rollout-report"].parameters == {}
    assert found["go-live"].schedules == []
    assert found["go-live"].tags == ["avtaleflyt", "action"]
    assert "open gate" in (found["go-live"].description or "")
    (every,) = found["poll-signatures"].schedules
    assert every.schedule.cron == "*/10 * * * *"
    poll = found["poll-signatures"]
    assert poll.concurrency_limit == 1 and poll.concurrency_options is not None
    assert poll.concurrency_options.collision_strategy.value == "CANCEL_NEW"


def test_a_second_poll_signatures_run_gets_no_slot_while_one_runs(prefect_harness: None) -> None:
    """Two runs of poll-signatures at once: the server lets the first start and cancels the
    second, so two runs never poll together."""
    from prefect.client.orchestration import get_client
    from prefect.states import Completed, Pending, Running

    from flows.serve import runner_deployment

    spec = next(d for d in DEPLOYMENTS if d.name == "poll-signatures")
    deployment_id = runner_deployment(spec).apply()
    with get_client(sync_client=True) as client:
        first = client.create_flow_run_from_deployment(deployment_id)
        second = client.create_flow_run_from_deployment(deployment_id)
        assert client.set_flow_run_state(first.id, Pending()).status.value == "ACCEPT"
        refused = client.set_flow_run_state(second.id, Pending())
        assert refused.status.value != "ACCEPT"
        assert client.read_flow_run(second.id).state_type.value == "CANCELLED"
        client.set_flow_run_state(first.id, Running())
        client.set_flow_run_state(first.id, Completed())
        third = client.create_flow_run_from_deployment(deployment_id)
        assert client.set_flow_run_state(third.id, Pending()).status.value == "ACCEPT"
        client.set_flow_run_state(third.id, Running())
        client.set_flow_run_state(third.id, Completed())


@pytest.mark.slow
def test_serve_stopped_while_it_starts_stops_the_server_it_started(tmp_path: Path) -> None:
    """SIGTERM to `serve` as soon as its Prefect server is up (before Prefect's runner
    handles SIGTERM itself): serve exits and the server it started stops too."""
    found = start_serve(tmp_path)
    try:
        wait_until(found, "the Prefect server", lambda: "Prefect UI:" in found.log.read_text(
            errors="replace"))
        assert listening_on(found.port)
        found.proc.terminate()
        found.proc.wait(timeout=90)
        wait_for(lambda: not listening_on(found.port), "the server serve started to stop",
                 timeout=120)
    finally:
        stop_serve(found)
