"""Onboarding one organisation or many: register, create and send the agreement for a kilde
(an avtalespesialist's once its RHF has confirmed it is the organiser); the NHN order is the
organisation's own and is left to its signatory or PJD lead. Each step is idempotent, so a
re-run continues where the last one stopped. The steps take and return plain ids, for the
flows to pass around.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from sqlmodel import Session, col, select

from agreements.contracts import drafts, regenerate, sending
from agreements.contracts.parties import preload_parties, remembering
from agreements.core import audit
from agreements.core.db import preload
from agreements.core.enums import AgreementStatus
from agreements.core.models import Agreement, Document, Organisation
from agreements.errorcodes import Code
from agreements.errors import AvtaleflytError, MissingSignatory
from agreements.onboarding import registering
from agreements.onboarding.csvfile import Row
from agreements.onboarding.outcome import Outcome
from agreements.outbox.delivery import Delivers
from agreements.registry.lookup import Registers
from agreements.registry.register import check, identify
from agreements.registry.writing import Checked
from agreements.signing.provider import Signs

if TYPE_CHECKING:
    from agreements.contracts.storing import Created
    from agreements.documents.pdf import Converts


PER_TRANSACTION = 10  # rows written in one transaction: few commits, the writer's lock brief
# (on SQLite a portal's sign-in or upload waits for it: 50 rows held it 0.2-0.4 s at load 5)


class Onboards(Registers, Signs, Delivers, Protocol):
    """What onboarding uses: Enhetsregisteret, the documents and the signing provider for
    the drafts it makes and sends, and the outbox's channels."""


def register_rows(work: Registers, rows: Sequence[Row]) -> list[Outcome]:
    """Register the rows: what needs no I/O is checked first, new organisations are identified
    with no transaction open, then up to PER_TRANSACTION rows are written in one transaction:
    all in one savepoint, or, when a row is refused, each in a savepoint of its own (a failing
    row is reported, the rest go on)."""
    outcomes = [Outcome(row.line, row.registration.orgnr) for row in rows]
    checked: dict[int, Checked] = {}
    for i, row in enumerate(rows):
        try:
            checked[i] = check(row.registration)
        except AvtaleflytError as exc:
            outcomes[i].error, outcomes[i].failure = str(exc), exc
    with work.reading() as session:
        stored = set(session.exec(select(Organisation.orgnr).where(
            col(Organisation.orgnr).in_([c.orgnr for c in checked.values()]))))
    identified: dict[int, Organisation] = {}
    for i in [i for i, c in checked.items() if c.orgnr not in stored]:
        try:
            identified[i] = identify(work, rows[i].registration, checked[i])
        except AvtaleflytError as exc:
            outcomes[i].error, outcomes[i].failure = str(exc), exc
            del checked[i]
    todo = sorted(checked)
    for start in range(0, len(todo), PER_TRANSACTION):
        with work.transaction() as session:
            registering.write(work, session, [
                (i, rows[i], checked[i], identified.get(i), outcomes[i])
                for i in todo[start:start + PER_TRANSACTION]])
    return outcomes


def create_agreements(work: Converts, outcomes: Sequence[Outcome]) -> dict[int, Created]:
    """One agreement per kilde (one LibreOffice run for all); participation → what was made."""
    pids = [o.kilde_participation for o in outcomes if o.kilde_participation and not o.error]
    try:
        created = dict(zip(pids, drafts.create_agreements(work, pids), strict=True))
    except AvtaleflytError as exc:  # e.g. a template that does not render: say so per row
        for o in outcomes:
            if o.kilde_participation in pids:
                o.error = f"registered, but the agreement was not created: {exc}"
        return {}
    for o in outcomes:
        if (c := created.get(o.kilde_participation or 0)) is not None:
            o.steps.append(f"agreement #{c.agreement_id} " + ("created" if c.created else "exists"))
            o.mail_keys.append(f"agreement:{c.agreement_id}:")
    return created


