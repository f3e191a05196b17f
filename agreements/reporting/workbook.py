"""The rollout report as an Excel workbook (one of `writers`' forms): each sheet a table with
filters, a frozen header, Norwegian column names and real dates (shown dd.mm.yyyy)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agreements.reporting import term
from agreements.reporting.rollout import (
    CHANGE_COLUMNS,
    DATE_COLUMNS,
    FYLKE_COLUMNS,
    ORGANISATION_COLUMNS,
    SUMMARY_COLUMNS,
    Report,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

SHEETS = ("Sammendrag", "Virksomheter", "Per fylke", "Endringer siste uke",
          "Utløper innen 120 dager", "Fornyelser til signering")
DATE_FORMAT = "dd.mm.yyyy"


def save(report: Report, path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])  # the empty sheet a new workbook starts with
    book.properties.title = (f"Innføring av Pasientens journaldokumenter – status "
                             f"{report.today:%d.%m.%Y}")
    book.properties.creator = "avtaleflyt"
    _sheet(book.create_sheet(SHEETS[0]), "Sammendrag", SUMMARY_COLUMNS,
           [x.as_dict() for x in report.summary])
    _sheet(book.create_sheet(SHEETS[1]), "Virksomheter", ORGANISATION_COLUMNS,
           report.organisations)
    _sheet(book.create_sheet(SHEETS[2]), "PerFylke", FYLKE_COLUMNS, report.fylker)
    _sheet(book.create_sheet(SHEETS[3]), "Endringer", CHANGE_COLUMNS, report.changes)
    _sheet(book.create_sheet(SHEETS[4]), "Utloper", term.EXPIRING_COLUMNS, report.expiring)
    _sheet(book.create_sheet(SHEETS[5]), "Fornyelser", term.RENEWAL_COLUMNS, report.renewals)
    for n, (organiser, rows) in enumerate(per_organiser(report).items(), start=1):
        _sheet(book.create_sheet(sheet_name(organiser)), f"Organisator{n}",
               ORGANISATION_COLUMNS, rows)
    book.save(path)


def per_organiser(report: Report) -> dict[str, list[dict[str, Any]]]:
    """The organisations by organiser (a sheet each), those without one (konsumenter) last."""
    found: dict[str, list[dict[str, Any]]] = {}
    for row in sorted(report.organisations, key=lambda r: (not r["Organisator"],
                                                           r["Organisator"])):
        found.setdefault(row["Organisator"] or "Uten organisator", []).append(row)
    return found


def sheet_name(organiser: str) -> str:
    """A sheet's name from an organiser's: Excel allows 31 characters and none of []:*?/\\."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in organiser)
    short = cleaned.split(" – ")[0].strip() if len(cleaned) > 31 else cleaned
    return short[:31]


def _sheet(sheet: Worksheet, table_name: str, columns: list[str],
           rows: list[dict[str, Any]]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    sheet.append(columns)
    for row in rows:
        sheet.append([row[c] for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        values = [column, *(row[column] for row in rows)]
        if column in DATE_COLUMNS:
            for cell in sheet[letter][1:]:
                cell.number_format = DATE_FORMAT
        width = max(len(_shown(v)) for v in values)
        sheet.column_dimensions[letter].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = "A2"
    end = f"{get_column_letter(len(columns))}{max(len(rows), 1) + 1}"
    table = Table(displayName=table_name, ref=f"A1:{end}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    sheet.add_table(table)


def _shown(value: object) -> str:
    if isinstance(value, date):
        return "00.00.0000"
    return "" if value is None else str(value)
