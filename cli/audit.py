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
    where = str(app.settings.anchor_path)
    try:
        anchored, forged = anchor.load(app.settings.anchor_path, app.audit_signer().key), None
    except ValueError as exc:  # the chain is checked first: it names the first forged event
        anchored, forged = None, str(exc)
    with app.transaction() as session:
        result = audit.verify(session, anchored.legacy_until if anchored else 0)
        if not result.ok:
            raise click.ClickException(f"audit log broken at {result.problem} ({result.events} "
                                       "events before it are intact)"
                                       + (f"; and {forged}" if forged else ""))
        if forged:
            raise click.ClickException(forged)
        if anchored is None and result.events:
            raise click.ClickException(f"the audit anchor {where} is missing: removed events "
                                       "cannot be ruled out (restore it with the data folder)")
        problems = [p for h, w in [(anchored, where), *((h, "--head") for h in given)]
                    if (p := anchor.check(session, h, w))]
        problems += replay.check(session)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise click.ClickException(f"audit log and database disagree: {problems[0]}{more}")
    seq, mac = result.head or (0, "-")
    remade = (f" (made again at event {anchored.remade_from} after it went missing: the "
              "events before it are vouched for by their seals only)"
              if anchored and anchored.remade_from > 1 else "")
    click.echo(f"OK: {result.events} events, chain intact, head {seq}:{mac[:16]}…, sealed "
               f"anchor matches{remade}, tables agree with the events")


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
