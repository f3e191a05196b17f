"""Polling the signing service: the `poll-signatures` deployment, every 10 minutes, acting as
the system."""

from __future__ import annotations

from prefect import flow
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from agreements.access.actors import System
from agreements.commands import PollOutcome, PollSignatures
from agreements.errorcodes import Code
from agreements.errors import AvtaleflytError
from flows import names
from flows.common import anchor_artifact, flow_app, run_command
from flows.errortexts import worded


class PollIncomplete(AvtaleflytError):
    """Part of the poll failed; the rest was recorded, and the next poll tries again."""


@flow(name=PollSignatures.action, log_prints=True,
      flow_run_name=names.polled(PollSignatures.action))
@worded
def poll_signatures() -> PollOutcome:
    """Fetch what signers did in Posten signering and record it: signatures, declines,
    expiry, the verified signed PDF and the signeringsbekreftelse; each status change is
    confirmed to Posten only once recorded. Respects the poll time Posten permits."""
    with flow_app(actor=System(PollSignatures.action)) as app:
        outcome = run_command(PollSignatures())
        anchor_artifact(app)
    assert isinstance(outcome, PollOutcome)
    if outcome.changes:
        table = [{"Gjelder": c.get("concerns", ""), "Status": c.get("status", ""),
                  "Postens referanse": c.get("reference", ""), "Utfall": c.get("outcome", "")}
                 for c in outcome.changes]
        create_table_artifact(table=table, key=PollSignatures.action,
                              description="Status changes from the signing service")
    create_markdown_artifact(markdown=outcome.message, key="poll-signatures-summary")
    print(outcome.message)
    if outcome.failed:
        raise PollIncomplete(Code.POLL_INCOMPLETE, failures=outcome.failed[:5])
    return outcome
