"""The document package, manifest, XAdES profile and job request, checked without HTTP."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime, timedelta

import pytest
from lxml import etree

from agreements.signing.posten.certificates import EnterpriseCertificate, load_pkcs12
from agreements.signing.posten.package import (
    OSLO,
    available_seconds,
    build_job_request,
    build_package,
)
from tests.posten.checks import (
    ASIC,
    DS,
    XADES,
    Refusal,
    _schema,
    check_create,
    split_multipart,
)
from tests.posten.fixtures import REFERENCE, SIGNERS, make_job
from tests.posten.pki import SENDER_ORGNR, Pki

NS = "http://signering.posten.no/schema/v1"


def _files(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_package_holds_exactly_pdf_manifest_and_signature(
    pdf: bytes, cert: EnterpriseCertificate
) -> None:
    """The ASiC-E zip holds the PDF, manifest.xml and META-INF/signatures.xml and nothing else."""
    files = _files(build_package(make_job(pdf), cert))
    assert sorted(files) == ["META-INF/signatures.xml", "avtale.pdf", "manifest.xml"]
    assert files["avtale.pdf"] == pdf


def test_manifest_is_schema_valid_and_ordered(pdf: bytes, cert: EnterpriseCertificate) -> None:
    """manifest.xml validates against portal.xsd: signers by e-mail in order, on behalf of OTHER."""
    manifest = etree.fromstring(_files(build_package(make_job(pdf), cert))["manifest.xml"])
    assert _schema().validate(manifest), _schema().error_log
    assert [etree.QName(c).localname for c in manifest] == [
        "signers",
        "sender",
        "title",
        "description",
        "documents",
        "availability",
    ]
    signers = manifest.findall(f"{{{NS}}}signers/{{{NS}}}signer")
    assert [s.get("order") for s in signers] == ["1", "2"]
    assert [s.find(f"{{{NS}}}notifications/{{{NS}}}email").get("address") for s in signers] == list(
        SIGNERS
    )
    assert {s.findtext(f"{{{NS}}}on-behalf-of") for s in signers} == {"OTHER"}
    assert manifest.find(f"{{{NS}}}documents/{{{NS}}}document").attrib == {
        "href": "avtale.pdf",
        "mime": "application/pdf",
    }


def test_xades_follows_posten_profile(pdf: bytes, cert: EnterpriseCertificate) -> None:
    """signatures.xml: untransformed file refs, c14n'd SignedProperties, sha1 CertDigest, chain."""
    files = _files(build_package(make_job(pdf), cert))
    root = etree.fromstring(files["META-INF/signatures.xml"])
    assert root.tag == f"{{{ASIC}}}XAdESSignatures"
    refs = root.findall(f"{{{DS}}}Signature/{{{DS}}}SignedInfo/{{{DS}}}Reference")
    assert [(r.get("Id"), r.get("URI")) for r in refs] == [
        ("ID_0", "avtale.pdf"),
        ("ID_1", "manifest.xml"),
        (None, "#SignedProperties"),
    ]
    assert all(r.find(f"{{{DS}}}Transforms") is None for r in refs[:2])
    formats = root.findall(f".//{{{XADES}}}DataObjectFormat")
    assert [(f.get("ObjectReference"), f.findtext(f"{{{XADES}}}MimeType")) for f in formats] == [
        ("#ID_0", "application/pdf"),
        ("#ID_1", "application/xml"),
    ]
    assert root.find(f".//{{{XADES}}}SigningCertificateV2") is None
    assert len(root.findall(f".//{{{DS}}}X509Certificate")) == 2  # enterprise certificate + root


def test_test_double_accepts_the_package(pdf: bytes, cert: EnterpriseCertificate, pki: Pki) -> None:
    """The double's strict checks (XSD, layout, signxml, profile) accept our package."""
    files = {
        "application/octet-stream": build_package(make_job(pdf), cert),
        "application/xml": build_job_request(REFERENCE, "avtaleflyt"),
    }
    accepted = check_create(SENDER_ORGNR, files, pki.ca_pem)
    assert accepted.reference == REFERENCE and accepted.polling_queue == "avtaleflyt"
    assert accepted.signers == [(1, SIGNERS[0]), (2, SIGNERS[1])]


def test_changed_manifest_breaks_the_signature(
    pdf: bytes, cert: EnterpriseCertificate, pki: Pki
) -> None:
    """A package whose manifest changed after signing is refused as INVALID_SIGNATURE."""
    files = _files(build_package(make_job(pdf), cert))
    files["manifest.xml"] = files["manifest.xml"].replace(
        SIGNERS[1].encode(), b"evil@attacker.example"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    parts = {
        "application/octet-stream": buffer.getvalue(),
        "application/xml": build_job_request("x", None),
    }
    with pytest.raises(Refusal) as refused:
        check_create(SENDER_ORGNR, parts, pki.ca_pem)
    assert refused.value.code == "INVALID_SIGNATURE"


def test_job_request_is_schema_valid_and_minimal() -> None:
    """The job request carries only the reference and the polling queue, in schema order."""
    root = etree.fromstring(build_job_request(REFERENCE, "avtaleflyt"))
    assert _schema().validate(root)
    assert [(etree.QName(c).localname, c.text) for c in root] == [
        ("reference", REFERENCE),
        ("polling-queue", "avtaleflyt"),
    ]


@pytest.mark.parametrize("reference", ["ola@example.no", "AVT-01017012345", "", "x" * 51])
def test_reference_with_personal_data_or_bad_length_is_refused(reference: str) -> None:
    """A reference that could carry personal data (e-mail, national id) or too long is refused."""
    with pytest.raises(ValueError):
        build_job_request(reference, None)


def test_available_seconds_runs_to_end_of_deadline_day() -> None:
    """available-seconds counts from now to midnight after the deadline day in Oslo."""
    now = datetime(2026, 3, 2, 12, 0, tzinfo=OSLO)
    assert available_seconds(date(2026, 3, 3), now) == 36 * 3600


@pytest.mark.parametrize("days", [-1, 91])
def test_deadline_in_the_past_or_beyond_90_days_is_refused(days: int) -> None:
    """A deadline already passed, or more than 90 days ahead (Posten's limit), is refused."""
    now = datetime.now(UTC)
    with pytest.raises(ValueError):
        available_seconds((now + timedelta(days=days)).date(), now)


def test_multipart_needs_one_xml_and_one_zip_part() -> None:
    """The double refuses a multipart body that lacks the application/octet-stream part."""
    body = b"--b\r\nContent-Type: application/xml\r\n\r\n<x/>\r\n--b--\r\n"
    with pytest.raises(Refusal) as refused:
        split_multipart("multipart/mixed; boundary=b", body)
    assert refused.value.code == "INVALID_MULTIPART"


def test_wrong_pkcs12_password_is_a_clear_error(pki: Pki) -> None:
    """Opening the enterprise certificate with a wrong password is refused, saying so."""
    from agreements.errorcodes import Code
    from agreements.errors import InvalidInput

    with pytest.raises(InvalidInput) as refused:
        load_pkcs12(pki.client_p12, "wrong")
    assert refused.value.code is Code.POSTEN_CERT_LOCKED
