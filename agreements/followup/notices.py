"""One e-mail per person per day: every checklist reminder and escalation the planner found
due for that person (all their organisations, roles and items) in one message.

`compose` says who gets what (read only: the dry run shows it too); `send` queues each message
in its own transaction under the key `followup:notice:<day>:<address>`, with one
`FollowUpNotice` row per item, which is what the reminder ladder counts. A second run the same
day finds the key taken and sends nothing more to that person: what became due since waits for
the next working day. Each message looks again at its items under the transaction and leaves
out those handed in or waived since the plan was made.

A reminder goes to the organisation's own coordinators (or signatories); an escalation to its
organiser's coordinators, and for a konsument (no organiser) to whoever the settings name, or
nobody; never to the organisation itself.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import Session

from agreements import links, reference
from agreements.contracts.parties import coordinators, parties_of, sender
from agreements.core.calendar import OSLO, norsk_dato
from agreements.core.enums import Role
from agreements.core.models import (
    ChecklistItem,
    FollowUpNotice,
    NhnOrder,
    Organisation,
    Participation,
)
from agreements.errors import AvtaleflytError
from agreements.followup import digest
from agreements.followup.actions import Notice
from agreements.followup.digest import Digest
from agreements.followup.notice_text import Line, Section, text
from agreements.followup.state import still_open
from agreements.messages import Avsender
from agreements.outbox import queue

ORDER_TITLE = "Norsk helsenett har ikke bekreftet bestillingen"

if TYPE_CHECKING:
    from agreements.config import Settings
    from agreements.core.ports import Work


@dataclass
class Recipient:
    name: str
    email: str


@dataclass(frozen=True)
class Item:
    """One line of a message: a reminder about, or an escalation of, one item (or the same
    item of the kilde and the konsument side of one kommune: `subjects`)."""

    kind: str  # reminder | escalation
    subjects: tuple[str, ...]
    orgnr: str
    organisation: str
    title: str
    due_on: date | None  # None: an NHN order (chased, it has no deadline of its own)
    reminders_before: int
    last: date | None
    organiser: str | None  # the kilde's organiser; None for a konsument
    signer: Avsender | None = None  # who signs a reminder about it (the kilde's organiser)

    @property
    def concerns(self) -> str:
        due = f" (frist {norsk_dato(self.due_on)})" if self.due_on else ""
        return f"{self.organisation}: {self.title}{due}"


@dataclass
class Message:
    recipient: Recipient
    items: list[Item] = field(default_factory=list)
    digest: Digest | None = None  # a coordinator's daily digest of the organiser's area

    @property
    def signed_by(self) -> Avsender | None:
        """The organiser when every line is its reminder; else avtaleflyt (None)."""
        signers = {i.signer if i.kind == "reminder" else None for i in self.items}
        return signers.pop() if len(signers) == 1 else None

    def key(self, day: date) -> str:
        return f"followup:notice:{day.isoformat()}:{self.recipient.email.lower()}"

    def json(self) -> dict[str, object]:
        items: list[dict[str, object]] = [
            {"kind": i.kind, "concerns": i.concerns, "reminders_before": i.reminders_before,
             "subjects": list(i.subjects)} for i in self.items]
        if self.digest:
            items += [{"kind": kind, "concerns": f"{e.organisation}: {e.what}",
                       "reminders_before": 0, "subjects": []}
                      for kind, entries in (("overdue", self.digest.overdue),
                                            ("review", self.digest.review),
                                            ("countersign", self.digest.owes))
                      for e in entries]
        return {"recipient": self.recipient.email, "items": items}


def _escalation_to(settings: Settings) -> list[Recipient]:
    from email.headerregistry import Address
    from email.policy import default

    if not (configured := settings.konsument_escalation_to):
        return []
    parsed = default.header_factory("to", configured).addresses[0]
    assert isinstance(parsed, Address)
    return [Recipient(parsed.display_name or parsed.addr_spec, parsed.addr_spec)]


def compose(session: Session, settings: Settings, notices: list[Notice],
            digests: dict[str, tuple[str, Digest]] | None = None) -> list[Message]:
    """Who gets which lines: one message per address, in the order first reached; the
    coordinators' digests (`followup.digest`) join their message of the day."""
    messages: dict[str, Message] = {}
    seen: dict[tuple[str, str, str, str], Item] = {}
    organisers: dict[int, tuple[Organisation | None, Avsender | None]] = {}
    for notice in notices:
        about = _about(session, notice.subject_key)
        if about is None:
            continue
        pid, title, due = about
        part = session.get(Participation, pid)
        assert part is not None
        org = session.get(Organisation, part.organisation_id)
        assert org is not None
        if part.id not in organisers:
            organiser = (parties_of(session, part.id or 0).organiser
                         if part.role == Role.KILDE and part.area_id else None)
            organisers[part.id or 0] = (organiser,
                                        sender(session, organiser) if organiser else None)
        organiser, signed = organisers[part.id or 0]
        if notice.notice == "reminder":
            people = [Recipient(c.name, c.email) for c in coordinators(session, org)]
        elif organiser is not None:
            people = [Recipient(c.name, c.email) for c in coordinators(session, organiser)]
        else:
            people = _escalation_to(settings)
        own = {c.email.lower() for c in coordinators(session, org)}
        for person in people:
            if notice.notice == "escalation" and person.email.lower() in own:
                continue  # never escalated to the organisation itself
            message = messages.setdefault(person.email.lower(), Message(person))
            line_key = (person.email.lower(), notice.notice, org.orgnr, title)
            if line_key in seen:  # the kilde and the konsument side of one kommune
                old = seen[line_key]
                merged = replace(old, subjects=(*old.subjects, notice.subject_key))
                message.items[message.items.index(old)] = seen[line_key] = merged
                continue
            line = Item(notice.notice, (notice.subject_key,), org.orgnr, org.navn, title,
                        due, notice.count - 1 if notice.notice == "reminder"
                        else notice.count, notice.last, organiser.navn if organiser else None,
                        signed)
            message.items.append(line)
            seen[line_key] = line
    for address, (name, summary) in (digests or {}).items():
        messages.setdefault(address, Message(Recipient(name, address))).digest = summary
    return list(messages.values())


