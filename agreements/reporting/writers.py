"""The rollout report's forms: the workbook, CSV for Norwegian Excel, markdown (also the
Prefect artifact) and the chart, all from one `rollout.Report`."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

from agreements.reporting.rollout import (
    FYLKE_COLUMNS,
    ORGANISATION_COLUMNS,
    SUMMARY_COLUMNS,
    Report,
)


def cell_text(value: object) -> str:
    """A value as Norwegian Excel reads it: dates dd.mm.yyyy, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    return str(value)


def to_csv(report: Report) -> str:
    """The organisations as CSV for Norwegian Excel: `;` separated (write it as UTF-8 with
    BOM, `write` does), dates dd.mm.yyyy."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(ORGANISATION_COLUMNS)
    writer.writerows([cell_text(o[c]) for c in ORGANISATION_COLUMNS]
                     for o in report.organisations)
    return buf.getvalue()


def _table(columns: list[str], rows: list[dict[str, Any]]) -> list[str]:
    out = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    out += ["| " + " | ".join(cell_text(r[c]).replace("|", "/") for c in columns) + " |"
            for r in rows]
    return [*out, ""]


def to_markdown(report: Report, image: str | None = None, footer: str = "", *,
                organisations: bool = True) -> str:
    """The summary, the fylker and who waits on what (unless `organisations` is False: the
    overview a terminal shows), with the chart when given (a link or a data: URI); `footer`
    (the outbox's trouble and the audit log's head) at the end."""
    out = [f"# Innføring av Pasientens journaldokumenter – status {report.today:%d.%m.%Y}", ""]
    if image:
        out += [f"![Innføringen over tid og status nå]({image})", ""]
    for group, title in (("area", "Per samarbeidsområde"), ("organiser", "Per organisator")):
        rows = [x.as_dict() for x in report.summary if x.group == group]
        if rows:
            out += [f"## {title}", "", *_table(SUMMARY_COLUMNS, rows)]
    if report.fylker:
        out += ["## Per fylke (hver virksomhet én gang)", "",
                *_table(FYLKE_COLUMNS, report.fylker)]
    if report.organisations and organisations:
        out += ["## Virksomheter", "", *_table(ORGANISATION_COLUMNS, report.organisations)]
    return "\n".join(out) + ("\n" + footer if footer else "")


def write(report: Report, folder: Path, footer: str = "") -> list[Path]:
    """Workbook, CSV, chart (PNG and SVG) and markdown (ending with `footer`), named
    `rollout-<date>.*`."""
    from agreements.reporting import chart, workbook  # openpyxl and matplotlib: only here

    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"rollout-{report.today.isoformat()}"
    paths = [stem.with_suffix(s) for s in (".xlsx", ".csv", ".png", ".svg", ".md")]
    workbook.save(report, paths[0])
    paths[1].write_text(to_csv(report), encoding="utf-8-sig", newline="")
    figure = chart.figure(report.rows, report.today)
    paths[2].write_bytes(chart.render(figure, "png"))
    paths[3].write_bytes(chart.render(figure, "svg"))
    paths[4].write_text(to_markdown(report, paths[2].name, footer), encoding="utf-8")
    return paths
