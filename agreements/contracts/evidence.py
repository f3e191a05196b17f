"""Each signer's own signature from the signing service: the XAdES that a status change links
to (`xades-url`) for a signer who signed: who is asked is read in the batch's transaction
(`wanted`), the XAdES fetched and verified with no transaction open (`fetching`), then judged
here.

The XAdES must be a valid signature over the PDF that was sent, by a trusted certificate that
names the signatory Posten reported (its e-mail → our contact), is the certificate that contact
used before, and is not one another signer of the agreement used (in the records, or in the
same change). What is fetched is stored with the signature when the change is recorded
(`record`), with its SHA-256 on the signeringsbekreftelse.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from agreements.contracts import checks, identities
from agreements.core.enums import SignatureStatus
from agreements.core.models import Agreement, Contact, Document, Signature, SignatureCheck
from agreements.errorcodes import Code
from agreements.signing.provider import SIGNED, SignerStatus, StatusChange

if TYPE_CHECKING:
    from sqlmodel import Session

    from agreements.signing.xadescheck import XadesCheck


@dataclass(frozen=True)
class Evidence:
    """One signer's XAdES: its bytes and check, or the codes of why it was refused."""

    signer: str  # the contact's name
    data: bytes
    check: checks.Checked | None
    problems: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Asked:
    """One signer whose XAdES is to be fetched: their signature, contact, and what the records
    say about their certificates."""

    signature_id: int
    contact: Contact
    known: identities.Known
    status: SignerStatus


@dataclass(frozen=True)
class Wanted:
    """What one change needs fetched: the XAdES of each signer it reports as signed who is
    still pending here, in signing order, and the PDF that was sent (what they signed)."""

    sent: Document
    asked: tuple[Asked, ...]


def wanted(session: Session, agreement_id: int, change: StatusChange,
           people: Sequence[tuple[Signature, Contact | None]],
           lasts: dict[int, SignatureCheck | None] | None = None) -> Wanted | None:
    """The signers of `change` whose XAdES is to be fetched (None: nobody's); `people`: the
    agreement's signatures in signing order with whom each asks (`held.signers`); `lasts`:
    as `identities.known` takes it, shared by a batch's reading session."""
    agreement = session.get(Agreement, agreement_id)
    assert agreement is not None
    sent = session.get(Document, agreement.pdf_id) if agreement.pdf_id else None
    asked = []
    for sig, contact in people:
        found = change.signer(contact.email) if contact else None
        if (contact is not None and found is not None and found.status == SIGNED
                and found.xades_url and sig.status == SignatureStatus.PENDING):
            asked.append(Asked(sig.id or 0, contact, identities.known(session, sig, contact,
                                                                      lasts),
                               found))
    return Wanted(sent, tuple(asked)) if asked and sent is not None else None


def judged(wanted: Wanted, verified: dict[int, tuple[bytes, XadesCheck]]
           ) -> dict[int, Evidence]:
    """Signature id → each asked signer's XAdES with its check: `verified` (by signature id:
    the bytes, and their verification over the PDF that was sent) judged against whom it must
    name, with a certificate no earlier signer of the same change used."""
    gathered: dict[int, Evidence] = {}
    for one in wanted.asked:
        data, outcome = verified[one.signature_id]
        earlier = tuple(identities.Used(e.signer, identities.certificate_key(e.check),
                                        e.check.certificate_sha256 or "", e.signer)
                        for e in gathered.values() if e.check)
        who = replace(one.known, others=one.known.others + earlier)
        found, problems = checks.xades_outcome(outcome, wanted.sent.sha256, who)
        gathered[one.signature_id] = Evidence(one.contact.name, data, found, problems)
    return gathered


def refusals(gathered: dict[int, Evidence]) -> list[str]:
    """What is wrong with the gathered XAdES, as codes (empty: all verified)."""
    return [code for e in gathered.values() for code in e.problems] + [
        Code.SIGNATURE_BROKEN.name for e in gathered.values() if e.check is None and
        not e.problems]
