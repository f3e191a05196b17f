"""The demo's Posten signering: the tests' loopback service, run on this machine.

    python scripts/posten_demo.py serve DIR        make a throw-away PKI in DIR, start the service
                                                   (HTTPS, client certificate required), write
                                                   DIR/env with the AVTALEFLYT_* settings for it,
                                                   and run until stopped
    python scripts/posten_demo.py sign DIR REFERENCE EMAIL      a signer signs in Posten
    python scripts/posten_demo.py reject DIR REFERENCE EMAIL    a signer rejects
    python scripts/posten_demo.py sign-copy DIR AGREEMENT_ID OUT.pdf   what a signer e-mails
                                                   back: the agreement's PDF as sent, signed
                                                   under the demo CA (an incremental update)

Only for the demo and the tests: the certificates are made up and nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives.serialization import (  # noqa: E402
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_private_key,
)

from tests.posten.pades import sign_incrementally  # noqa: E402
from tests.posten.pki import P12_PASSWORD, Issued, Pki, make_pki  # noqa: E402
from tests.posten.server import PostenServer  # noqa: E402


def organisers() -> list[str]:
    from agreements import reference

    return [o.orgnr for o in reference.organisers().values() if o.rolle == "organisator"]


class _Control(BaseHTTPRequestHandler):
    """POST /sign or /reject with {"reference": …, "email": …}: what a signer does in Posten."""

    posten: PostenServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        asked = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        jobs = [j for j in self.posten.jobs.values() if j.reference == asked["reference"]]
        try:
            if not jobs:
                raise LookupError(f"no job with reference {asked['reference']}")
            getattr(self.posten, self.path.strip("/"))(jobs[-1].id, asked["email"])
            self.send_response(200)
        except (LookupError, AssertionError, StopIteration) as exc:
            self.send_response(409)
            self.send_header("X-Error", str(exc) or "the signer cannot act now")
        self.send_header("Content-Length", "0")
        self.end_headers()


def serve(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    pki = make_pki(folder)
    _keep_signer(folder, pki)
    with PostenServer(pki, senders=organisers()) as posten:
        _Control.posten = posten
        control = HTTPServer(("127.0.0.1", 0), _Control)
        threading.Thread(target=control.serve_forever, daemon=True).start()
        (folder / "control").write_text(str(control.server_address[1]))
        settings = {"SIGNING": "posten", "POSTEN_URL": posten.root_url,
                    "POSTEN_CERT": pki.client_p12, "POSTEN_CERT_PASSWORD": P12_PASSWORD,
                    "POSTEN_CA_BUNDLE": pki.ca_pem, "SIGNING_TRUST_ROOTS": pki.ca_pem}
        env = "".join(f"AVTALEFLYT_{k}='{v}'\n" for k, v in settings.items())
        (folder / "env.tmp").write_text(env)
        (folder / "env.tmp").replace(folder / "env")
        print(f"Posten signering (loopback): {posten.root_url}", flush=True)
        threading.Event().wait()


def act(folder: Path, action: str, reference: str, email: str) -> None:
    import http.client

    port = int((folder / "control").read_text())
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("POST", f"/{action}", json.dumps({"reference": reference,
                                                         "email": email}))
    answer = connection.getresponse()
    if answer.status != 200:
        sys.exit(f"{action} {reference} {email}: {answer.getheader('X-Error')}")
    print(f"Posten signering: {email} did {action} {reference}")


def _keep_signer(folder: Path, pki: Pki) -> None:
    """Keep the demo signer's key and certificate, so `sign-copy` can sign as a signer."""
    key = pki.signer.key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    (folder / "signer-key.pem").write_bytes(key)
    (folder / "signer-key.pem").chmod(0o600)
    (folder / "signer.pem").write_bytes(pki.signer.cert.public_bytes(Encoding.PEM))


def sign_copy(folder: Path, agreement_id: int, target: Path) -> None:
    from agreements.app import open_app
    from agreements.contracts.drafts import number_of
    from agreements.contracts.parties import parties_of
    from agreements.core.models import Agreement, Document
    from tests.posten.pdfs import make_pdf

    with open_app() as app:
        with app.transaction() as session:
            agreement = session.get(Agreement, agreement_id)
            assert agreement is not None, f"no agreement #{agreement_id}"
            sent = session.get(Document, agreement.pdf_id) if agreement.pdf_id else None
            number = number_of(parties_of(session, agreement.participation_id), agreement)
        # Without LibreOffice only a DOCX was sent: the signer made a PDF of it.
        original = app.documents.read(sent) if sent else make_pdf(f"Samarbeidsavtale {number}")
    key = load_pem_private_key((folder / "signer-key.pem").read_bytes(), None)
    cert = x509.load_pem_x509_certificate((folder / "signer.pem").read_bytes())
    ca = x509.load_pem_x509_certificate((folder / "ca.pem").read_bytes())
    signer = Issued(key, cert)  # type: ignore[arg-type]
    target.write_bytes(sign_incrementally(original, signer, [ca]))


def main(argv: list[str]) -> None:
    if len(argv) == 2 and argv[0] == "serve":
        serve(Path(argv[1]))
    elif len(argv) == 4 and argv[0] in ("sign", "reject"):
        act(Path(argv[1]), argv[0], argv[2], argv[3])
    elif len(argv) == 4 and argv[0] == "sign-copy":
        sign_copy(Path(argv[1]), int(argv[2]), Path(argv[3]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
