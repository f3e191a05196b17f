"""The test double's strict checks of a create request: multipart, job request, ASiC-E package,
manifest and XAdES profile, as Posten's documentation describes them. Each failure is a `Refusal`
carrying the error code and message the double answers with (HTTP 400 unless said otherwise).
"""

from __future__ import annotations

import base64
import io
import re
import threading
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

from cryptography import x509
from cryptography.x509.oid import NameOID
from lxml import etree
from signxml.xades import XAdESSignatureConfiguration, XAdESVerifier

NS = "http://signering.posten.no/schema/v1"
DS = "http://www.w3.org/2000/09/xmldsig#"
XADES = "http://uri.etsi.org/01903/v1.3.2#"
ASIC = "http://uri.etsi.org/2918/v1.2.1#"
C14N_1_0 = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
C14N_1_1 = "http://www.w3.org/2006/12/xml-c14n11"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1"
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
SP_TYPE = "http://uri.etsi.org/01903#SignedProperties"
XSD_DIR = Path(__file__).parent / "xsd"
_SCHEMA_LOCK = threading.RLock()  # libxml2's schemas share global state: one thread at a time


class Refusal(Exception):
    """A request the double refuses: `code` and `message` go into the error XML."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(f"{code}: {message}")
        self.code, self.message, self.status = code, message, status


@dataclass(frozen=True)
class AcceptedJob:
    """What a valid create request carried."""

    reference: str | None
    polling_queue: str | None
    title: str
    signers: list[tuple[int, str]]  # (order, e-mail)
    pdf_name: str
    pdf: bytes
    available_seconds: int | None


@cache
def _schema() -> etree.XMLSchema:
    with _SCHEMA_LOCK:
        return etree.XMLSchema(etree.parse(str(XSD_DIR / "portal.xsd")))


def _xml(data: bytes, root: str, what: str) -> etree._Element:
    try:
        element = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise Refusal("INVALID_XML", f"{what} is not well-formed XML: {exc}") from exc
    if element.tag != f"{{{NS}}}{root}":
        raise Refusal("INVALID_XML", f"{what} must be <{root}> in {NS}")
    with _SCHEMA_LOCK:
        if not (schema := _schema()).validate(element):
            raise Refusal("SCHEMA_VALIDATION_FAILED", f"{what}: {schema.error_log.last_error}")
    return element


def split_multipart(content_type: str, body: bytes) -> dict[str, bytes]:
    """Parts by media type; exactly one application/xml and one application/octet-stream."""
    match = re.match(
        r'multipart/(mixed|form-data)\s*;.*boundary="?([^";]+)"?', content_type or "", re.I
    )
    if not match:
        raise Refusal("INVALID_MULTIPART", f"expected a multipart request, got {content_type!r}")
    delimiter = b"--" + match.group(2).encode()
    chunks = body.split(delimiter)
    if len(chunks) < 3 or not chunks[-1].startswith(b"--"):
        raise Refusal("INVALID_MULTIPART", "the multipart body is not properly delimited")
    parts: dict[str, bytes] = {}
    for chunk in chunks[1:-1]:
        if not chunk.startswith(b"\r\n") or not chunk.endswith(b"\r\n") or b"\r\n\r\n" not in chunk:
            raise Refusal("INVALID_MULTIPART", "a multipart part is malformed")
        head, _, payload = chunk[2:-2].partition(b"\r\n\r\n")
        headers = dict(
            (k.strip().lower(), v.strip())
            for k, _, v in (line.decode("latin-1").partition(":") for line in head.split(b"\r\n"))
            if k
        )
        media = headers.get("content-type", "").split(";")[0].strip().lower()
        if media in parts:
            raise Refusal("INVALID_MULTIPART", f"more than one {media} part")
        parts[media] = payload
    if set(parts) != {"application/xml", "application/octet-stream"}:
        wanted = "one application/xml and one application/octet-stream part"
        raise Refusal("INVALID_MULTIPART", f"expected {wanted}, got {sorted(parts)}")
    return parts


def orgnr_of(cert: x509.Certificate) -> str | None:
    """The organisation number in a Norwegian enterprise certificate's serialNumber attribute."""
    values = cert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
    return str(values[0].value) if values else None


