"""The weekly rollout report by e-mail to each organiser's coordinators (KS, the RHF): their
own organiser's counts from the report, and a link to the report's files in the portal, where
they sign in to download them (the workbook holds every organiser's sheet, so it is not
attached). One message per organiser, coordinator and ISO week, through the outbox: a report
run twice in a week, or a run that died and was run again, mails nobody twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlmodel import col, select

from agreements.core.calendar import norsk_dato
from agreements.core.enums import ContactRole
from agreements.core.models import Contact, Organisation
from agreements.messages import SIGN_OFF
from agreements.outbox import queue
from agreements.reporting.rollout import COUNTS, PHASES_NB, Line, Report

if TYPE_CHECKING:
    from agreements.core.ports import Work


def key(report: Report, orgnr: str, email: str) -> str:
    """`weekly-report:2026-W50:971032146:kari@ks.no`: once a week per organiser and person."""
    year, week, _ = report.today.isocalendar()
    return f"weekly-report:{year}-W{week:02d}:{orgnr}:{email}"


def body(report: Report, line: Line, name: str, link: str) -> tuple[str, str]:
    """The subject and text of one coordinator's e-mail, in bokmål."""
    week = report.today.isocalendar()[1]
    values = line.as_dict()
    phases = ", ".join(f"{label.lower()} {values[label]}" for label in PHASES_NB.values())
    counts = "\n".join(f"- {label}: {values[label]}" for label in COUNTS)
    since = (f" Endringer siden {norsk_dato(report.compared_with)} står på arket «Endringer "
             f"siste uke»." if report.compared_with else "")
    return (f"Innføringsrapport uke {week}: {line.name}",
            f"Hei {name},\n\nHer er ukens innføringsrapport for Pasientens journaldokumenter, "
            f"per {norsk_dato(report.today)}, for virksomhetene {line.name} er organisator "
            f"for.\n\n{values['Totalt']} deltakelser: {phases}.\n{counts}\n\n"
            f"Hele rapporten (regneark med et ark per organisator, CSV og graf) laster du ned "
            f"i portalen etter innlogging:{since}\n{link}{SIGN_OFF}")


def mail_organisers(work: Work, report: Report, link: str) -> list[str]:
    """Queue the week's e-mail to each coordinator of each organiser in the report; the keys
    this call queued (one already queued this week is not queued again)."""
    lines = {x.key: x for x in report.summary if x.group == "organiser" and x.key != "-"}
    queued: list[str] = []
    with work.transaction() as session:
        rows = session.exec(select(Organisation.orgnr, Contact).join(
            Contact, col(Contact.organisation_id) == Organisation.id).where(
            col(Organisation.orgnr).in_(list(lines)), Contact.role == ContactRole.COORDINATOR,
            col(Contact.removed_at).is_(None)).order_by(col(Contact.id)))
        for orgnr, contact in rows:
            message = key(report, orgnr, contact.email)
            if queue.mail_to(work, session, message, contact,
                             body(report, lines[orgnr], contact.name, link)):
                queued.append(message)
    return queued
