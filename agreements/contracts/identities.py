"""Who signed: the certificate of a new signature must name the signatory who was asked
(`signing.identity.same_person`), be the certificate that contact signed with before (the
same issuer and serialNumber: the same person at that issuer), and not be one that another
signer of the same agreement used.

A coordinator may accept a certificate naming someone else, or another certificate of the
signatory's, with a reason (a deputy with authority, a new e-ID): the reason is kept with the
check, audited and printed on the signeringsbekreftelse. One certificate never counts for
two signers of one agreement, whatever the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlmodel import Session, col, select

from agreements.core.models import Contact, Signature, SignatureCheck
from agreements.errorcodes import Code
from agreements.errors import InvalidInput
from agreements.signing.identity import CertIdentity, same_person


@dataclass(frozen=True)
class Used:
    """A certificate on record: whose signature it made, and what identifies it."""

    signer: str
    key: tuple[str, str]
    sha256: str
    shown: str


@dataclass(frozen=True)
class Known:
    """What the records say before a signature is recorded."""

    expected: str  # the signatory's name
    remembered: Used | None = None  # the certificate this contact signed with last
    others: tuple[Used, ...] = ()  # the other signers' certificates on this agreement


class Certified(Protocol):
    """A signature's certificate as checked or as recorded (`checks.Checked`, a
    `SignatureCheck`)."""

    @property
    def certificate_issuer(self) -> str | None: ...
    @property
    def certificate_serial(self) -> str | None: ...
    @property
    def certificate_sha256(self) -> str | None: ...


def certificate_key(check: Certified) -> tuple[str, str]:
    """What identifies a signature's certificate: the issuer and the serialNumber (the same
    person at that issuer), or the certificate's SHA-256 when it has no serialNumber."""
    return (check.certificate_issuer or "",
            check.certificate_serial or f"sha256:{check.certificate_sha256}")


def _used(check: SignatureCheck, signer: str) -> Used:
    shown = f"{check.signer_name} ({check.certificate_serial or 'no serialNumber'}, " \
            f"{check.certificate_issuer})"
    return Used(signer, certificate_key(check), check.certificate_sha256 or "", shown)


def known(session: Session, signature: Signature, contact: Contact,
          lasts: dict[int, SignatureCheck | None] | None = None) -> Known:
    """The signatory's name, the certificate the contact signed with last, and the
    certificates of the agreement's other signatures; `lasts`: each contact's last check as
    read before in the same reading session (an RHF's leader signs a whole batch)."""
    with_certificate = col(SignatureCheck.certificate_sha256).is_not(None)
    lasts = {} if lasts is None else lasts
    if contact.id not in lasts:
        lasts[contact.id or 0] = last_check(session, contact)
    last = lasts[contact.id or 0]
    others = session.exec(
        select(SignatureCheck, Contact)
        .join(Signature, col(SignatureCheck.signature_id) == Signature.id)
        .join(Contact, col(Contact.id) == Signature.contact_id)
        .where(Signature.agreement_id == signature.agreement_id,
               Signature.id != signature.id, with_certificate)).all()
    return Known(contact.name, _used(last, contact.name) if last else None,
                 tuple(_used(c, who.name) for c, who in others))


def last_check(session: Session, contact: Contact) -> SignatureCheck | None:
    """The check of the certificate the contact signed with last."""
    with_certificate = col(SignatureCheck.certificate_sha256).is_not(None)
    return session.exec(
        select(SignatureCheck).join(Signature, col(SignatureCheck.signature_id) == Signature.id)
        .where(Signature.contact_id == contact.id, with_certificate)
        .order_by(col(SignatureCheck.checked_at).desc(), col(SignatureCheck.id).desc())
        .limit(1)).first()  # one row read, not every check of a contact who signs hundreds


def _shown(found: CertIdentity) -> str:
    return f"{found.name} ({found.serial_number or 'no serialNumber'}, {found.issuer})"


def judge(who: Known, found: CertIdentity, accept: str | None) -> str | None:
    """None when `found` is the person expected; the coordinator's reason when it is not but
    `accept` gives one; refused otherwise, naming both."""
    for other in who.others:
        if found.key == other.key or found.sha256 == other.sha256:
            raise InvalidInput(Code.SIGNATURE_CERTIFICATE_REUSED, found=found.name,
                               other=other.signer)
    if not same_person(who.expected, found.name):
        refusal = InvalidInput(Code.SIGNATURE_WRONG_SIGNER, found=found.name,
                               expected=who.expected)
    elif who.remembered is not None and found.key != who.remembered.key:
        refusal = InvalidInput(Code.SIGNATURE_OTHER_CERTIFICATE, expected=who.expected,
                               found=_shown(found), remembered=who.remembered.shown)
    else:
        return None
    if accept and accept.strip():
        return accept.strip()
    raise refusal