def check_create(
    url_orgnr: str, parts: dict[str, bytes], ca_pem: Path, broker: str | None = None
) -> AcceptedJob:
    """Every check of a create request; returns the job or raises `Refusal`. The package may
    be signed by the sender or by `broker`, the organisation that sends for it."""
    request = _xml(parts["application/xml"], "portal-signature-job-request", "The job request")
    try:
        archive = zipfile.ZipFile(io.BytesIO(parts["application/octet-stream"]))
        files = {name: archive.read(name) for name in archive.namelist()}
    except (zipfile.BadZipFile, OSError) as exc:
        raise Refusal("INVALID_DOCUMENT_BUNDLE",
                      f"the document bundle is not a ZIP file: {exc}") from exc
    if "manifest.xml" not in files or "META-INF/signatures.xml" not in files:
        raise Refusal("INVALID_DOCUMENT_BUNDLE",
                      "manifest.xml and META-INF/signatures.xml are required")
    meta_inf = sorted(n for n in files if n.startswith("META-INF/"))
    if meta_inf != ["META-INF/signatures.xml"]:
        raise Refusal("INVALID_DOCUMENT_BUNDLE",
                      f"META-INF may only hold signatures.xml, has {meta_inf}")
    manifest = _xml(files["manifest.xml"], "portal-signature-job-manifest", "manifest.xml")
    sender = manifest.findtext(f"{{{NS}}}sender/{{{NS}}}organization-number")
    if sender != url_orgnr:
        raise Refusal("SENDER_MISMATCH",
                      f"the manifest's sender {sender} is not {url_orgnr} from the URL")
    documents = manifest.findall(f"{{{NS}}}documents/{{{NS}}}document")
    if len(documents) != 1:
        raise Refusal("INVALID_MANIFEST", "this double supports exactly one document")
    href, mime = documents[0].get("href", ""), documents[0].get("mime")
    if href not in files or mime != "application/pdf" or not files[href].startswith(b"%PDF-"):
        raise Refusal("INVALID_DOCUMENT", f"document {href!r} ({mime}) is missing or not a PDF")
    unsigned_candidates = sorted(n for n in files if not n.startswith("META-INF/"))
    if unsigned_candidates != sorted([href, "manifest.xml"]):
        raise Refusal("INVALID_DOCUMENT_BUNDLE",
                      f"unexpected files in the bundle: {unsigned_candidates}")
    seconds_text = manifest.findtext(f"{{{NS}}}availability/{{{NS}}}available-seconds")
    seconds = int(seconds_text) if seconds_text else None
    if seconds is not None and seconds > 7_776_000:
        raise Refusal("INVALID_AVAILABILITY", "available-seconds may not exceed 7776000 (90 days)")
    signers = [
        (
            int(s.get("order", "0")),
            s.find(f"{{{NS}}}notifications/{{{NS}}}email").get("address", ""),
        )
        for s in manifest.findall(f"{{{NS}}}signers/{{{NS}}}signer")
        if s.find(f"{{{NS}}}notifications/{{{NS}}}email") is not None
    ]
    check_xades(files, {url_orgnr, broker or url_orgnr}, ca_pem)
    return AcceptedJob(
        reference=request.findtext(f"{{{NS}}}reference"),
        polling_queue=request.findtext(f"{{{NS}}}polling-queue"),
        title=manifest.findtext(f"{{{NS}}}title") or "",
        signers=signers,
        pdf_name=href,
        pdf=files[href],
        available_seconds=seconds,
    )