def _about(session: Session, subject: str) -> tuple[int, str, date | None] | None:
    """The participation a notice is about, what it is about in words, and its due date
    (an order has none: it is chased some working days after it was sent)."""
    kind, _, number = subject.partition(":")
    if kind == "order":
        order = session.get(NhnOrder, int(number))
        if order is None or order.submitted_at is None:
            return None
        sent = norsk_dato(order.submitted_at.astimezone(OSLO).date())
        return (order.participation_id, f"{ORDER_TITLE} (sendt {sent}, referanse "
                f"{order.idempotency_key})", None)
    item = session.get(ChecklistItem, int(number))
    if item is None or item.due_on is None:
        return None
    return (item.participation_id, reference.process(item.process_key).title
            + (f" ({item.occurrence})" if item.occurrence else ""), item.due_on)


def render(settings: Settings, message: Message) -> tuple[str, str]:
    """The message in bokmål: the reminders, then the escalations, by organisation."""
    sections: list[Section] = []
    for kind in ("reminder", "escalation"):
        by_org: dict[tuple[str, str], list[Item]] = defaultdict(list)
        for i in message.items:
            if i.kind == kind:
                by_org[(i.orgnr, i.organisation)].append(i)
        for (orgnr, name), items in by_org.items():
            for order, lines in ((False, [i for i in items if i.due_on]),
                                 (True, [i for i in items if not i.due_on])):
                if lines:
                    sections.append(Section(
                        "order" if order else kind, name,
                        (links.nhn if order else links.checklist)(settings, orgnr),
                        lines[0].organiser,
                        [Line(i.title, i.due_on, i.reminders_before, i.last) for i in lines]))
    return text(message.recipient.name, sections, message.signed_by, message.digest,
                links.home(settings))


def send(work: Work, notices: list[Notice], *,
         digests: bool = True) -> tuple[set[str], dict[str, str]]:
    """Queue the day's messages (with the coordinators' digests); returns the subjects
    (item:<id>) sent about, and those whose message failed (done only when queued)."""
    today = work.clock.today()
    with work.reading() as session:
        messages = compose(session, work.settings, notices,
                           digest.recipients(session, today) if digests else None)
    sent: set[str] = set()
    failed: dict[str, str] = {}
    for message in messages:
        try:
            sent |= _send_one(work, message, today)
        except AvtaleflytError as exc:
            failed.update({s: str(exc) for i in message.items for s in i.subjects})
    return sent, failed


def _send_one(work: Work, message: Message, today: date) -> set[str]:
    """Queue one person's message of the day, a `FollowUpNotice` per subject still owed."""
    with work.transaction() as session:
        still = still_open(session, [s for i in message.items for s in i.subjects])
        message.items = [i for i in message.items if set(i.subjects) & still]
        if not message.items and message.digest is None:
            return set()
        key = message.key(today)
        if not queue.mail_to(work, session, key, message.recipient,
                             render(work.settings, message)):
            return set()  # this person had their message today (another run at once)
        sent: set[str] = set()
        for line in message.items:
            for subject in (s for s in line.subjects if s in still):
                session.add(FollowUpNotice(
                    message_key=queue.bounded(key), subject=subject, kind=line.kind,
                    day=today, number=line.reminders_before + (line.kind == "reminder"),
                    recipient=message.recipient.email))
                sent.add(subject)
    return sent
