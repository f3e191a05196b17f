"""Small builders shared by the tests (not fixtures: plain functions of an App)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlmodel import func, select

from agreements.app import App
from agreements.contracts.copies import latest_copy
from agreements.contracts.drafts import number_of
from agreements.contracts.parties import parties_of
from agreements.contracts.starting import signatures
from agreements.core.enums import ContactRole
from agreements.core.models import (
    Agreement,
    AuditEvent,
    Contact,
    Document,
    Organisation,
    OutboxMessage,
    Participation,
    Signature,
    SignatureCheck,
)
from agreements.errors import AvtaleflytError
from agreements.registry import contacts
from agreements.registry.register import Registration, register
from cli.errortexts import english
from tests.posten.pades import sign_incrementally
from tests.posten.pdfs import make_pdf
from tests.posten.people import person
from tests.posten.pki import shared_pki

OSLO = "958935420"
KS = "971032146"
HELSE_NORD = "883658752"
SPECIALIST = "123456785"


def add_contact(app: App, orgnr: str, name: str, email: str, role: ContactRole) -> None:
    with app.transaction() as s:
        org = s.exec(select(Organisation).where(Organisation.orgnr == orgnr)).one()
        contacts.upsert(s, org.id or 0, contacts.ContactSpec(name, email, role))


def organisers_with_contacts(app: App) -> None:
    add_contact(app, KS, "Kim Leder", "kim@ks.no", ContactRole.SIGNATORY)
    add_contact(app, KS, "Kari Koordinator", "kari@ks.no", ContactRole.COORDINATOR)
    add_contact(app, HELSE_NORD, "Nina Nord", "nina@helse-nord.no", ContactRole.SIGNATORY)
    add_contact(app, HELSE_NORD, "Nils Koord", "nils@helse-nord.no", ContactRole.COORDINATOR)


def oslo_kilde(app: App) -> int:
    """Register Oslo kommune as kilde with contacts; returns the participation id."""
    organisers_with_contacts(app)
    result = register(app, Registration(
        orgnr=OSLO, role="kilde", signatory="Ola Ordfører <ola@oslo.kommune.no>",
        coordinator="Siri Koord <siri@oslo.kommune.no>"))
    return result.participation_ids[0]


def specialist_kilde(app: App, name: str = "Psykiater Ravna", *,
                     confirmed: bool = True) -> int:
    """An avtalespesialist in Tromsø as kilde, routed to Helse Nord RHF by its address; the
    RHF has confirmed it is the organiser unless `confirmed` is False."""
    from agreements.registry import confirm

    organisers_with_contacts(app)
    result = register(app, Registration(
        orgnr=SPECIALIST, role="kilde", kind="avtalespesialist", name=name, kommunenummer="5501",
        signatory="Ravna Spes <ravna@example.no>"))
    if confirmed:
        confirm.confirm(app, SPECIALIST)
    return result.participation_ids[0]


def participation(app: App, pid: int) -> Participation:
    with app.transaction() as s:
        found = s.get(Participation, pid)
        assert found is not None
        return found


def signed_copy(app: App, agreement_id: int, signer: str | None = None) -> bytes:
    """What a signer sends back: the copy they were sent (the sent PDF, or the copy the signer
    before them signed) with their own signature appended as an incremental update, made with
    a certificate from the test CA that names them; where only a DOCX was sent, a PDF holding
    the agreement number, signed. The signer is the next one asked, or `signer` (e-mail)."""
    with app.transaction() as s:
        agreement = s.get(Agreement, agreement_id)
        assert agreement is not None
        people = [(sig, s.get(Contact, sig.contact_id)) for sig in signatures(s, agreement_id)]
        sig, contact = next((sig, c) for sig, c in people if c is not None and (
            c.email == signer if signer else sig.status == "pending"))
        before = latest_copy(s, sig)
        sent = s.get(Document, agreement.pdf_id) if agreement.pdf_id else None
        number = number_of(parties_of(s, agreement.participation_id), agreement)
    if before is not None:
        original = app.documents.read(before[0])
    else:
        original = app.documents.read(sent) if sent else make_pdf(f"Samarbeidsavtale {number}")
    return sign_incrementally(original, person(contact.name), [shared_pki().ca.cert],
                              field=f"Signatur{sig.position}")


def sign_all(app: App, agreement_id: int) -> None:
    """Every pending signer signs, in order, by hand (a signed copy recorded)."""
    from agreements.contracts import signatures as signing

    while True:
        with app.transaction() as s:
            pending = [sig for sig in signatures(s, agreement_id) if sig.status == "pending"]
            contact = s.get(Contact, pending[0].contact_id) if pending else None
        if contact is None:
            return
        signing.record_signature(app, agreement_id, contact.email,
                                 signed_copy(app, agreement_id))


def sign_annex(app: App, pid: int) -> int | None:
    """Vedlegg 1 made (if due: the agreement out, the types recorded) and signed by both."""
    from agreements.contracts import annex

    annex.ensure(app, pid)
    with app.transaction() as s:
        found, _ = annex.current(s, pid)
    if found is not None and found.status in ("sent", "partially_signed"):
        sign_all(app, found.id or 0)
    return found.id if found else None


@contextmanager
def refused_saying(kind: type[AvtaleflytError], pattern: str) -> Iterator[None]:
    """`pytest.raises(kind, match=pattern)`, matched against what the command line says for
    the error (its English, with the flags), not the domain's own message."""
    with pytest.raises(kind) as caught:
        yield
    said = english(caught.value)
    assert re.search(pattern, said), said


def written(app: App) -> tuple[int, ...]:
    """How many documents, audit events, messages, checks and signed signatures there are."""
    with app.transaction() as s:
        rows = [s.exec(select(func.count()).select_from(m)).one()
                for m in (Document, AuditEvent, OutboxMessage, SignatureCheck)]
        signed = s.exec(select(func.count()).select_from(Signature)
                        .where(Signature.status == "signed")).one()
        return (*rows, signed)


def sent_pdf(app: App, aid: int) -> bytes:
    with app.transaction() as s:
        a = s.get(Agreement, aid)
        doc = s.get(Document, a.pdf_id if a else None)
        assert doc is not None
    return app.documents.read(doc)
