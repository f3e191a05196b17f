"""The follow-up's actions on an agreement's term: it takes effect on its start day, the
parties are warned before it expires, a renewal draft is made for the organiser to check and
send, and it expires. Each looks again at the agreement under its lock before it acts."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from sqlmodel import col, select

from agreements import links, messages
from agreements.contracts import completion, drafts, term_text
from agreements.contracts import term as ends
from agreements.contracts.drafts import number_of
from agreements.contracts.parties import coordinators, notify_list, parties_of, signer_for
from agreements.core.calendar import norsk_dato
from agreements.core.db import locked
from agreements.core.enums import AgreementStatus as A
from agreements.core.models import Agreement
from agreements.followup.actions import Activate, Expire, ExpiryWarning, RenewalDraft
from agreements.outbox import queue

if TYPE_CHECKING:
    from agreements.core.ports import Work
    from agreements.documents.pdf import Converts


def expiry_warning(work: Work, action: ExpiryWarning) -> bool:
    """Warn both parties with the real number of days left, saying where the renewal stands
    and what is still to be done (nothing is sent or signed by itself)."""
    today = work.clock.today()
    with work.transaction() as session:
        agreement = locked(session, Agreement, action.agreement_id)
        assert agreement is not None and agreement.expires_on and action.key
        if agreement.status != A.ACTIVE:
            return False  # superseded or ended since the plan was made
        p = parties_of(session, agreement.participation_id)
        renewal = session.exec(select(Agreement).where(
            Agreement.supersedes_id == agreement.id,
            Agreement.status != A.SUPERSEDED.value).order_by(col(Agreement.id).desc())).first()
        drafted_on = agreement.expires_on - timedelta(days=work.settings.renewal_draft_days)
        state = term_text.renewal_state(
            organisator=p.organiser.navn, nummer=number_of(p, renewal) if renewal else None,
            status=renewal.status if renewal else None,
            fra_dato=norsk_dato(renewal.effective_on) if renewal and renewal.effective_on
            else None, utkast_dato=norsk_dato(drafted_on) if drafted_on > today else None)
        recipients = notify_list(session, p.org, p.organiser)
        queued = [queue.mail_to(
            work, session, f"{action.key}:{to.email}", to, term_text.expiry_warning(
                navn=to.name, nummer=number_of(p, agreement),
                utloper=norsk_dato(agreement.expires_on),
                dager=(agreement.expires_on - today).days, organisator=p.organiser.navn,
                fornyelse=state, fra=signer_for(session, p, to))) for to in recipients]
    return any(queued) or not recipients


def renewal_draft(work: Converts, action: RenewalDraft) -> bool:
    pid = action.participation_id
    (created,) = drafts.create_agreements(work, [pid], renewal_of={pid: action.agreement_id})
    if not created.created:
        return False
    with work.transaction() as session:
        new = session.get(Agreement, created.agreement_id)
        old = session.get(Agreement, action.agreement_id)
        assert new is not None and old is not None
        p = parties_of(session, pid)
        for to in coordinators(session, p.organiser):
            queue.mail_to(work, session, f"followup:renewal:{new.id}:{to.email}", to,
                          messages.renewal_drafted(
                              navn=to.name, virksomhet=p.org.navn, nummer=number_of(p, old),
                              ny=number_of(p, new), fra=None,
                              utloper=norsk_dato(old.expires_on) if old.expires_on else "-",
                              lenke=links.agreement(work.settings, new.id or 0)))
    return True


def activate(work: Work, action: Activate) -> bool:
    with work.transaction() as session:
        agreement = locked(session, Agreement, action.agreement_id)
        assert agreement is not None
        if agreement.status != A.SIGNED:
            return False  # activated by another run, or ended, since the plan
        completion.activate(work, session, agreement)
    return True


def expire(work: Work, action: Expire) -> bool:
    with work.transaction() as session:
        agreement = locked(session, Agreement, action.agreement_id)
        assert agreement is not None
        if agreement.status != A.ACTIVE:
            return False
        ends.expire(work, session, agreement)
    return True
