"""E-mail delivery: SMTP when configured, otherwise .eml files in a folder.

The .eml folder is the embedded default: nothing leaves the machine until SMTP is set.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from agreements.errors import ExternalServiceError


class MailError(ExternalServiceError):
    """The mail server refused or could not be reached."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 25
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout: float = 30.0


def send_smtp(settings: SmtpSettings, message: EmailMessage) -> None:
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
            if settings.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.user:
                smtp.login(settings.user, settings.password or "")
            smtp.send_message(message)
    except smtplib.SMTPResponseException as exc:
        permanent = 500 <= exc.smtp_code < 600
        raise MailError(f"mail server refused: {exc.smtp_code} {exc.smtp_error!r}",
                        retryable=not permanent) from None
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(f"mail server unreachable: {exc}", retryable=True) from None


def write_eml(folder: Path, name: str, message: EmailMessage) -> Path:
    """Write the message as `<name>.eml`; writing the same name again replaces it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.eml"
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(message.as_bytes())
    tmp.replace(path)
    return path
