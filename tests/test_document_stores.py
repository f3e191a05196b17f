"""Issue 20, item 1: one document store, three backends (the local folder, the database,
object storage by an fsspec URL, tested as `file://` and as `s3://` against moto's S3 server on
loopback) chosen by `AVTALEFLYT_DOCUMENT_STORE`. A document stored by
one process is read by another with its own data folder; bytes are immutable and checked
against their SHA-256; the database keeps the bytes in the transaction of their row."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import func, select

from agreements.app import App
from agreements.config import Settings
from agreements.contracts import drafts
from agreements.core.models import Document, DocumentBlob
from agreements.documents import shared, store, uploads
from agreements.errorcodes import Code
from agreements.errors import InvalidInput
from tests.conftest import make_app
from tests.helpers import oslo_kilde
from tests.s3_server import new_bucket, s3_server


def machine(settings: Settings, db_url: str, where: str, folder: Path) -> App:
    """One machine of an installation: its own data folder, the shared database and store."""
    return make_app(settings.model_copy(update={
        "database_url": db_url, "data_dir": folder, "document_store": where, "pdf": False}),
        date(2026, 11, 25))


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """An S3-compatible server on loopback for this worker, the AWS environment pointing at it."""
    with s3_server() as endpoint:
        yield endpoint


@pytest.fixture(params=["database", "fsspec", "s3"])
def where(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The shared backends: the database itself, and object storage (a file:// URL, and an
    s3:// bucket of its own on the loopback S3 server)."""
    if request.param == "s3":
        return f"s3://{new_bucket(request.getfixturevalue('s3_endpoint'))}/avtaleflyt"
    return "database" if request.param == "database" else f"file://{tmp_path / 'bucket'}"


def test_a_document_one_machine_stores_is_read_by_another(
        settings: Settings, db_url: str, where: str, tmp_path: Path) -> None:
    """Machine B reads the agreement machine A drafted; neither wrote it under its data folder."""
    a = machine(settings, db_url, where, tmp_path / "a")
    b = machine(settings, db_url, where, tmp_path / "b")
    (created,) = drafts.create_agreements(a, [oslo_kilde(a)])
    with b.transaction() as s:
        docs = list(s.exec(select(Document)))
    assert docs and all(store.sha256(b.documents.read(d)) == d.sha256 for d in docs)
    assert not any((tmp_path / m / "documents").exists() for m in ("a", "b"))
    assert created.agreement_id


def test_a_taken_name_gets_a_name_of_its_own_and_the_same_bytes_share_it(
        settings: Settings, db_url: str, where: str, tmp_path: Path) -> None:
    """Names work as in the local folder: other bytes get a variant, the same bytes the name."""
    app = machine(settings, db_url, where, tmp_path / "a")
    with app.transaction() as s:
        first = app.documents.put(s, kind="x", folder="test", name="brev.pdf", data=b"A")
        second = app.documents.put(s, kind="x", folder="test", name="brev.pdf", data=b"B")
        again = app.documents.put(s, kind="x", folder="test", name="brev.pdf", data=b"A")
    assert first.path == "documents/test/brev.pdf" and second.path != first.path
    assert again.path == first.path
    assert app.documents.read(first) == b"A" and app.documents.read(second) == b"B"


def test_an_upload_staged_on_one_machine_is_taken_back_on_another(
        settings: Settings, db_url: str, where: str, tmp_path: Path) -> None:
    """The portal on A stages a file; a flow run on B loads it, checked against its hash."""
    a = machine(settings, db_url, where, tmp_path / "a")
    b = machine(settings, db_url, where, tmp_path / "b")
    upload = uploads.stage(a, "dpia.pdf", b"%PDF-1.4 evidence")
    assert uploads.load(b, upload) == b"%PDF-1.4 evidence"
    assert not (tmp_path / "a" / "uploads").exists()


