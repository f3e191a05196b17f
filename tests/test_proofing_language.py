"""Every generated document is proofread as bokmål (nb-NO), also one made from an organiser's
own template saved by an English Word."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from agreements.documents import render
from agreements.documents.contexts import sample_contexts
from tests.conftest import ROOT

LANG = re.compile(rb'<w:(?:lang|themeFontLang)\b[^>]*?\bw:val="([^"]*)"')


def languages(docx: bytes) -> set[bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return {m for name in z.namelist() if name.startswith("word/") and name.endswith(".xml")
                for m in LANG.findall(z.read(name))}


def english_word(source: Path, target: Path) -> None:
    """`source` as an English Word saves it: en-US defaults and an en-US run in the body."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w",
                                                          zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename).replace(b'w:val="nb-NO"', b'w:val="en-US"')
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:rPr>", b'<w:rPr><w:lang w:val="en-US"/>', 1)
            new.writestr(item, data)


@pytest.mark.parametrize("name", sorted(sample_contexts()))
def test_each_shipped_template_renders_a_document_in_bokmal(name: str) -> None:
    """The agreement, the signeringsbekreftelse, the reminder and the NHN order: nb-NO only."""
    docx = render.renderer(ROOT / "templates").render(name, sample_contexts()[name])
    assert languages(docx) == {b"nb-NO"}


def test_an_organisers_template_saved_in_english_still_gives_bokmal(tmp_path: Path) -> None:
    """An organiser's own template with en-US styles, settings and runs renders nb-NO only;
    its recorded SHA-256 stays that of the file as the organiser has it."""
    folder = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", folder)
    (folder / "ks").mkdir()
    name = "samarbeidsavtale_kommune.docx"
    english_word(folder / name, folder / "ks" / name)
    assert b"en-US" in languages((folder / "ks" / name).read_bytes())
    renderer = render.renderer(folder)
    docx = renderer.render(f"ks/{name}", sample_contexts()[name])
    assert languages(docx) == {b"nb-NO"}
    import hashlib

    assert renderer.template(f"ks/{name}").sha256 == hashlib.sha256(
        (folder / "ks" / name).read_bytes()).hexdigest()
