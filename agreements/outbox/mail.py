"""E-mail transports: SMTP when configured, otherwise .eml files in a folder.

The .eml folder is the embedded default: nothing leaves the machine until SMTP is set.
The app builds the transport (`transport_for`); tests hand in a loopback SMTP server's.
"""

from __future__ import annotations

import re
import smtplib
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.generator import NLCRE, BytesGenerator  # type: ignore[attr-defined]
from email.message import EmailMessage
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from agreements.config import reveal
from agreements.errorcodes import Code
from agreements.errors import ExternalServiceError

if TYPE_CHECKING:
    from agreements.config import Settings
    from agreements.outbox.rawmail import Raw


_FROM = re.compile(rb"^From ", re.MULTILINE)  # what email.generator escapes (mangle_from_)


class MailError(ExternalServiceError):
    """The mail server refused or could not be reached."""


class MailTransport(Protocol):
    def send(self, message: EmailMessage, name: str) -> None:
        """Hand the message over; `name` is a stable, file-safe name for it."""
        ...

    def send_raw(self, message: Raw, name: str) -> None:
        """The same for a message already written as bytes (`outbox.rawmail`)."""
        ...


def _text(said: bytes | str) -> str:
    """What the server said, as text."""
    return said.decode(errors="replace") if isinstance(said, bytes) else said


@dataclass(frozen=True)
class SmtpTransport:
    host: str
    port: int = 25
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout: float = 30.0

    def send(self, message: EmailMessage, name: str) -> None:
        """Hand the message to the server. A server that cannot be reached, times out or
        says 421 is `unreachable` (the rest of the queue waits); a refusal of this message
        is permanent for 5xx and retryable for 4xx."""
        with self._session() as smtp:
            smtp.send_message(message)

    def send_raw(self, message: Raw, name: str) -> None:
        """As `send`: the bytes `send_message` would hand over for the same message (its
        lines ended in CRLF, a body line beginning «From » escaped as its generator escapes
        it; no header line can begin so), to the same envelope."""
        with self._session() as smtp:
            smtp.sendmail(message.sender, list(message.recipients),
                          _FROM.sub(b">From ", message.data).replace(b"\n", b"\r\n"))

    @contextmanager
    def _session(self) -> Iterator[smtplib.SMTP]:
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                if self.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if self.user:
                    smtp.login(self.user, self.password or "")
                yield smtp
        except smtplib.SMTPNotSupportedError as exc:
            raise MailError(Code.MAIL_NOT_TAKEN, reason=str(exc)) from None
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            raise MailError(Code.MAIL_RECIPIENT_REFUSED, codes=str(codes),
                            retryable=all(c < 500 for c in codes)) from None
        except smtplib.SMTPResponseException as exc:
            if exc.smtp_code == 421:
                raise MailError(Code.MAIL_UNAVAILABLE, reason=_text(exc.smtp_error),
                                unreachable=True) from None
            permanent = 500 <= exc.smtp_code < 600
            raise MailError(Code.MAIL_REFUSED, status=exc.smtp_code, reason=_text(exc.smtp_error),
                            retryable=not permanent) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise MailError(Code.MAIL_UNREACHABLE, server=f"{self.host}:{self.port}",
                            reason=str(exc or type(exc).__name__), unreachable=True) from None


class _Flattener(BytesGenerator):
    """The standard library's generator, writing a body's lines in one write instead of
    two per line (an attachment's base64 is hundreds of lines): the same bytes."""

    def _write_lines(self, lines: str) -> None:
        if lines:
            self.write(self._NL.join(NLCRE.split(lines)))  # type: ignore[attr-defined]


def flat(message: EmailMessage) -> bytes:
    """`message.as_bytes()`, byte for byte, at a fraction of its cost for a large body."""
    out = BytesIO()
    _Flattener(out, mangle_from_=False, policy=message.policy).flatten(message)
    return out.getvalue()


@dataclass(frozen=True)
class EmlFolder:
    folder: Path

    def send(self, message: EmailMessage, name: str) -> None:
        """Write the message as `<name>.eml`; writing the same name again replaces it."""
        self._write(flat(message), name)

    def send_raw(self, message: Raw, name: str) -> None:
        self._write(message.data, name)

    def _write(self, data: bytes, name: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{name}.eml"
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)


def transport_for(settings: Settings) -> MailTransport:
    if settings.smtp_host:
        return SmtpTransport(settings.smtp_host, settings.smtp_port, settings.smtp_user,
                             reveal(settings.smtp_password), settings.smtp_starttls,
                             settings.smtp_timeout)
    return EmlFolder(settings.outbox_dir)
