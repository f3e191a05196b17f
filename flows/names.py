"""Run names that say what a run does and for whom, so the Prefect runs list reads
`follow-up-2026-12-07`, `onboard-batch-kommuner-357`, `go-live-958935420-oslo`.

A name is computed from the run's parameters alone (and the reference data): nothing opens
the database, nothing can fail, so nothing is swallowed. A name that needs a lookup (an
agreement's number, a registered organisation's name) is set by the flow itself once its
app is open (`rename`), from the same values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from pathlib import PurePath
from typing import Any
from zoneinfo import ZoneInfo

from agreements import reference
from agreements.commands import naming

OSLO = ZoneInfo("Europe/Oslo")
_ORGNR = re.compile(r"(?<!\d)\d{9}(?!\d)")


def _parameters() -> dict[str, Any]:
    from prefect.runtime import flow_run

    return dict(flow_run.parameters)


def _values(value: Any) -> Mapping[str, Any]:
    """A model parameter's values, whether Prefect hands it over as a model or a dict."""
    if isinstance(value, Mapping):
        return value
    dump = getattr(value, "model_dump", None)
    return dump() if callable(dump) else {}


def day_of(value: Any) -> str:
    """The day a run works on: its `today` parameter as given, or the real day in Oslo."""
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()[:10] if value else datetime.now(OSLO).date().isoformat()


def action(name: str, *, param: str = "command") -> Callable[[], str]:
    """`go-live-958935420-oslo`, `sign-7`: an action's run by what its input names."""
    return lambda: naming.run_name(None, name, _values(_parameters().get(param)))


def daily(name: str) -> Callable[[], str]:
    """`follow-up-2026-12-07` (`…-dry-run`), `rollout-report-2026-12-07`."""

    def run_name() -> str:
        found = _parameters()
        dry = "-dry-run" if found.get("dry_run") else ""
        return f"{name}-{day_of(found.get('today'))}{dry}"

    return run_name


def polled(name: str) -> Callable[[], str]:
    """`poll-signatures-2026-12-07-0710`: when it polled (Oslo time)."""
    return lambda: f"{name}-{datetime.now(OSLO):%Y-%m-%d-%H%M}"


def batch_label(orgnrs: Iterable[str]) -> str:
    """`kommuner-357` when every row is a kommune, else `virksomheter-12`."""
    found = list(orgnrs)
    kommuner = reference.kommuner()
    what = "kommuner" if found and all(o in kommuner for o in found) else "virksomheter"
    return f"{what}-{len(found)}"


def batch(name: str) -> Callable[[], str]:
    """`onboard-batch-kommuner-357` from a pasted CSV; `onboard-batch-<file>` from a file
    uploaded in the portal (its label: code, name …; the flow renames it by its rows once it
    has read them)."""

    return lambda: batch_name(name, _parameters())


def batch_name(name: str, found: Mapping[str, Any]) -> str:
    """A batch's run name from its parameters (before its rows are read)."""
    text = str(found.get("csv_text") or "")
    if text:
        rows = [m.group(0) for line in text.splitlines()[1:]
                if (m := _ORGNR.search(line.replace(" ", "")))]
        return f"{name}-{batch_label(rows)}"
    label = str(found.get("csv_file") or "").split(" · ")
    file = label[1] if len(label) > 1 else label[0]
    return f"{name}-{naming.slug(PurePath(file).stem)}" if file else name


def rename(name: str) -> None:
    """Give the running flow run a better name (known once the flow has looked it up)."""
    from prefect.client.orchestration import get_client
    from prefect.runtime import flow_run

    if not flow_run.id or flow_run.name == name:
        return
    with get_client(sync_client=True) as client:
        client.update_flow_run(flow_run.id, name=name)
