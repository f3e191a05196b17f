"""An e-mail written straight to bytes (`outbox.rawmail`) is byte for byte what the email
package writes for the same row (`compose.build_email`, flattened as the .eml folder and
SMTP flatten it), and where it cannot be sure it leaves the row to the email package."""

from __future__ import annotations

import email.utils
import itertools
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest

from agreements.config import Settings
from agreements.core.models import Document, OutboxMessage
from agreements.outbox import rawmail
from agreements.outbox.compose import MessageError, build_email
from agreements.outbox.mail import SmtpTransport, flat
from tests.smtp_server import smtp_server


@dataclass
class Shelf:
    """Documents by path, read as the document store reads them."""

    files: dict[str, bytes] = field(default_factory=dict)

    def read(self, document: Document) -> bytes:
        return self.files[document.path]


@dataclass(frozen=True)
class Stopped:
    """A clock that stays at one moment."""

    at: datetime

    def now(self) -> datetime:
        return self.at

    def today(self) -> date:
        return self.at.date()


@dataclass
class Work:
    """What building an e-mail uses: the settings, the clock, the documents."""

    settings: Settings
    clock: Stopped
    documents: Shelf


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "var", offline=True, actor="test")


PDF, DOCX = "application/pdf", ("application/vnd.openxmlformats-officedocument."
                                "wordprocessingml.document")
SUBJECTS = ["Hei", "Til signering: samarbeidsavtale om Pasientens journaldokumenter (PJD-1)",
            "UTKAST – Til signering: samarbeidsavtale om Pasientens journaldokumenter "
            "(PJD-KOMMUNER-964965226-1)", "Påminnelse", "a  b  c " * 15]
RECIPIENTS = ["a@ks.no", "Kari Nordmann <kari@x.no>", '"Nordmann, Kari" <kari@x.no>',
              "Ordfører 2 <ordforer2@kommune2.example>",
              "Et svært langt navn på en person som har mange mellomnavn og etternavn og "
              "enda flere <lang@x.no>"]
BODIES = ["x", "Hei Kari,\n\nVedlagt er avtalen.\n", "Hei Ordfører,\n\nSlik gjør du.\n",
          "Hei " + "en lang linje med litt tekst " * 8 + "på norsk\n\nHilsen\n",
          "\n".join(f"Linje {i}: " + "en lang linje med litt tekst " * 4 + "på norsk"
                    for i in range(14)),
          "\n".join(f"Linje {i}: " + "å" * 90 for i in range(14)),  # base64: not written
          "Hei " + "a" * 200 + "\n"]
LONG = "certificates/PJD-HELSE-SOR-OST-879437253-2-signeringsbekreftelse.pdf"  # folded
ATTACHMENTS = [[], [("agreements/PJD-1.pdf", PDF)],
               [("agreements/PJD-1.docx", DOCX), ("agreements/PJD-1.pdf", PDF)], [(LONG, PDF)]]


def _work(settings: Settings) -> Work:
    data = bytes(range(256)) * 8
    return Work(settings, Stopped(datetime(2026, 11, 25, 6, 1, 16, tzinfo=UTC)), Shelf(
        {"agreements/PJD-1.pdf": data, "agreements/PJD-1.docx": data[::-1],
         "agreements/Avtale med mellomrom.pdf": data, "agreements/avtale-æ.pdf": data,
         LONG: data}))


def _documents(wanted: list[tuple[str, str]]) -> list[Document]:
    return [Document(id=i, kind="agreement", path=path, sha256="0" * 64, size=1,
                     media_type=media) for i, (path, media) in enumerate(wanted, start=1)]


def _message(subject: str, to: str, body: str, reply_to: str | None = None,
             key: str = "agreement:3:signature:5:request") -> OutboxMessage:
    extra = '{"documents": [], "reply_to": %s}' % (f'"{reply_to}"' if reply_to else "null")
    return OutboxMessage(id=7, key=key, channel="email", recipient=to, subject=subject,
                         body=body, attachments=extra, status="pending")


def _as_the_email_package_writes(work: Work, message: OutboxMessage,
                                 documents: list[Document], boundary: bytes | None
                                 ) -> tuple[bytes, EmailMessage]:
    built = build_email(work, message, documents)  # type: ignore[arg-type]
    if boundary is not None:
        built.set_boundary(boundary.decode("ascii"))
    return flat(built), built


