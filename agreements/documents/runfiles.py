"""Files handed in through the portal for a run in the Prefect UI: a signed copy, evidence,
a CSV of organisations.

A coordinator uploads the file on the portal's «Filer til kjøringer»; it is staged in the
document store (`uploads.stage`, so a flow run on any machine takes it back) and recorded
with a short code (`K7P2QX`: no 0/O, 1/I/L) for its purpose. The run form of an action that
needs such a file offers the recent ones of that purpose in a drop-down, each shown as its
label (`label`: the code first, then the name, who and when); the flow takes the code from
the chosen label (`code_in`) and hands the command the staged upload (`upload_of`). Nothing
on the worker's disk is ever named. Staged bytes are swept after a day
(`uploads.SWEEP_AFTER_SECONDS`), so only the last day's files are offered.
"""

from __future__ import annotations

import re
import secrets
from datetime import timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlmodel import col, select

from agreements.core.calendar import OSLO
from agreements.core.models import Document, RunFile
from agreements.documents import kinds, uploads
from agreements.documents.uploads import Upload
from agreements.errorcodes import Code
from agreements.errors import InvalidInput

if TYPE_CHECKING:
    from agreements.core.ports import Stores, Work

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE = re.compile(rf"^[{ALPHABET}]{{6}}$")
# a label or a bare code: what a run form's file field accepts
GIVEN = rf"^\s*[{ALPHABET}{ALPHABET.lower()}]{{6}}(\s.*)?$"
RECENT = 30  # files offered per purpose
REPORT = "report"  # the kind of a rollout report's file in the document store
LIFETIME = timedelta(seconds=uploads.SWEEP_AFTER_SECONDS)


class Purpose(StrEnum):
    SIGNED_COPY = "signed-copy"
    EVIDENCE = "evidence"
    ORGANISATIONS = "organisations"


# what each purpose is called in bokmål (the portal's page, the run forms, their refusals)
WORDS: dict[str, str] = {
    Purpose.SIGNED_COPY: "signert kopi av en avtale (PDF)",
    Purpose.EVIDENCE: "dokumentasjon for et sjekklistepunkt",
    Purpose.ORGANISATIONS: "CSV med virksomheter som skal registreres",
}

ACCEPTS: dict[Purpose, frozenset[str | None]] = {  # the kinds of content each purpose takes
    Purpose.SIGNED_COPY: frozenset({"pdf"}),
    Purpose.EVIDENCE: frozenset(kinds.EVIDENCE),
    Purpose.ORGANISATIONS: frozenset({None}),  # text: none of the binary kinds
}


def _new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(6))


def _check_content(purpose: Purpose, filename: str, data: bytes) -> None:
    kind = kinds.kind_of(data, filename)
    text_ok = True
    if purpose is Purpose.ORGANISATIONS:
        try:
            text_ok = "\x00" not in data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text_ok = False
    if kind not in ACCEPTS[purpose] or not text_ok:
        raise InvalidInput(Code.RUN_FILE_KIND, name=filename, purpose=purpose.value)


def stage(work: Stores, *, purpose: Purpose, filename: str, data: bytes, by: str) -> RunFile:
    """Stage `data` for a run and record it under a fresh code; refused when empty, over the
    upload limit, or not what the purpose takes (judged by the content)."""
    _check_content(purpose, filename, data)
    staged = uploads.stage(work, filename, data, what=purpose.value)
    with work.transaction() as session:
        taken = set(session.exec(select(RunFile.code)))
        code = next(c for c in iter(_new_code, "") if c not in taken)
        found = RunFile(code=code, purpose=purpose.value, sha256=staged.sha256,
                        filename=staged.filename, size=staged.size, staged_by=by[:300],
                        staged_at=work.clock.now())
        session.add(found)
        session.flush()
        session.expunge(found)
    return found


def recent(work: Work, purpose: Purpose | None = None, *, limit: int = RECENT) -> list[RunFile]:
    """The files of the last day (of `purpose`, or all), newest first."""
    since = work.clock.now() - LIFETIME
    with work.reading() as session:  # serve's watcher asks every few seconds
        query = select(RunFile).where(col(RunFile.staged_at) >= since)
        if purpose is not None:
            query = query.where(RunFile.purpose == purpose.value)
        found = list(session.exec(query.order_by(col(RunFile.staged_at).desc(),
                                                 col(RunFile.id).desc()).limit(limit)))
        for f in found:
            session.expunge(f)
    return found


def label(found: RunFile) -> str:
    """How a run form's drop-down shows the file: the code first (what the flow reads)."""
    when = found.staged_at.astimezone(OSLO)
    return f"{found.code} · {found.filename} · {found.staged_by} · {when:%d.%m. kl. %H.%M}"


def code_in(given: str) -> str:
    """The code in a drop-down's label, or a code typed by itself."""
    return (given.split() or [""])[0].upper()


def upload_of(work: Work, given: str, purpose: Purpose) -> Upload:
    """The staged upload the label or code `given` names, when it is of `purpose`."""
    code = code_in(given)
    with work.transaction() as session:
        found = session.exec(select(RunFile).where(RunFile.code == code)).first() \
            if CODE.match(code) else None
        if found is None or found.staged_at < work.clock.now() - LIFETIME:
            raise InvalidInput(Code.RUN_FILE_UNKNOWN, code=code[:12])
        if found.purpose != purpose.value:
            raise InvalidInput(Code.RUN_FILE_PURPOSE, code=code, name=found.filename,
                               purpose=found.purpose, wanted=purpose.value)
        return Upload(sha256=found.sha256, filename=found.filename, size=found.size)


def reports(work: Work, *, limit: int = 60) -> list[Document]:
    """The rollout reports' files kept in the document store (by runs), newest first."""
    with work.transaction() as session:
        found = list(session.exec(select(Document).where(Document.kind == REPORT).order_by(
            col(Document.id).desc()).limit(limit)))
        for d in found:
            session.expunge(d)
    return found


def report(work: Work, document_id: int) -> Document | None:
    """One file of a rollout report (None when the id is no report's)."""
    with work.transaction() as session:
        found = session.get(Document, document_id)
        if found is None or found.kind != REPORT:
            return None
        session.expunge(found)
        return found