def check_xades(files: dict[str, bytes], signers: set[str], ca_pem: Path) -> x509.Certificate:
    """Verify META-INF/signatures.xml with signxml and check Posten's XAdES profile by hand."""
    covered = {n: d for n, d in files.items() if not n.startswith("META-INF/")}
    raw = files["META-INF/signatures.xml"]
    root = etree.fromstring(raw)
    signatures = root.findall(f"{{{DS}}}Signature")
    if root.tag != f"{{{ASIC}}}XAdESSignatures" or len(signatures) != 1 or len(root) != 1:
        raise Refusal("INVALID_SIGNATURE",
                      "signatures.xml must be XAdESSignatures with one ds:Signature")
    try:
        XAdESVerifier().verify(
            raw,
            ca_pem_file=str(ca_pem),
            uri_resolver=covered.get,
            expect_config=XAdESSignatureConfiguration(expect_references=len(covered) + 1),
        )
    except Exception as exc:  # signxml raises several exception types
        raise Refusal("INVALID_SIGNATURE", f"the package signature does not verify: {exc}") from exc
    sig = signatures[0]
    info = sig.find(f"{{{DS}}}SignedInfo")
    if info.find(f"{{{DS}}}SignatureMethod").get("Algorithm") != RSA_SHA256:
        raise Refusal("INVALID_SIGNATURE", "the signature algorithm must be rsa-sha256")
    if info.find(f"{{{DS}}}CanonicalizationMethod").get("Algorithm") not in (C14N_1_0, C14N_1_1):
        raise Refusal("INVALID_SIGNATURE",
                      "SignedInfo must use xml-c14n11 or REC-xml-c14n-20010315")
    file_refs: dict[str, str] = {}
    props_refs = []
    for ref in info.findall(f"{{{DS}}}Reference"):
        if ref.find(f"{{{DS}}}DigestMethod").get("Algorithm") != SHA256:
            raise Refusal("INVALID_SIGNATURE", "reference digests must be sha256")
        if ref.get("Type") == SP_TYPE:
            props_refs.append(ref)
            transforms = [t.get("Algorithm") for t in ref.iter(f"{{{DS}}}Transform")]
            if transforms != [C14N_1_0]:
                raise Refusal("INVALID_SIGNATURE",
                              "the SignedProperties reference needs a c14n 1.0 transform")
            continue
        uri = ref.get("URI", "")
        if (
            uri not in covered
            or uri in file_refs.values()
            or ref.find(f"{{{DS}}}Transforms") is not None
        ):
            raise Refusal("INVALID_SIGNATURE",
                          f"reference {uri!r} is unknown, repeated or transformed")
        file_refs[ref.get("Id", "")] = uri
    if len(props_refs) != 1 or sorted(file_refs.values()) != sorted(covered):
        raise Refusal("INVALID_SIGNATURE",
                      "every file and the SignedProperties must be referenced once")
    ssp = sig.find(
        f"{{{DS}}}Object/{{{XADES}}}QualifyingProperties/{{{XADES}}}SignedProperties"
        f"/{{{XADES}}}SignedSignatureProperties"
    )
    cert_digest = ssp.find(f"{{{XADES}}}SigningCertificate/{{{XADES}}}Cert/{{{XADES}}}CertDigest")
    if cert_digest is None or cert_digest.find(f"{{{DS}}}DigestMethod").get("Algorithm") != SHA1:
        raise Refusal("INVALID_SIGNATURE", "SigningCertificate with a sha1 CertDigest is required")
    signing_time = datetime.fromisoformat(ssp.findtext(f"{{{XADES}}}SigningTime") or "")
    if signing_time > datetime.now(UTC) + timedelta(seconds=5):
        raise Refusal("INVALID_SIGNATURE", "SigningTime is in the future (more than 5 seconds)")
    formats = sig.findall(f".//{{{XADES}}}DataObjectFormat")
    if sorted(f.get("ObjectReference", "")[1:] for f in formats) != sorted(file_refs) or any(
        [c.tag for c in f] != [f"{{{XADES}}}MimeType"] for f in formats
    ):
        raise Refusal("INVALID_SIGNATURE",
                      "one DataObjectFormat (MimeType only) per file is required")
    certs = [
        x509.load_der_x509_certificate(base64.b64decode(c.text or ""))
        for c in sig.iter(f"{{{DS}}}X509Certificate")
    ]
    roots = x509.load_pem_x509_certificates(ca_pem.read_bytes())
    if not any(c in roots for c in certs):
        raise Refusal("INVALID_SIGNATURE",
                      "KeyInfo must include the chain up to and including the root")
    signer = certs[0]
    if orgnr_of(signer) not in signers:
        why = "the package must be signed with the sender's (or its broker's) certificate"
        raise Refusal("INVALID_SIGNATURE", why)
    return signer
