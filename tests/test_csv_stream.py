"""The onboarding CSV read as a stream (finding 11 of issue 11): exact line numbers after blank
lines and line breaks inside quoted cells, duplicates named by the line they repeat however the
file is cut into chunks, and memory that does not grow with the number of rows."""

from __future__ import annotations

import io
import tracemalloc
from pathlib import Path

from stdnum.no import orgnr

from agreements.onboarding import csvfile

TEXT = ("orgnr,role,name,kommunenummer,kind\n"
        "958935420,kilde,,,\n"
        "\n"
        '123456785,konsument,"Klinikk\nNord",0301,privat\n'
        "958935421,kilde,,,\n"
        "\n\n"
        "958935420,konsument,,,\n")


def test_line_numbers_are_the_lines_rows_start_on() -> None:
    """Blank lines and multi-line cells do not shift line numbers; a line break in a name fails."""
    good, bad = csvfile.parse(TEXT, offline=True)
    assert [r.line for r in good] == [2]
    assert [(b.line, b.reason.split(":")[0]) for b in bad] == [
        (4, "name 'Klinikk\\nNord' contains a control character (a line break, a tab or an "
            "invisible mark)"),
        (6, "organisasjonsnummer '958935421' is invalid"), (9, "958935420 is already on line 2")]


def test_a_duplicate_names_its_line_across_chunks() -> None:
    """Cut into chunks of one row, the second pass still says which line came first."""
    scanned = csvfile.scan(io.StringIO(TEXT), offline=True)
    parts = list(csvfile.chunks(io.StringIO(TEXT), offline=True, size=1,
                                repeated=scanned.repeated))
    reasons = [b.reason for _, bad in parts for b in bad]
    assert scanned.repeated == {958935420} and "958935420 is already on line 2" in reasons


def write(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("orgnr,role,kind,name,kommunenummer\n")
        number, written = 810_000_000, 0
        while written < rows:
            number += 1
            if orgnr.is_valid(str(number)):
                fh.write(f"{number},konsument,privat,Klinikk {written},0301\n")
                written += 1
    return path


def peak(path: Path) -> int:
    tracemalloc.start()
    try:
        with csvfile.open_text(path) as fh:
            scanned = csvfile.scan(fh, offline=True)
        with csvfile.open_text(path) as fh:
            for good, _ in csvfile.chunks(fh, offline=True, repeated=scanned.repeated):
                assert good
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_rows(tmp_path: Path) -> None:
    """Reading 20,000 rows takes no more memory than reading 2,000 (within 1 MB)."""
    small, large = peak(write(tmp_path / "small.csv", 2_000)), peak(
        write(tmp_path / "large.csv", 20_000))
    assert large - small < 1_000_000, (small, large)
