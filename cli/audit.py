"""The audit log: verify its chain, its anchor and the tables against it; list events."""

from __future__ import annotations

import click

from cli.base import cli, make_app
from cli.output import LIST_FORMATS, emit_rows


@cli.group("audit")
def audit_group() -> None:
    """The sealed, hash-chained audit log."""


@audit_group.command("verify")
@click.option("--head", "heads", multiple=True, metavar="SEQ:MAC",
              help="Also check against a head copied from a report or a Prefect artifact")
def audit_verify(heads: tuple[str, ...]) -> None:
    """Check every event's seal and link, the anchored head, and that the tables hold what
    the events imply (a status changed without an event is found)."""
    from agreements.core import anchor, audit, replay
    from agreements.errorcodes import Code
    from agreements.errors import InvalidInput

    try:
        given = [anchor.Head.parse(h) for h in heads]
    except ValueError:
        bad = next(h for h in heads if not _parses(h))
        raise InvalidInput(Code.AUDIT_HEAD_MALFORMED, option="--head", value=bad) from None
    app = make_app()
    where, key = str(app.settings.anchor_path), app.audit_signer().key
    try:  # this machine's file (or the one all machines share)
        anchored, forged = anchor.load(app.settings.anchor_path, key), None
    except ValueError as exc:  # the chain is checked first: it names the first forged event
        anchored, forged = None, str(exc)
    with app.transaction() as session:
        try:
            shared = anchor.load_shared(session, key)
        except ValueError as exc:
            shared, forged = None, forged or str(exc)
        legacy = (shared or anchored or anchor.Head(0, "")).legacy_until
        result = audit.verify(session, legacy)
        if not result.ok:
            raise click.ClickException(f"audit log broken at {result.problem} ({result.events} "
                                       "events before it are intact)"
                                       + (f"; and {forged}" if forged else ""))
        if forged:
            raise click.ClickException(forged)
        if shared is None and anchored is None and result.events:
            raise click.ClickException(f"the audit anchors ({anchor.SHARED}, {where}) are "
                                       "missing: removed events cannot be ruled out (restore "
                                       "them with the database and the data folder)")
        problems = [p for h, w in [(shared, anchor.SHARED), (anchored, where),
                                   *((h, "--head") for h in given)]
                    if (p := anchor.check(session, h, w))]
        if shared and result.head and result.head[0] > shared.seq:
            problems.append(f"the log goes on to event {result.head[0]} past {anchor.SHARED} "
                            f"at event {shared.seq}: events were appended without moving it")
        problems += replay.check(session)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise click.ClickException(f"audit log and database disagree: {problems[0]}{more}")
    seq, mac = result.head or (0, "-")
    click.echo(f"OK: {result.events} events, chain intact, head {seq}:{mac[:16]}…, "
               f"{_anchors(shared, anchored, where)}, tables agree with the events")


def _anchors(shared: object, anchored: object, where: str) -> str:
    """What the OK line says of the anchors it checked (and of one it has not got)."""
    from agreements.core.anchor import Head

    if isinstance(shared, Head):
        first = (f" (made again at event {shared.remade_from}: the events before it are "
                 "vouched for by their seals only)" if shared.remade_from > 1 else "")
        said = f"the shared anchor in the database matches{first}"
    else:
        said = "no shared anchor in the database yet"
    if isinstance(anchored, Head):
        first = (f" (begun at event {anchored.remade_from}, where it was missing or new)"
                 if anchored.remade_from > 1 else "")
        return f"sealed anchors: {said}; the anchor file {where} matches{first}"
    return f"sealed anchors: {said}; no anchor file {where} (this process has not written)"


@audit_group.command("list")
@click.option("--subject")
@click.option("--limit", type=click.IntRange(1, 100_000), default=50)
@click.option("--format", "fmt", type=LIST_FORMATS, default="table")
def audit_list(subject: str | None, limit: int, fmt: str) -> None:
    """Show the latest audit events."""
    from agreements.core import audit

    app = make_app()
    with app.transaction() as session:
        out = audit.latest(session, subject=subject, limit=limit)
    emit_rows(out, fmt, ["seq", "at", "actor", "action", "subject", "simulated_day", "data"])


def _parses(head: str) -> bool:
    from agreements.core import anchor

    try:
        anchor.Head.parse(head)
    except ValueError:
        return False
    return True