def test_a_missing_document_is_named_not_returned_empty(
        settings: Settings, db_url: str, where: str, tmp_path: Path) -> None:
    """A row whose bytes are not in the store is refused with its name and hash."""
    app = machine(settings, db_url, where, tmp_path / "a")
    with app.transaction() as s:
        doc = app.documents.put(s, kind="x", folder="test", name="a.txt", data=b"abc")
    ghost = doc.model_copy(update={"sha256": store.sha256(b"never stored")})
    with pytest.raises(store.DocumentUnreadable) as caught:
        app.documents.read(ghost)
    assert caught.value.code is Code.DOCUMENT_MISSING


def test_the_database_keeps_bytes_only_with_the_row_that_names_them(
        settings: Settings, db_url: str, tmp_path: Path) -> None:
    """A transaction that fails stores neither the row nor its bytes (one commit)."""
    app = machine(settings, db_url, "database", tmp_path / "a")
    with pytest.raises(RuntimeError), app.transaction() as s:
        app.documents.put(s, kind="x", folder="test", name="a.txt", data=b"rolled back")
        raise RuntimeError("the command fails after storing")
    with app.transaction() as s:
        blobs = s.exec(select(func.count()).select_from(DocumentBlob)).one()
        rows = s.exec(select(func.count()).select_from(Document)).one()
    assert (blobs, rows) == (0, 0)


def test_discarding_the_last_row_removes_its_bytes_from_the_database(
        settings: Settings, db_url: str, tmp_path: Path) -> None:
    """A swept letter's bytes go with its row, but not while another row names them."""
    app = machine(settings, db_url, "database", tmp_path / "a")
    with app.transaction() as s:
        one = app.documents.put(s, kind="x", folder="t", name="a.txt", data=b"same")
        two = app.documents.put(s, kind="x", folder="u", name="a.txt", data=b"same")
    with app.transaction() as s:
        app.documents.discard(s, s.get(Document, one.id))  # type: ignore[arg-type]
    assert app.documents.read(two) == b"same"
    with app.transaction() as s:
        app.documents.discard(s, s.get(Document, two.id))  # type: ignore[arg-type]
        assert s.exec(select(func.count()).select_from(DocumentBlob)).one() == 0


def test_damaged_bytes_in_object_storage_are_refused(settings: Settings, tmp_path: Path) -> None:
    """An object changed behind the store's back is not served as the recorded document."""
    app = machine(settings, f"sqlite:///{tmp_path / 'db.sqlite'}", f"file://{tmp_path / 'b'}",
                  tmp_path / "a")
    with app.transaction() as s:
        doc = app.documents.put(s, kind="x", folder="t", name="a.txt", data=b"original")
    (blob,) = (tmp_path / "b").rglob(doc.sha256)
    blob.write_bytes(b"changed")
    with pytest.raises(store.DocumentUnreadable) as caught:
        app.documents.read(doc)
    assert caught.value.code is Code.DOCUMENT_DAMAGED


def test_the_setting_picks_the_backend(settings: Settings, tmp_path: Path) -> None:
    """folder (the default), database and a URL each give their backend."""
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    kinds = {where: type(machine(settings, url, where, tmp_path / "a").documents)
             for where in ("folder", "database", "memory://avtaleflyt")}
    assert kinds == {"folder": store.LocalFolder, "database": shared.DatabaseStore,
                     "memory://avtaleflyt": shared.ObjectStore}
    assert Settings(data_dir=tmp_path).document_store == "folder"


