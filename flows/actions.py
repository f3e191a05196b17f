"""Operator actions, one flow each, so a coordinator can run them from the Prefect UI.

The CLI commands call the same use cases; with PREFECT_API_URL set they run these flows
instead, so every human action also shows in the UI.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from agreements import checklist, golive, nhn, registry, signing, views
from agreements.app import parse_moment
from agreements.enums import TermsStatus
from agreements.models import Participation
from flows.common import app_for, deliver


def _participation(orgnr: str, role: str | None) -> int:
    app = app_for()
    with app.transaction() as session:
        return registry.get_participation(session, registry.get_organisation(session, orgnr),
                                          role).id or 0


@task(name="status", cache_policy=NO_CACHE)
def status(orgnr: str) -> dict[str, Any]:
    app = app_for()
    with app.transaction() as session:
        org = registry.get_organisation(session, orgnr)
        data = views.organisation_status(session, org, app.clock.today())
    lines = [f"# {data['navn']} ({data['orgnr']})", ""]
    for p in data["participations"]:
        lines.append(f"- **{p['role']}**: {p['phase']}")
        lines += [f"  - open gate: {g}" for g in p["gates"]]
    create_markdown_artifact(markdown="\n".join(lines), description=f"Status of {orgnr}")
    return data


@task(name="record-signature", cache_policy=NO_CACHE)
def _sign(agreement_id: int, signer_email: str, signed_copy_path: str,
          signed_at: str | None) -> str:
    a = signing.record_signature(app_for(), agreement_id, signer_email,
                                 Path(signed_copy_path), parse_moment(signed_at))
    return a.status


@flow(name="record-signature")
def record_signature(agreement_id: int, signer_email: str, signed_copy_path: str,
                     signed_at: str | None = None) -> str:
    """Record a signature with its signed copy (a PDF); the next signer is then asked.

    Args:
        agreement_id: The agreement's number (see `avtaleflyt agreement list`).
        signer_email: E-mail of the signatory who signed.
        signed_copy_path: Path of the signed PDF on the machine running the flow.
        signed_at: When it was signed (ISO time); empty means now.
    """
    result = _sign(agreement_id, signer_email, signed_copy_path, signed_at)
    deliver()
    return result


@task(name="record-decline", cache_policy=NO_CACHE)
def _decline(agreement_id: int, signer_email: str, reason: str) -> str:
    return signing.decline(app_for(), agreement_id, signer_email, reason).status


@flow(name="record-decline")
def record_decline(agreement_id: int, signer_email: str, reason: str) -> str:
    """Record that a signatory declined; the agreement ends and both parties are told.

    Args:
        agreement_id: The agreement's number.
        signer_email: E-mail of the signatory who declined.
        reason: Why, as the signatory gave it.
    """
    result = _decline(agreement_id, signer_email, reason)
    deliver()
    return result


@task(name="complete-checklist-item", cache_policy=NO_CACHE)
def _complete(orgnr: str, item: str, evidence: str | None, by: str | None,
              role: str | None) -> str:
    app = app_for()
    pid = _participation(orgnr, role)
    with app.transaction() as session:
        p = session.get(Participation, pid)
        assert p is not None
        done = checklist.complete(app, session, p, item, checklist.Evidence.parse(evidence), by)
        return f"{done.process_key} done by {done.done_by}"


@flow(name="complete-checklist-item")
def complete_checklist_item(orgnr: str, item: str, evidence: str | None = None,
                            by: str | None = None, role: str | None = None) -> str:
    """Tick off a checklist item with its evidence.

    Args:
        orgnr: The organisation's organisasjonsnummer.
        item: The item's key, e.g. dpia or risikovurdering (see `avtaleflyt checklist show`).
        evidence: A file path (stored with its SHA-256) or an http(s) link.
        by: Who did it or confirms it.
        role: kilde or konsument, when the organisation is both.
    """
    result = _complete(orgnr, item, evidence, by, role)
    status(orgnr)
    return result


@task(name="record-nhn-confirmation", cache_policy=NO_CACHE)
def _confirm(orgnr: str, reference: str, role: str | None) -> str:
    return nhn.decide(app_for(), _participation(orgnr, role), confirmed=True,
                      text=reference).status


@flow(name="record-nhn-confirmation")
def record_nhn_confirmation(orgnr: str, reference: str, role: str | None = None) -> str:
    """Record NHN's confirmation of the order.

    Args:
        orgnr: The organisation's organisasjonsnummer.
        reference: NHN's reference for the order.
        role: kilde or konsument, when the organisation is both.
    """
    result = _confirm(orgnr, reference, role)
    status(orgnr)
    return result


@task(name="record-terms-signed", cache_policy=NO_CACHE)
def _terms(orgnr: str, signed_at: str | None, role: str | None) -> str:
    return nhn.terms(app_for(), _participation(orgnr, role), TermsStatus.SIGNED,
                     parse_moment(signed_at)).terms_status


@flow(name="record-terms-signed")
def record_terms_signed(orgnr: str, signed_at: str | None = None,
                        role: str | None = None) -> str:
    """Record that NHN's bruksvilkår are signed.

    Args:
        orgnr: The organisation's organisasjonsnummer.
        signed_at: When (ISO time); empty means now.
        role: kilde or konsument, when the organisation is both.
    """
    result = _terms(orgnr, signed_at, role)
    status(orgnr)
    return result


@task(name="go-live", cache_policy=NO_CACHE)
def _go_live(orgnr: str, role: str | None, live_on: str | None) -> str:
    day = date.fromisoformat(live_on) if live_on else None
    p = golive.go_live(app_for(), _participation(orgnr, role), day)
    return f"live since {p.live_on}"


@flow(name="go-live")
def go_live(orgnr: str, role: str | None = None, live_on: str | None = None) -> str:
    """Mark an organisation live; refused, naming every open gate, until all are closed.

    Args:
        orgnr: The organisation's organisasjonsnummer.
        role: kilde or konsument, when the organisation is both.
        live_on: The go-live date (YYYY-MM-DD); empty means today.
    """
    result = _go_live(orgnr, role, live_on)
    status(orgnr)
    return result
