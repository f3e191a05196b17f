"""One list of deployments (`flows.deployments`): prefect.yaml is written from it, `serve`
builds from it, and every field it declares reaches Prefect."""

from __future__ import annotations

import yaml

from agreements.commands import ACTIONS
from agreements.config import PROJECT_ROOT
from flows.deployments import DEPLOYMENTS, prefect_yaml


def test_prefect_yaml_is_the_text_written_from_the_deployments() -> None:
    """prefect.yaml is exactly what `python -m flows.deployments` writes (no second source)."""
    on_disk = (PROJECT_ROOT / "prefect.yaml").read_text(encoding="utf-8")
    assert on_disk == prefect_yaml(), "run: python -m flows.deployments > prefect.yaml"


def test_prefect_reads_every_declared_field_from_prefect_yaml() -> None:
    """Prefect's own model of prefect.yaml sees each deployment's description, tags,
    parameters, schedules and concurrency limit as declared."""
    from prefect.cli.deploy._models import PrefectYamlModel

    read = PrefectYamlModel.model_validate(yaml.safe_load(prefect_yaml()))
    assert [d.name for d in read.deployments] == [d.name for d in DEPLOYMENTS]
    for spec, got in zip(DEPLOYMENTS, read.deployments, strict=True):
        assert got.description == spec.description and got.description
        assert got.tags == list(spec.tags) and "avtaleflyt" in got.tags
        assert got.parameters == dict(spec.parameters)
        assert [(s.cron, s.timezone, s.parameters or {}) for s in got.schedules or []] == [
            (s.cron, s.timezone, dict(s.parameters)) for s in spec.schedules]
    poll = next(d for d in read.deployments if d.name == "poll-signatures")
    assert poll.concurrency_limit is not None and not isinstance(poll.concurrency_limit, int)
    assert (poll.concurrency_limit.limit, poll.concurrency_limit.collision_strategy) == (
        1, "CANCEL_NEW")


def test_every_action_has_a_deployment_of_its_flow() -> None:
    """Each action of agreements.commands is a deployment whose entrypoint is its flow."""
    from flows import actions

    by_name = {d.name: d for d in DEPLOYMENTS}
    for name in ACTIONS:
        module, function = by_name[name].entrypoint.rsplit(".", 1)
        assert module == "flows.actions"
        assert getattr(actions, function).name == name
