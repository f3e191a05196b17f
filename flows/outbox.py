"""Delivering the outbox: the `deliver-outbox` deployment, every 10 minutes, acting as the
system. What a mail server or NHN's endpoint that was down left queued leaves once it is
back; no run waits for it in a retry loop."""

from __future__ import annotations

from prefect import flow
from prefect.artifacts import create_markdown_artifact

from agreements.access.actors import System
from agreements.commands import DeliverOutbox, DeliveryOutcome
from flows import names
from flows.common import flow_app, run_command
from flows.errortexts import worded


@flow(name=DeliverOutbox.action, log_prints=True,
      flow_run_name=names.polled(DeliverOutbox.action))
@worded
def deliver_outbox() -> DeliveryOutcome:
    """Deliver everything queued (e-mail, NHN orders); a server that cannot be reached leaves
    the rest of its channel for the next run. A message that failed for good stays failed
    (`avtaleflyt outbox list`, `outbox retry`) and is named in the run's summary."""
    with flow_app(actor=System(DeliverOutbox.action)):
        outcome = run_command(DeliverOutbox())
    assert isinstance(outcome, DeliveryOutcome)
    failed = "".join(f"\n- {key}: {why}" for key, why in outcome.failed.items())
    create_markdown_artifact(markdown=outcome.message + failed, key="deliver-outbox-summary")
    print(outcome.message)
    return outcome
