"""Polling the signing service: the `poll-signatures` deployment, every 10 minutes."""

from __future__ import annotations

from typing import Any

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from agreements.app import App
from agreements.contracts import polling
from agreements.errorcodes import Code
from agreements.errors import AvtaleflytError
from flows.common import anchor_artifact, flow_app
from flows.errortexts import worded


class PollIncomplete(AvtaleflytError):
    """Part of the poll failed; the rest was recorded, and the next poll tries again."""


@task(name="poll-signing-service", cache_policy=NO_CACHE)
def poll_task(app: App) -> polling.PollReport:
    return polling.poll(app)


@flow(name="poll-signatures", log_prints=True)
@worded
def poll_signatures() -> dict[str, Any]:
    """Fetch what signers did in Posten signering and record it: signatures, declines,
    expiry, the verified signed PDF and the completion certificate; each status change is
    confirmed to Posten only once recorded. Respects the poll time Posten permits."""
    with flow_app() as app:
        report = poll_task(app)
        anchor_artifact(app)
    summary = report.summary()
    rows = [{k: str(v) for k, v in row.items()} for row in report.changes]
    if rows:
        create_table_artifact(table=rows, key="poll-signatures",
                              description="Status changes from the signing service")
    create_markdown_artifact(markdown=summary, key="poll-signatures-summary")
    print(summary)
    if report.failed:
        raise PollIncomplete(Code.POLL_INCOMPLETE, failures=report.failed[:5])
    return {"summary": summary, "changes": rows, "failed": report.failed,
            "waiting": report.waiting}
