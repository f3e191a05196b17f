"""Copies of the Word templates with one fault put in, for tests of what a bad template does."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from tests.conftest import ROOT

TEMPLATE = "samarbeidsavtale_kommune.docx"


def with_fault(folder: Path, replace: str, by: str, name: str = TEMPLATE) -> Path:
    """The templates copied into `folder`, with `replace` changed to `by` in one of them."""
    shutil.copytree(ROOT / "templates", folder)
    source = ROOT / "templates" / name
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(folder / name, "w",
                                                          zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert replace in text
                data = text.replace(replace, by, 1).encode("utf-8")
            new.writestr(item, data)
    return folder


def syntax_error(folder: Path) -> Path:
    return with_fault(folder, "{{ omraade.navn }}", "{{ omraade.navn }")


def undefined_variable(folder: Path) -> Path:
    return with_fault(folder, "{{ omraade.navn }}", "{{ omraade.navn }} {{ finnes_ikke }}")
