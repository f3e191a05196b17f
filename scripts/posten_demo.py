"""The demo's Posten signering: the tests' loopback service, run on this machine.

    python scripts/posten_demo.py serve DIR        make a throw-away PKI in DIR, start the service
                                                   (HTTPS, client certificate required), write
                                                   DIR/env with the AVTALEFLYT_* settings for it,
                                                   and run until stopped
    python scripts/posten_demo.py sign DIR REFERENCE EMAIL      a signer signs in Posten
    python scripts/posten_demo.py reject DIR REFERENCE EMAIL    a signer rejects
    python scripts/posten_demo.py sign-copy DIR AGREEMENT_ID OUT.pdf   what the next signer
                                                   e-mails back: the copy they were sent (the
                                                   PDF as sent, or as the signer before them
                                                   signed it) with their signature appended,
                                                   made with a personal certificate from the
                                                   demo CA that names them

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
    """POST /sign or /reject with {"reference": …, "email": …, "name": …}: what a signer does
    in Posten (signing with a certificate naming `name`)."""

    posten: PostenServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        asked = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        jobs = [j for j in self.posten.jobs.values() if j.reference == asked["reference"]]
        try:
            if not jobs:
                raise LookupError(f"no job with reference {asked['reference']}")
            if self.path.strip("/") == "sign":
                self.posten.sign(jobs[-1].id, asked["email"], as_name=asked.get("name"))
            else:
                self.posten.reject(jobs[-1].id, asked["email"])
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
    connection.request("POST", f"/{action}", json.dumps({"reference": reference, "email": email,
                                                         "name": _name_of(email)}))
    answer = connection.getresponse()
    if answer.status != 200:
        sys.exit(f"{action} {reference} {email}: {answer.getheader('X-Error')}")
    print(f"Posten signering: {email} did {action} {reference}")


def _keep_signer(folder: Path, pki: Pki) -> None:
    """Keep the demo CA's key, so `sign-copy` can issue each signer a personal certificate
    (a throw-away CA, made for this demo run only)."""
    key = pki.ca.key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    (folder / "ca-key.pem").write_bytes(key)
    (folder / "ca-key.pem").chmod(0o600)


def _name_of(email: str) -> str | None:
    """The contact's name in avtaleflyt: their certificate names them."""
    from sqlmodel import select

    from agreements.app import open_app
    from agreements.core.models import Contact

    with open_app() as app, app.transaction() as session:
        found = session.exec(select(Contact).where(Contact.email == email)).first()
        return found.name if found else None


def sign_copy(folder: Path, agreement_id: int, target: Path) -> None:
    from agreements.app import open_app
    from agreements.contracts.copies import latest_copy
    from agreements.contracts.drafts import number_of
    from agreements.contracts.parties import parties_of
    from agreements.contracts.starting import signatures
    from agreements.core.models import Agreement, Contact, Document
    from tests.posten.pdfs import make_pdf
    from tests.posten.people import issue

    with open_app() as app:
        with app.transaction() as session:
            agreement = session.get(Agreement, agreement_id)
            assert agreement is not None, f"no agreement #{agreement_id}"
            sig = next(s for s in signatures(session, agreement_id) if s.status == "pending")
            contact = session.get(Contact, sig.contact_id)
            assert contact is not None
            before = latest_copy(session, sig)
            sent = session.get(Document, agreement.pdf_id) if agreement.pdf_id else None
            number = number_of(parties_of(session, agreement.participation_id), agreement)
        # Without LibreOffice only a DOCX was sent: the signer made a PDF of it.
        copy = before[0] if before else sent
        original = app.documents.read(copy) if copy else make_pdf(f"Samarbeidsavtale {number}")
    key = load_pem_private_key((folder / "ca-key.pem").read_bytes(), None)
    ca = x509.load_pem_x509_certificate((folder / "ca.pem").read_bytes())
    signer = issue(contact.name, ca=Issued(key, ca))  # type: ignore[arg-type]
    target.write_bytes(sign_incrementally(original, signer, [ca],
                                          field=f"Signatur{sig.position}"))


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