@pytest.mark.parametrize("value", ["nfs", "s3://", "s3://user:pw@bucket/x", "://bucket"])
def test_a_document_store_that_names_no_store_is_refused_in_one_line(
        value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A wrong AVTALEFLYT_DOCUMENT_STORE is refused naming the variable, before anything runs."""
    monkeypatch.setenv("AVTALEFLYT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("AVTALEFLYT_DOCUMENT_STORE", value)
    with pytest.raises(InvalidInput) as caught:
        Settings.from_env()
    assert caught.value.code in (Code.SETTING_DOCUMENT_STORE, Code.SETTING_URL_CREDENTIALS)
    assert "AVTALEFLYT_DOCUMENT_STORE" in str(caught.value)


def test_documents_export_writes_each_document_as_the_file_it_is_stored_as(
        settings: Settings, db_url: str, where: str, tmp_path: Path) -> None:
    """`documents export DIR` writes every document from the shared store under its name;
    run again, it finds them there; a file for a folder is refused in one line."""
    from agreements.commands import ExportDocuments, ExportOutcome, execute

    app = machine(settings, db_url, where, tmp_path / "a")
    drafts.create_agreements(app, [oslo_kilde(app)])
    out = tmp_path / "export"
    first = execute(app, ExportDocuments(out_dir=str(out)))
    with app.transaction() as s:
        docs = list(s.exec(select(Document)))
    assert isinstance(first, ExportOutcome) and first.written == len(docs) > 0
    assert all(store.sha256((out / d.path).read_bytes()) == d.sha256 for d in docs)
    again = execute(app, ExportDocuments(out_dir=str(out)))
    assert isinstance(again, ExportOutcome) and (again.written, again.unchanged) == (0, len(docs))
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(InvalidInput) as caught:
        execute(app, ExportDocuments(out_dir=str(tmp_path / "a-file")))
    assert caught.value.code is Code.EXPORT_NOT_A_FOLDER


def test_a_copy_staged_for_a_command_leaves_the_shared_store_and_never_a_document(
        settings: Settings, db_url: str, where: str, tmp_path: Path) -> None:
    """Issue 16's rule in a shared store: the staged copy is gone after its command, the
    document stored from the same bytes stays; staged and never used, it is swept."""
    import time

    app = machine(settings, db_url, where, tmp_path / "a")
    data = b"%PDF-1.4 evidence kept as a document"
    with uploads.staged(app, "dpia.pdf", data) as upload, app.transaction() as s:
        kept = app.documents.put(s, kind="evidence", folder="evidence/1", name="dpia.pdf",
                                 data=uploads.load(app, upload))
    assert app.documents.staged(upload.sha256) is None and app.documents.read(kept) == data
    left = uploads.stage(app, "later.pdf", b"%PDF-1.4 for a flow that never ran")
    assert uploads.sweep(app) == 0
    assert uploads.sweep(app, now=time.time() + 2 * 24 * 3600) == 1
    assert app.documents.staged(left.sha256) is None


def test_an_s3_store_keeps_each_document_as_an_object_named_by_its_hash(
        settings: Settings, s3_endpoint: str, tmp_path: Path) -> None:
    """In S3 a document is the object `sha256/<ab>/<sha256>` of its bucket, nothing on disk."""
    import boto3

    bucket = new_bucket(s3_endpoint)
    app = machine(settings, f"sqlite:///{tmp_path / 'db.sqlite'}", f"s3://{bucket}/avtaleflyt",
                  tmp_path / "a")
    with app.transaction() as s:
        doc = app.documents.put(s, kind="x", folder="t", name="a.txt", data=b"i S3")
    listed = boto3.client("s3", endpoint_url=s3_endpoint).list_objects_v2(Bucket=bucket)
    keys = [o["Key"] for o in listed.get("Contents", [])]
    assert keys == [f"avtaleflyt/sha256/{doc.sha256[:2]}/{doc.sha256}"]
    assert not (tmp_path / "a" / "documents").exists()


def test_a_store_whose_filesystem_package_is_missing_is_refused_naming_the_package(
        tmp_path: Path) -> None:
    """gs:// without gcsfs is refused when the app is opened, naming what to install, instead
    of failing with an ImportError in the middle of the first command that stores; a scheme
    fsspec does not know is refused as no store at all."""
    from importlib.util import find_spec

    from agreements.app import open_app

    assert find_spec("gcsfs") is None, "this test needs a scheme whose package is absent"
    said = {}
    for store_url, code in [("gs://bucket/avtaleflyt", Code.SETTING_STORE_PACKAGE),
                            ("nosuch://bucket/avtaleflyt", Code.SETTING_DOCUMENT_STORE)]:
        with pytest.raises(InvalidInput) as caught:
            open_app(Settings(data_dir=tmp_path, document_store=store_url))
        assert caught.value.code is code
        said[store_url] = str(caught.value)
    assert all("AVTALEFLYT_DOCUMENT_STORE" in line for line in said.values())
    assert "gcsfs" in said["gs://bucket/avtaleflyt"]
