"""Files uploaded in the portal for runs, in the run forms: the drop-downs of recent files,
and the file a run was given.

Why a drop-down refreshed from here and not the form alone: a deployment's parameter
schema is fixed when the deployment is registered, and the Prefect UI builds the run form
from that stored schema each time a form is opened. So `serve` registers each deployment
with the last day's files of each file field's purpose as the field's `enum` (a select in
the form), and a watcher in `serve` registers the new schema with the Prefect API whenever
a file is uploaded (`watch`): the next form opened offers it. Each choice is the file's
label, code first (`runfiles.label`); the field also takes the code by itself (its
pattern), which is what a deployment registered by `prefect deploy` from prefect.yaml
offers (a text field: no list of files exists when the YAML is written). Either way the
flow reads the code and hands the command the staged upload (`resolve`), refused in one
line when the code is unknown, more than a day old or for another purpose.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from agreements.documents import runfiles
from agreements.documents.runfiles import Purpose
from flows.forms import FILE_FIELDS

if TYPE_CHECKING:
    from agreements.core.ports import Work

log = logging.getLogger("avtaleflyt.flows")
WATCH_SECONDS = 3.0
KEY = "x-run-file"


def resolve(work: Work, values: Mapping[str, Any]) -> dict[str, Any]:
    """`values` (a run form's) with each file field's label or code as its staged upload."""
    found = dict(values)
    for name, (_, purpose) in FILE_FIELDS.items():
        given = found.get(name)
        if isinstance(given, str):
            found[name] = runfiles.upload_of(work, given, purpose).model_dump()
    return found


def upload(work: Work, given: str | None, purpose: Purpose) -> Any:
    """The staged upload a single file parameter names (None when none was chosen)."""
    return runfiles.upload_of(work, given, purpose) if given else None


def choices(work: Work) -> dict[str, list[str]]:
    """The labels each purpose's drop-down offers: the last day's files, newest first."""
    return {p.value: [runfiles.label(f) for f in runfiles.recent(work, p)] for p in Purpose}


def _file_props(schema: dict[str, Any]) -> Iterator[dict[str, Any]]:
    props = list(schema.get("properties", {}).values())
    for model in (schema.get("definitions") or {}).values():
        props += list(model.get("properties", {}).values())
    for prop in props:
        if KEY in prop:
            yield prop


def has_files(schema: dict[str, Any]) -> bool:
    """Whether a parameter schema has a file field."""
    return any(True for _ in _file_props(schema))


def offer(schema: dict[str, Any], labels: Mapping[str, list[str]]) -> bool:
    """Put the labels in the file fields of a parameter schema; whether it had any."""
    found = False
    for prop in _file_props(schema):
        found = True
        offered = labels.get(prop[KEY]) or []
        if offered:
            prop["enum"] = list(offered)
        else:
            prop.pop("enum", None)
    return found


def newest(work: Work) -> str:
    """What changes when a file is uploaded (the newest file's code)."""
    found = runfiles.recent(work, limit=1)
    return found[0].code if found else ""


def register(work: Work, schemas: Mapping[str, dict[str, Any]]) -> bool:
    """Register each deployment's schema (by `flow/deployment` name) again with the current
    files, through the API; False while a deployment is not registered yet."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import DeploymentUpdate
    from prefect.exceptions import ObjectNotFound

    labels = choices(work)
    with get_client(sync_client=True) as client:
        for name, schema in schemas.items():
            offer(schema, labels)
            try:
                found = client.read_deployment_by_name(name)
            except ObjectNotFound:
                return False
            client.update_deployment(found.id, DeploymentUpdate(
                parameter_openapi_schema=schema))
    return True


def watch(open_work: Any, schemas: Mapping[str, dict[str, Any]], stop: threading.Event,
          api_url: str, seconds: float = WATCH_SECONDS) -> None:
    """Until `stop`: register the schemas again whenever the newest uploaded file changes
    (and once a minute, so a day-old file leaves the drop-down). A round that fails is
    logged and tried again in the next one."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    seen, rounds = "", 0
    with temporary_settings(updates={PREFECT_API_URL: api_url}), open_work() as work:
        while not stop.wait(seconds):
            rounds += 1
            try:
                now = newest(work)
                if (now != seen or rounds * seconds >= 60) and register(work, schemas):
                    seen, rounds = now, 0
            except Exception:  # the next round tries again; serve goes on
                log.exception("run forms' file lists not refreshed")
