"""Files for runs: a coordinator of an organiser uploads a file in the portal (a signed
copy, evidence, a CSV of organisations) for a run in the Prefect UI, whose form offers it in
a drop-down (`documents.runfiles`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from pydantic import Field

from agreements.access import policy
from agreements.access.policy import Rule
from agreements.commands.base import Command, Line, Outcome
from agreements.documents.runfiles import Purpose

if TYPE_CHECKING:
    from agreements.app import App


class StageRunFile(Command):
    """Stage a file for a run: it is kept a day under a short code that the run forms of the
    actions needing such a file offer."""

    action: ClassVar[str] = "stage-run-file"
    rule: ClassVar[Rule] = policy.ORGANISERS

    purpose: Purpose = Field(title="Purpose", description="signed-copy, evidence or "
                                                          "organisations (a CSV)")
    filename: Line = Field(title="File name", min_length=1, max_length=255,
                           description="as the person named it (shown, never a path)")
    data: bytes = Field(title="Content", repr=False)


class RunFileOutcome(Outcome):
    code: str
    filename: str
    label: str  # as the run forms' drop-downs show it


def stage_run_file(app: App, cmd: StageRunFile) -> RunFileOutcome:
    from agreements.documents import runfiles

    by = getattr(app.who, "name", None) or str(app.actor)
    found = runfiles.stage(app, purpose=cmd.purpose, filename=cmd.filename, data=cmd.data,
                           by=by)
    return RunFileOutcome(message=f"{found.filename} staged for runs as {found.code}",
                          code=found.code, filename=found.filename, label=runfiles.label(found))
