"""Every deployment of avtaleflyt, written once: `avtaleflyt serve` builds its runner
deployments from this list, and `prefect.yaml` (for `prefect deploy --all` and workers) is
written from it (`python -m flows.deployments > prefect.yaml`; a test fails when the file
differs). Each field declared here reaches Prefect both ways: descriptions, tags, parameters,
schedules and concurrency limits.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from agreements.commands import (
    ACTIONS,
    DeliverOutbox,
    FollowUp,
    OnboardBatch,
    OnboardOrganisation,
    PollSignatures,
    RolloutReport,
)

WORK_POOL = {"name": "avtaleflyt", "work_queue_name": "default"}
OSLO = "Europe/Oslo"


@dataclass(frozen=True)
class Schedule:
    """A cron schedule; `parameters` are those of the runs it starts (not of a run started
    from the run form)."""

    cron: str
    timezone: str = OSLO
    parameters: Mapping[str, Any] = field(default_factory=dict)

    def as_yaml(self) -> dict[str, Any]:
        found: dict[str, Any] = {"cron": self.cron, "timezone": self.timezone}
        if self.parameters:
            found["parameters"] = dict(self.parameters)
        return found


@dataclass(frozen=True)
class Concurrency:
    """At most `limit` runs of the deployment at once; a run that finds no free slot is
    cancelled (`CANCEL_NEW`: the next scheduled run comes soon) or waits (`ENQUEUE`)."""

    limit: int
    collision_strategy: str = "CANCEL_NEW"


@dataclass(frozen=True)
class Deployment:
    name: str
    entrypoint: str  # "flows.module.function" (Prefect's module path): imported, not a file
    description: str
    tags: tuple[str, ...]
    schedules: tuple[Schedule, ...] = ()
    concurrency: Concurrency | None = None
    parameters: Mapping[str, Any] = field(default_factory=dict)

    def as_yaml(self) -> dict[str, Any]:
        """The deployment as `prefect deploy` reads it from prefect.yaml."""
        found: dict[str, Any] = {"name": self.name, "entrypoint": self.entrypoint,
                                 "description": self.description, "tags": list(self.tags)}
        if self.parameters:
            found["parameters"] = dict(self.parameters)
        if self.concurrency:
            found["concurrency_limit"] = {
                "limit": self.concurrency.limit,
                "collision_strategy": self.concurrency.collision_strategy}
        if self.schedules:
            found["schedules"] = [s.as_yaml() for s in self.schedules]
        found["work_pool"] = dict(WORK_POOL)
        return found


def _summary(doc: str | None) -> str:
    """A docstring's first paragraph on one line."""
    return " ".join((doc or "").strip().split("\n\n")[0].split())


def _action(name: str) -> Deployment:
    model = ACTIONS[name].model
    return Deployment(name, f"flows.actions.{name.replace('-', '_')}", _summary(model.__doc__),
                      ("avtaleflyt", "action"))


DEPLOYMENTS: tuple[Deployment, ...] = (
    Deployment(OnboardOrganisation.action, "flows.onboarding.onboard_organisation",
               "Register one organisation, send its agreement or prepare its NHN order.",
               ("avtaleflyt", "onboarding")),
    Deployment(OnboardBatch.action, "flows.onboarding.onboard_batch",
               "Onboard every organisation of a CSV (all 357 kommuner in one run).",
               ("avtaleflyt", "onboarding")),
    # one per action of agreements.commands: the run form is the action's input
    *(_action(name) for name in ACTIONS),
    Deployment(FollowUp.action, "flows.followup.follow_up",
               "The daily follow-up, every working day at 07:00 Europe/Oslo (nothing is sent "
               "on weekends or Norwegian public holidays).",
               ("avtaleflyt", "scheduled"), (Schedule("0 7 * * 1-5"),),
               parameters={"dry_run": False}),
    Deployment(PollSignatures.action, "flows.signing.poll_signatures",
               "Fetch and record what signers did in Posten signering, every 10 minutes, day "
               "and night, Europe/Oslo (Posten's own pace when its queue is empty); one run at "
               "a time (a run that finds another polling is cancelled); nothing to do with "
               "AVTALEFLYT_SIGNING=manual.",
               ("avtaleflyt", "scheduled"), (Schedule("*/10 * * * *"),), Concurrency(1)),
    Deployment(DeliverOutbox.action, "flows.outbox.deliver_outbox",
               "Deliver what is queued (e-mail, NHN orders), every 10 minutes, day and night, "
               "Europe/Oslo: what a server that was down left queued leaves once it is back; "
               "one run at a time.",
               ("avtaleflyt", "scheduled"), (Schedule("*/10 * * * *"),), Concurrency(1)),
    Deployment(RolloutReport.action, "flows.followup.rollout_report",
               "Weekly rollout report per area, organiser and fylke, Mondays at 08:00 "
               "Europe/Oslo: its files kept in the document store (downloaded in the portal), "
               "and each organiser's coordinators e-mailed their counts and the link, once a "
               "week.",
               ("avtaleflyt", "scheduled"), (Schedule("0 8 * * 1", parameters={"mail": True}),)),
)

HEADER = """\
# Written by `python -m flows.deployments > prefect.yaml` from flows/deployments.py, which
# `avtaleflyt serve` reads too: edit that list, not this file (a test fails when they differ).
# Create the work pool once, then deploy from this folder:
#   prefect work-pool create avtaleflyt --type process
#   prefect deploy --all
#   prefect worker start --pool avtaleflyt      (with the AVTALEFLYT_* settings in its environment)
# With no pull section, `prefect deploy` records this folder as each run's working directory.
"""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def prefect_yaml() -> str:
    """The text of prefect.yaml."""
    from prefect import __version__

    body = {"name": "avtaleflyt", "prefect-version": __version__,
            "deployments": [d.as_yaml() for d in DEPLOYMENTS]}
    return HEADER + yaml.dump(body, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                              default_flow_style=None, width=96)


if __name__ == "__main__":
    sys.stdout.write(prefect_yaml())
