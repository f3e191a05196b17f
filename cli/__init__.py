"""The `avtaleflyt` command line: parse, build the action's input, call the command, print.

Commands run the actions of `agreements.commands` in this process; with PREFECT_API_URL set
the human actions also show in the Prefect UI as flow runs (see `cli.server`).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence

import click

from . import (  # noqa: F401  (registers the commands)
    agreements,
    audit,
    documents,
    nhn,
    ops,
    org,
    outbox,
    portal,
    readiness,
    signing,
)
from .base import UNDELIVERED, Pending, cli, undelivered


def one_line(message: str) -> str:
    return " ".join(message.split())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; every error the user can act on is one line on stderr and a non-zero exit
    (1, or 2 for a usage error); 3 means the work is saved but messages wait for delivery.
    Anything unforeseen is one line too (exit 70), unless AVTALEFLYT_DEBUG=1 asks for the
    traceback."""
    if argv is None:  # the `avtaleflyt` command itself, whose process ends with the command
        return _one_command()
    from agreements.errors import AvtaleflytError

    from .errortexts import english

    try:
        UNDELIVERED.clear()
        result = cli.main(args=list(argv) if argv is not None else None,
                          prog_name="avtaleflyt", standalone_mode=False)
        if (mail := undelivered()) is not None:
            raise mail
    except click.exceptions.Abort:
        click.echo("error: aborted", err=True)
        return 1
    except Pending as exc:
        click.echo(f"pending: {one_line(exc.format_message())}", err=True)
        return exc.exit_code
    except click.ClickException as exc:
        ctx = getattr(exc, "ctx", None)
        hint = f" (see `{ctx.command_path} --help`)" if ctx else ""
        click.echo(f"error: {one_line(exc.format_message())}{hint}", err=True)
        return exc.exit_code
    except AvtaleflytError as exc:
        click.echo(f"error: {one_line(english(exc))}", err=True)
        return 1
    except OSError as exc:
        click.echo(f"error: {one_line(str(exc))}", err=True)
        return 1
    except Exception as exc:
        if type(exc).__module__.startswith("sqlalchemy"):
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            click.echo(f"error: database: {reason}", err=True)
            return 1
        if os.environ.get("AVTALEFLYT_DEBUG") == "1":
            raise
        click.echo(f"error: internal error ({type(exc).__name__}: {one_line(str(exc))[:300]}); "
                   "this is a bug: run again with AVTALEFLYT_DEBUG=1 for the details", err=True)
        return 70
    return result if isinstance(result, int) else 0


def _one_command() -> int:
    """Run the command line's one command. What the imports and the command build lives
    until the process ends, so it is frozen: the garbage collector does not walk it again,
    neither during the command nor at shutdown (which otherwise takes a tenth of a second)."""
    gc.freeze()
    try:
        return main(sys.argv[1:])
    finally:
        gc.freeze()


if __name__ == "__main__":
    sys.exit(main())
