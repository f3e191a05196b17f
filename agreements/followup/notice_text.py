"""The day's follow-up e-mail to one person, in bokmål. Pure: sections in, (subject, body) out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from agreements.core.calendar import norsk_dato
from agreements.followup.digest import Digest, Entry
from agreements.messages import Avsender, hilsen

SHOWN = 40  # lines of one digest section; the rest are counted, and are in the portal


@dataclass(frozen=True)
class Line:
    title: str
    due_on: date | None  # None: an NHN order, which has no deadline of its own
    reminders_before: int
    last: date | None


@dataclass(frozen=True)
class Section:
    kind: str  # reminder | escalation | order (a chase about an unconfirmed NHN order)
    organisation: str
    link: str
    organiser: str | None  # a kilde's organiser (None: a konsument, which has none)
    lines: list[Line]


def _times(n: int) -> str:
    return "én påminnelse" if n == 1 else f"{n} påminnelser"


def _reminder(line: Line) -> str:
    said = (f"- {line.title}: fristen var {norsk_dato(line.due_on)}" if line.due_on
            else f"- {line.title}")
    if line.reminders_before and line.last:
        said += (f" (påminnelse {line.reminders_before + 1}; forrige sendt "
                 f"{norsk_dato(line.last)})")
    return said


def _escalation(line: Line) -> str:
    said = f"- {line.title}: fristen var {norsk_dato(line.due_on)}" if line.due_on else \
        f"- {line.title}"
    if line.reminders_before and line.last:
        return (said + f"; {_times(line.reminders_before)} er sendt, den siste "
                f"{norsk_dato(line.last)}")
    return said + "; ingen påminnelser er sendt"


def _entries(heading: str, entries: list[Entry], said: str) -> str:
    lines = [f"{heading} ({len(entries)}):"]
    lines += [f"- {e.organisation}: {e.what}"
              + (f" ({said} {norsk_dato(e.day)})" if e.day else "") for e in entries[:SHOWN]]
    if len(entries) > SHOWN:
        lines.append(f"- … og {len(entries) - SHOWN} til")
    return "\n".join(lines)


def _digest(digest: Digest, portal: str) -> list[str]:
    parts = [f"Dagens oversikt for {digest.organiser}. Alt står også i portalen:\n{portal}"]
    if digest.overdue:
        parts.append(_entries("Har passert fristen siden forrige virkedag", digest.overdue,
                              "frist"))
    if digest.review:
        parts.append(_entries("Levert og venter på gjennomgang", digest.review, "levert"))
    if digest.owes:
        parts.append(_entries(f"Venter på {digest.organiser}", digest.owes,
                              "til signering siden"))
    return parts


def text(navn: str, sections: list[Section], fra: Avsender | None,
         digest: Digest | None = None, portal: str = "") -> tuple[str, str]:
    reminders = [s for s in sections if s.kind == "reminder"]
    escalations = [s for s in sections if s.kind == "escalation"]
    orders = [s for s in sections if s.kind == "order"]
    names = sorted({s.organisation for s in sections})
    where = names[0] if len(names) == 1 else f"{len(names)} virksomheter"
    subject = ("Eskalering og påminnelse" if reminders and escalations
               else "Eskalering" if escalations else "Påminnelse") + (
        f": forfalte punkter i sjekklisten ({where})" if reminders or escalations
        else f": bestillingen hos Norsk helsenett er ikke bekreftet ({where})")
    if digest is not None:
        subject = (f"Dagens oversikt for {digest.organiser}" if not sections
                   else f"{subject} og dagens oversikt")
    parts = [f"Hei {navn},"]
    if digest is not None:
        parts += _digest(digest, portal)
    if reminders:
        parts.append("Disse punktene i sjekklisten har passert fristen. Last opp "
                     "dokumentasjonen eller bekreft punktet i sjekklisten via lenken.")
        for s in reminders:
            block = [f"{s.organisation} – {s.link}", *(_reminder(line) for line in s.lines)]
            if s.organiser:
                block.append(f"Rekker dere ikke fristen, kan dere avtale en ny plan med "
                             f"{s.organiser}.")
            parts.append("\n".join(block))
    if orders:
        parts.append("Norsk helsenett har ikke bekreftet bestillingen ennå. Kontakt NHNs "
                     "kundesenter om det haster, og registrer bekreftelsen via lenken når den "
                     "kommer.")
        for s in orders:
            parts.append("\n".join([f"{s.organisation} – {s.link}",
                                    *(_reminder(line) for line in s.lines)]))
    if escalations:
        parts.append("Disse punktene er fortsatt ikke utført etter påminnelser. Vi ber deg "
                     "følge opp virksomheten direkte.")
        for s in escalations:
            parts.append("\n".join([f"{s.organisation} – {s.link}",
                                    *(_escalation(line) for line in s.lines)]))
    return subject, "\n\n".join(parts) + hilsen(fra)
