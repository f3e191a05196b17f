"""What became of an onboarding row: its steps, or why it stopped, and the messages it
queued."""

from __future__ import annotations

from dataclasses import dataclass, field

from agreements.errors import AvtaleflytError


@dataclass
class Outcome:
    line: int
    orgnr: str
    navn: str = ""
    kilde_participation: int | None = None
    konsument_participation: int | None = None
    steps: list[str] = field(default_factory=list)
    error: str | None = None
    failure: AvtaleflytError | None = None  # why it could not be registered (its code)
    mail_keys: list[str] = field(default_factory=list)  # key prefixes of what it queued
    undelivered: str | None = None  # why its messages have not left yet, once delivered

    @property
    def ok(self) -> bool:
        """Done, and every message it queued has left."""
        return self.error is None and self.undelivered is None

    def as_dict(self) -> dict[str, object]:
        said = self.error or "; ".join(self.steps) or "registered"
        if self.error is None and self.undelivered:
            said += f"; e-mail not delivered yet ({self.undelivered})"
        return {"line": self.line, "orgnr": self.orgnr, "navn": self.navn, "outcome": said,
                "ok": self.ok, "waiting": self.error is None and self.undelivered is not None}