def _boundary(data: bytes) -> bytes | None:
    marker = b'boundary="'
    if marker not in data:
        return None
    return data.split(marker, 1)[1].split(b'"', 1)[0]


@pytest.mark.parametrize("attachments", ATTACHMENTS)
def test_the_bytes_are_those_the_email_package_writes(settings: Settings,
                                                      attachments: list[tuple[str, str]]
                                                      ) -> None:
    """For every subject, recipient, reply-to, body and attachments: the same bytes (the
    boundary apart, which is random), and the envelope `send_message` would use."""
    work, written = _work(settings), 0
    documents = _documents(attachments)
    for subject, to, body, reply in itertools.product(
            SUBJECTS, RECIPIENTS, BODIES, [None, "Kari Koordinator <kari@ks.example>"]):
        message = _message(subject, to, body, reply)
        raw = rawmail.write(work, message, documents)  # type: ignore[arg-type]
        if raw is None:
            continue
        written += 1
        expected, built = _as_the_email_package_writes(work, message, documents,
                                                       _boundary(raw.data))
        assert raw.data == expected, (subject, to, body)
        assert raw.sender == email.utils.getaddresses([str(built["From"])])[0][1]
        assert raw.recipients == (email.utils.getaddresses([str(built["To"])])[0][1],)
    assert written == len(SUBJECTS) * len(RECIPIENTS) * (len(BODIES) - 1) * 2


@pytest.mark.parametrize(("change", "value"), [
    ("subject", "=?utf-8?q?Hei?= der"),
    ("key", "agreement:3:signature:5:request:" + "x" * 80),
    ("body", "\n".join("漢字かな交じり文" * 12 for _ in range(12))),
    ("attachment", "agreements/Avtale med mellomrom.pdf"),
    ("attachment", "agreements/avtale-æ.pdf"),
    ("recipient", "Kari <\"kari nordmann\"@x.no>"),
])
def test_what_only_the_email_package_writes_exactly_is_left_to_it(
        settings: Settings, change: str, value: str) -> None:
    """An encoded-word subject, a key that would be folded, a body for base64, a file name
    that needs quoting or encoding, an addr-spec that is not plain: not written here (None)."""
    work = _work(settings)
    fields = {"subject": "Hei", "to": "a@ks.no", "body": "x"}
    documents = _documents([(value, PDF)] if change == "attachment" else [])
    message = _message(value if change == "subject" else fields["subject"],
                       value if change == "recipient" else fields["to"],
                       value if change == "body" else fields["body"],
                       key=value if change == "key" else "k")
    assert rawmail.write(work, message, documents) is None  # type: ignore[arg-type]
    flat(build_email(work, message, documents))  # type: ignore[arg-type]  # it can be built


@pytest.mark.parametrize("to", ["Kari\r\nBcc: x@y.no <kari@x.no>", "a@x.no, b@y.no", "ikke en"])
def test_a_row_that_is_no_email_is_refused_as_the_email_package_refuses_it(
        settings: Settings, to: str) -> None:
    """A recipient that is not one clean address: the same MessageError code either way."""
    work, message = _work(settings), _message("Hei", to, "x")
    with pytest.raises(MessageError) as ours:
        rawmail.write(work, message, [])  # type: ignore[arg-type]
    with pytest.raises(MessageError) as theirs:
        build_email(work, message, [])  # type: ignore[arg-type]
    assert ours.value.code == theirs.value.code


def test_a_mail_server_receives_the_bytes_send_message_sends(settings: Settings) -> None:
    """Through SMTP the bytes written here arrive as `send_message` sends the email package's
    message: lines in CRLF, a body line beginning «From » escaped, a lone dot stuffed."""
    work = _work(settings)
    message = _message("Hei", "Kari Nordmann <kari@x.no>",
                       "Hei Kari,\nFrom her til der.\n.\nHilsen fra Ålesund\n")
    documents = _documents(ATTACHMENTS[1])
    raw = rawmail.write(work, message, documents)  # type: ignore[arg-type]
    assert raw is not None
    built, = [_as_the_email_package_writes(work, message, documents, _boundary(raw.data))[1]]
    with smtp_server() as (inbox, port):
        transport = SmtpTransport("127.0.0.1", port)
        transport.send_raw(raw, "one")
        transport.send(built, "one")
    assert len(inbox.raw) == 2 and inbox.raw[0] == inbox.raw[1]
    assert b">From her til der." in inbox.raw[0]
    assert inbox.recipients[0] == inbox.recipients[1] == ["kari@x.no"]
