"""Organisations and their contacts: register, add or change a contact, the details NHN needs."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import AfterValidator, Field

from agreements.access import policy, sessions
from agreements.access.policy import Rule
from agreements.commands.base import (
    Command,
    Email,
    Line,
    OptionalLine,
    OptionalText,
    Orgnr,
    Outcome,
)
from agreements.core.enums import ContactRole
from agreements.registry import confirm, contacts, details, reroute
from agreements.registry.register import Registration, register

if TYPE_CHECKING:
    from agreements.app import App

class RegisterOrganisation(Command, Registration):
    """Register an organisation as kilde, konsument or both (or re-register it: nothing is
    duplicated), routed to its collaboration area and organiser."""

    action: ClassVar[str] = "register-organisation"
    rule: ClassVar[Rule] = policy.OPERATOR


class SaveContact(Command):
    """Add a contact to an organisation (the organisers too), or change its name and title."""

    action: ClassVar[str] = "save-contact"
    rule: ClassVar[Rule] = policy.CONTACTS

    orgnr: Orgnr
    name: Line = Field(title="Name", min_length=1, max_length=200)
    email: Email
    role: Literal["signatory", "coordinator", "privacy", "it"] = Field(
        title="Role", description="signatory, coordinator (PJD lead), privacy "
                                  "(personvernombud) or it")
    title: OptionalLine = Field(None, title="Title", max_length=200,
                              description="e.g. kommunedirektør; shown in the agreement")


class RemoveContact(Command):
    """Remove a contact (someone who left, a wrong address): it then reaches nothing in the
    portal and is asked for nothing. A signer of an agreement stays on record."""

    action: ClassVar[str] = "remove-contact"
    rule: ClassVar[Rule] = policy.CONTACTS

    orgnr: Orgnr
    email: Email
    role: Literal["signatory", "coordinator", "privacy", "it"] = Field(
        title="Role", description="the role to remove the person from")


HER_ID_MAX = 2_147_483_647  # NHN's address register keeps a HerId as an xs:int


def _her_id(value: str | None) -> str | None:
    """A HER-id as the address register has it: a whole number, in ASCII digits (the
    register's CommunicationParty service types `HerId` as xs:int, so at most 10 digits)."""
    if value is None:
        return None
    if not (value.isascii() and value.isdigit()) or not 0 < int(value[:11]) <= HER_ID_MAX:
        raise ValueError("a HER-id is a whole number of at most 10 digits 0-9, as in the "
                         "address register")
    return value


HerId = Annotated[str | None, AfterValidator(_her_id)]


class UpdateOrganisation(Command):
    """Record the organisation's HER-id and EPJ details, which go into the NHN order, and the
    day its EPJ vendor expects the integration ready (the integration item waits for it)."""

    action: ClassVar[str] = "update-organisation"
    rule: ClassVar[Rule] = policy.MEMBERS

    orgnr: Orgnr
    her_id: HerId = Field(None, title="HER-id", max_length=10,
                          description="The organisation's id in NHN's address register "
                                      "(digits only)")
    epj_system: OptionalLine = Field(None, title="EPJ system", max_length=200)
    epj_vendor: OptionalLine = Field(None, title="EPJ vendor", max_length=200)
    epj_vendor_ready_on: date | None = Field(
        None, title="EPJ vendor ready",
        description="the day the EPJ vendor expects the integration ready to test in NHN's "
                    "test environment (the integration item is due some working days after)")


class RouteOrganisation(Command):
    """Correct an avtalespesialist's organiser: the RHF that holds the rammeavtale with Den
    norske legeforening for its practice. The new one is a proposal until its coordinator
    confirms it. Unsent drafts are made again for the new organiser; a signed agreement
    needs force and a reason."""

    action: ClassVar[str] = "route-organisation"
    rule: ClassVar[Rule] = policy.OPERATOR

    orgnr: Orgnr
    region: Literal["helse-sor-ost", "helse-vest", "helse-midt-norge", "helse-nord"] = Field(
        title="RHF area", description="the RHF that holds the rammeavtale for the practice")
    force: bool = Field(False, title="Force",
                        description="move it although an agreement is out or signed")
    reason: OptionalText = Field(None, title="Reason", max_length=2000,
                                 description="why (needed with force; audited)")


class ConfirmOrganiser(Command):
    """The RHF's coordinator confirms that the RHF proposed for an avtalespesialist (from
    its address) holds the rammeavtale for its practice; its agreement can then be sent."""

    action: ClassVar[str] = "confirm-organiser"
    rule: ClassVar[Rule] = policy.COORDINATORS

    orgnr: Orgnr


def register_organisation(app: App, cmd: RegisterOrganisation) -> Outcome:
    result = register(app, cmd)
    return Outcome(orgnr=result.orgnr,
                   message=f"{result.orgnr} " + ("registered" if result.created
                                                 else "already registered"))


def save_contact(app: App, cmd: SaveContact) -> Outcome:
    spec = contacts.ContactSpec(cmd.name, cmd.email, ContactRole(cmd.role), cmd.title)
    saved = contacts.save(app, cmd.orgnr, spec)
    return Outcome(orgnr=saved.orgnr,
                   message=f"{saved.navn} ({saved.orgnr}): {saved.role} {saved.name} "
                           f"<{saved.email}>" + ("" if saved.changed else " (unchanged)"))


def update_organisation(app: App, cmd: UpdateOrganisation) -> Outcome:
    changed = details.update(app, cmd.orgnr, {"her_id": cmd.her_id,
                                              "epj_system": cmd.epj_system,
                                              "epj_vendor": cmd.epj_vendor,
                                              "epj_vendor_ready_on": cmd.epj_vendor_ready_on})
    return Outcome(orgnr=cmd.orgnr,
                   message=("updated " + ", ".join(sorted(changed))) if changed
                   else "nothing changed")


def route_organisation(app: App, cmd: RouteOrganisation) -> Outcome:
    moved = reroute.reroute(app, cmd.orgnr, cmd.region, force=cmd.force, reason=cmd.reason)
    if not moved.changed:
        return Outcome(orgnr=moved.orgnr,
                       message=f"{moved.navn} ({moved.orgnr}) is already in {moved.after}")
    notes = [f"draft #{old} superseded by #{new}" for old, new in moved.regenerated]
    if moved.kept:
        notes.append(f"{moved.kept} stays as it is")
    return Outcome(orgnr=moved.orgnr,
                   agreement_id=moved.regenerated[-1][1] if moved.regenerated else None,
                   message=f"{moved.navn} ({moved.orgnr}): {moved.before} -> {moved.after}"
                           + (f"; {'; '.join(notes)}" if notes else ""))


def confirm_organiser(app: App, cmd: ConfirmOrganiser) -> Outcome:
    org, area, now = confirm.confirm(app, cmd.orgnr)
    return Outcome(orgnr=org.orgnr, message=f"{org.navn} ({org.orgnr}): organiser {area.name} "
                                            + ("confirmed" if now else "was confirmed before"))


def remove_contact(app: App, cmd: RemoveContact) -> Outcome:
    """Remove the contact, and end the address's portal sessions: every copy of its cookie
    stops working at once (it signs in again for what it still reaches)."""
    message = contacts.remove(app, cmd.orgnr, cmd.email, ContactRole(cmd.role))
    with app.transaction() as session:
        sessions.end_all(session, cmd.email, app.clock.now())
    return Outcome(orgnr=cmd.orgnr, message=message)
