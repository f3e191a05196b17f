"""The audit log: verify its chain, its anchor and the tables against it; list events."""

from __future__ import annotations

import click

from cli.base import act, cli, command, echo_outcome, make_app
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
    from agreements.commands import VerifyAudit
    from agreements.errorcodes import Code
    from agreements.errors import InvalidInput

    if bad := next((h for h in heads if not _parses(h)), None):
        raise InvalidInput(Code.AUDIT_HEAD_MALFORMED, option="--head", value=bad)
    cmd = command(VerifyAudit, heads=[h.strip() for h in heads])
    echo_outcome(act(make_app(), cmd))


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
