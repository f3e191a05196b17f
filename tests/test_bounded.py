"""Issue 22 item 1, below the command line: the one reader of files from outside
(`core.bounded`) and the content check of what is handed in (`documents.kinds`), as the
portal's upload meets them too."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from fastapi import UploadFile

from agreements.config import Settings
from agreements.core import bounded
from agreements.documents import kinds
from agreements.errorcodes import Code
from agreements.errors import InvalidInput
from portal import forms
from tests.conftest import ROOT
from tests.helpers import OSLO
from tests.portal_helpers import csrf, serve, signed_in
from tests.world import build_world


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()


def test_the_shipped_templates_are_within_every_limit() -> None:
    """Word's own files pass: the limits leave room for real templates."""
    for path in (ROOT / "templates").glob("*.docx"):
        data = bounded.read_bytes(path, bounded.TEMPLATE_MAX_BYTES)
        bounded.check_zip(data, path.name, bounded.TEMPLATE_MAX_UNPACKED)


@pytest.mark.parametrize(("make", "code"), [
    (lambda p: p.mkdir(), Code.FILE_IS_FOLDER),
    (lambda p: os.mkfifo(p), Code.FILE_IS_PIPE),
    (lambda p: p.symlink_to("/etc/hostname"), Code.FILE_IS_LINK),
    (lambda p: None, Code.FILE_MISSING),
    (lambda p: p.write_bytes(b""), Code.FILE_EMPTY),
    (lambda p: p.write_bytes(b"x" * 11), Code.FILE_TOO_LARGE),
])
def test_only_a_regular_file_within_its_limit_is_read(tmp_path: Path, make: object,
                                                      code: object) -> None:
    """A folder, a pipe, a link, nothing, an empty or too large file: each its own code."""
    path = tmp_path / "fil.pdf"
    make(path)  # type: ignore[operator]
    with pytest.raises(InvalidInput) as caught:
        bounded.read_bytes(path, 10)
    assert caught.value.code is code


def test_a_line_is_read_no_further_than_its_limit() -> None:
    """A line over the limit is refused after reading the limit and one character more."""
    source = io.StringIO("a" * 50 + "\nkort\n")
    with pytest.raises(InvalidInput) as caught:
        bounded.line(source, "rader.csv", 1, limit=10)
    assert caught.value.params == {"name": "rader.csv", "line": 1, "limit": 10}
    assert source.tell() == 11


def test_a_zip_bomb_is_refused_before_it_is_opened() -> None:
    """30 MB of zeros packed into a few dozen KB: refused by its ratio from the central
    directory; as an upload in the portal, the refusal is bokmål on the field."""
    bomb = zipped({"[Content_Types].xml": b"wordprocessingml.document.main+xml",
                   "word/document.xml": b"\0" * (30 * 1024 * 1024)})
    with pytest.raises(InvalidInput) as caught:
        kinds.kind_of(bomb, "ros.docx")
    assert caught.value.code is Code.ZIP_RATIO
    upload = UploadFile(io.BytesIO(bomb), filename="ros.docx")
    with pytest.raises(forms.FormError, match="ganger større pakket ut"):
        forms.read_upload(upload, "fil", 20 * 1024 * 1024, forms.EVIDENCE)


def test_evidence_is_stored_by_what_its_content_is() -> None:
    """A DOCX named .pdf is stored as .docx; text named .pdf is refused."""
    docx = zipped({"[Content_Types].xml": b"wordprocessingml.document.main+xml"})
    assert kinds.evidence_suffix(docx, "ros.pdf") == ".docx"
    with pytest.raises(InvalidInput) as caught:
        kinds.evidence_suffix(b"hostname\n", "hostname.pdf")
    assert caught.value.code is Code.EVIDENCE_TYPE


def test_the_portal_answers_ids_beyond_the_database_with_404(settings: Settings) -> None:
    """An agreement or item number no row can have is not found, like any other, and
    nothing is written (it was an internal error)."""
    w = build_world(settings.model_copy(update={"pdf": False}))
    huge = "9223372036854775808"
    with serve(w.app.settings) as base, signed_in(w.app, base, "siri@oslo.kommune.no") as client:
        for path in (f"/avtale/{huge}", f"/avtale/{huge}/dokument/pdf",
                     f"/virksomhet/{OSLO}/sjekkliste/{huge}/dokumentasjon"):
            assert client.get(path).status_code == 404, path
        token = csrf(client.get("/").text)
        for path in (f"/avtale/{huge}/send", f"/virksomhet/{OSLO}/sjekkliste/{huge}"):
            assert client.post(path, data={"csrf_token": token}).status_code == 404, path