def send_drafts(work: Signs, outcomes: Sequence[Outcome], made: dict[int, Created]) -> None:
    """Send every draft whose parties have signatories; say what is missing for the others.

    A draft this run made, sent by e-mail, is checked and sent in the batch's transaction (up
    to PER_TRANSACTION drafts in one savepoint; when one fails, each in its own); any other,
    or one whose inputs changed since it was made, is read again, generated again when out of
    date, and sent on its own."""
    provider = work.signing_provider()
    fresh: list[tuple[Outcome, int]] = []
    alone: list[tuple[Outcome, int]] = []
    for o in outcomes:
        if (c := made.get(o.kilde_participation or 0)) is not None:
            (fresh if c.created and not provider.remote else alone).append((o, c.agreement_id))
    for start in range(0, len(fresh), PER_TRANSACTION):
        part = fresh[start:start + PER_TRANSACTION]
        with work.transaction() as session, remembering(session):
            _preload(session, [aid for _, aid in part])
            try:  # the part at once, in one savepoint; only when one fails, row by row
                with audit.savepoint(session):
                    went = _send_rows(work, session, part, provider.name, alone=False)
            except AvtaleflytError:
                went = _send_rows(work, session, part, provider.name, alone=True)
        for o, aid, said in went:
            if said is None:
                alone.append((o, aid))  # generated again on its own, below
            else:
                o.steps.append(said)
    for o, aid in alone:
        _send_alone(work, o, aid)


def _send_rows(work: Signs, session: Session, part: list[tuple[Outcome, int]], provider: str,
               *, alone: bool) -> list[tuple[Outcome, int, str | None]]:
    """How each draft went (None: out of date, to be sent on its own): all sent at once (a
    failure raised), or `alone`, each in a savepoint of its own (a failure said)."""
    if not alone:
        current = {aid for _, aid in part
                   if regenerate.current_in(work, session, drafts.get_agreement(session, aid))}
        sending.send_all_in(work, session, [aid for _, aid in part if aid in current], provider)
        return [(o, aid, "sent for signing" if aid in current else None) for o, aid in part]
    went: list[tuple[Outcome, int, str | None]] = []
    for o, aid in part:
        try:
            with audit.savepoint(session):
                ok = regenerate.current_in(work, session, drafts.get_agreement(session, aid))
                if ok:
                    sending.send_in(work, session, aid, provider)
            went.append((o, aid, "sent for signing" if ok else None))
        except AvtaleflytError as exc:
            went.append((o, aid, _not_sent(exc)))
    return went


def _preload(session: Session, agreement_ids: list[int]) -> None:
    """The drafts, their parties, contacts and documents, read in a few queries."""
    agreements = preload(session, Agreement, agreement_ids, for_update=True)
    preload_parties(session, [a.participation_id for a in agreements])
    preload(session, Document, [d for a in agreements for d in (a.docx_id, a.pdf_id) if d])


def _send_alone(work: Signs, o: Outcome, aid: int) -> None:
    with work.transaction() as session:
        status = session.exec(select(Agreement.status).where(Agreement.id == aid)).one()
    if status != AgreementStatus.DRAFT:
        o.steps.append(f"agreement {status}")
        return
    try:
        current = regenerate.refresh(work, aid)
        sending.send(work, current.agreement_id)
        if current.replaced:
            o.mail_keys.append(f"agreement:{current.agreement_id}:")
        o.steps.append("sent for signing" if not current.replaced else
                       f"generated again as #{current.agreement_id} and sent for signing")
    except AvtaleflytError as exc:
        o.steps.append(_not_sent(exc))


def _not_sent(exc: AvtaleflytError) -> str:
    if isinstance(exc, MissingSignatory):
        return f"waiting for a signatory at {' and '.join(exc.sides)}"
    if exc.code == Code.ORGANISER_NOT_CONFIRMED:
        return f"waiting for {exc.params['organiser']} to confirm it is the organiser"
    return f"not sent: {exc}"


def note_orders(outcomes: Sequence[Outcome]) -> None:
    """The NHN order is the organisation's own: onboarding places none, it says who does."""
    for o in outcomes:
        if o.konsument_participation and not o.error:
            o.steps.append("NHN order: to be placed by its signatory or PJD lead")
