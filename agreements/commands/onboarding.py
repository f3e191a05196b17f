"""Onboarding: one organisation, or every organisation of a CSV (all 357 kommuner at once).

One recipe for every front door: register, route, open the checklist, create and send a
kilde's agreement, prepare a konsument's NHN order, deliver, and say of each row whether its
messages have left (`onboarding.batch`). A CSV unusable as a whole is refused before anything
is written; bad rows are reported and the good ones go on.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, Field

from agreements.access import policy
from agreements.access.policy import Rule
from agreements.commands.base import Command, Outcome
from agreements.core import bounded
from agreements.documents import uploads
from agreements.documents.uploads import Upload
from agreements.errorcodes import Code
from agreements.errors import AvtaleflytError, InvalidInput
from agreements.onboarding import batch, csvfile
from agreements.registry.register import Registration, check

if TYPE_CHECKING:
    from agreements.app import App


class OnboardOrganisation(Command, Registration):
    """Register, route, open the checklist; send a kilde's agreement, order for a konsument.
    Re-running for the same organisation continues where it stands and duplicates nothing."""

    action: ClassVar[str] = "onboard-organisation"
    rule: ClassVar[Rule] = policy.OPERATOR


class OnboardBatch(Command):
    """Onboard every organisation in a CSV; bad rows are reported, good rows go on."""

    action: ClassVar[str] = "onboard-batch"
    rule: ClassVar[Rule] = policy.OPERATOR

    csv_path: str | None = Field(None, title="CSV file", max_length=4096,
                                 description="its path on the machine that runs it")
    csv_text: str | None = Field(None, title="CSV text",
                                 description="the CSV itself, instead of a file")
    csv_file: Upload | None = Field(None, title="Staged CSV file",
                                    description="a CSV uploaded in the portal for runs")
    offline: bool = Field(False, title="Offline",
                          description="never call Enhetsregisteret; kommuner come from the "
                                      "reference data")


class Row(BaseModel):
    """What became of one row: `ok` when done and its messages have left; `waiting` when
    only its e-mail waits for a mail server that is down."""

    line: int
    orgnr: str
    navn: str
    outcome: str
    ok: bool
    waiting: bool = False


class OnboardingOutcome(Outcome):
    rows: list[Row] = Field(default_factory=list)
    done: int = 0
    waiting: int = 0
    attention: int = 0

    @property
    def ok(self) -> bool:
        return self.attention == 0 and self.waiting == 0


def onboard_organisation(app: App, cmd: OnboardOrganisation) -> OnboardingOutcome:
    """Onboard one organisation; what stops it (not registrable, no agreement) is raised."""
    check(cmd)  # bad input is refused before anything is looked up or written
    outcome, failures = _run(app, [([csvfile.Row(1, cmd)], [])])
    if failures:
        raise failures[0]
    (row,) = outcome.rows
    return outcome.model_copy(update={"message": f"{row.navn} ({row.orgnr}): {row.outcome}",
                                      "orgnr": row.orgnr})


def onboard_batch(app: App, cmd: OnboardBatch) -> OnboardingOutcome:
    name = (Path(cmd.csv_path).name if cmd.csv_path else
            cmd.csv_file.filename if cmd.csv_file else "the CSV")
    with _source(app, cmd) as source:  # a file unusable as a whole writes nothing
        scanned = csvfile.scan(source, offline=cmd.offline, name=name)
    with _source(app, cmd) as source:
        outcome, _ = _run(app, csvfile.chunks(source, offline=cmd.offline, name=name,
                                              repeated=scanned.repeated))
    return outcome


def _source(app: App, cmd: OnboardBatch) -> IO[str]:
    if [bool(cmd.csv_path), bool(cmd.csv_text), bool(cmd.csv_file)].count(True) != 1:
        raise InvalidInput(Code.ONE_CSV_SOURCE)
    if cmd.csv_file:  # staged for runs: within the upload limit, checked against its hash
        data = uploads.load(app, cmd.csv_file)
        return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")
    if cmd.csv_text and len(cmd.csv_text) > bounded.CSV_MAX_BYTES:  # lines, rows: as a file's
        raise InvalidInput(Code.FILE_TOO_LARGE, name="csv_text", size=len(cmd.csv_text),
                           limit=bounded.CSV_MAX_BYTES)
    return io.StringIO(cmd.csv_text) if cmd.csv_text else csvfile.open_text(
        Path(cmd.csv_path or ""))


def _run(app: App, chunks: Any) -> tuple[OnboardingOutcome, list[AvtaleflytError]]:
    """Every chunk, delivered as it ends; the rows, and what stopped any of them."""
    rows: list[dict[str, Any]] = []
    failures: list[AvtaleflytError] = []
    totals = batch.run(app, chunks, rows.extend, failures.append)
    return OnboardingOutcome(
        message=f"{totals}; e-mail: {totals.delivery}", delivery=str(totals.delivery),
        rows=[Row.model_validate(r) for r in rows], done=totals.done, waiting=totals.waiting,
        attention=totals.attention), failures
