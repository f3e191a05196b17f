"""The stored documents, wherever the store keeps them (the data folder, the database,
object storage): written out as files for a person to open."""

from __future__ import annotations

from pathlib import Path

import click

from cli.base import act, cli, make_app


@cli.group("documents")
def documents_group() -> None:
    """Agreements, signeringsbekreftelser, letters and evidence as stored."""


@documents_group.command("export")
@click.argument("out_dir", metavar="DIR", type=click.Path(path_type=Path))
def documents_export(out_dir: Path) -> None:
    """Write every stored document under DIR, by the names it is stored by
    (DIR/documents/agreements/…), each checked against its SHA-256."""
    from agreements.commands import ExportDocuments, ExportOutcome

    outcome = act(make_app(), ExportDocuments(out_dir=str(out_dir)))
    assert isinstance(outcome, ExportOutcome)
    click.echo(outcome.message)
