"""One agreement: its documents, each signer's status; hand in a signed copy (checked like
`agreement sign`); and, for the organiser's coordinator, send it or withdraw it, terminate it
or ask for its renewal."""

from __future__ import annotations

from fastapi import APIRouter, Depends, File, Form, HTTPException, UploadFile
from fastapi.responses import Response
from sqlmodel import Session

import portal.forms as forms
from agreements import commands as c
from agreements.access import rules
from agreements.access.actors import Person
from agreements.access.policy import offered
from agreements.core.bounded import ID_MAX
from agreements.core.models import Agreement, Document
from agreements.documents import uploads
from agreements.errors import AvtaleflytError
from agreements.reporting import details, overview
from agreements.reporting.waiting import Signer
from agreements.signing import wording
from portal.routes_checklist import download
from portal.web import Ctx, back, csrf_checked, failed, page, run, signed_in

router = APIRouter(prefix="/avtale/{agreement_id}")
POSTED = [Depends(csrf_checked)]


def _agreement(cx: Ctx, agreement_id: int) -> tuple[Agreement, rules.Access]:
    """The agreement when the person sees it (and how far it reaches its organisation)."""
    assert cx.who is not None
    if not 0 < agreement_id <= ID_MAX:  # no such row can exist: the database's range
        raise HTTPException(status_code=404)
    with cx.app.reading() as session:
        found = session.get(Agreement, agreement_id)
        if found is None or not rules.sees_agreement(session, cx.who, found):
            raise HTTPException(status_code=404)
        return found, rules.access(session, cx.who, rules.agreement_org(session, found))


def _page(cx: Ctx, agreement_id: int, status: int = 200, **shown: object) -> Response:
    assert cx.who is not None
    found, level = _agreement(cx, agreement_id)
    with cx.app.reading() as session:
        shown_agreement = details.agreement(session, agreement_id)
        org = rules.agreement_org(session, found)
        signers = _recordable(session, cx.who, found)
        e_signed = rules.e_signed(session, found)
    job = shown_agreement["signing_job"]
    stopped = (wording.attention(job["attention"]) if job and job["attention"]
               and shown_agreement["status"] in ("sent", "partially_signed") else None)
    return page(cx, "agreement.html", status, agreement=shown_agreement, org=org, level=level,
                signers=signers[0], recordable=signers[1], e_signed=e_signed, stopped=stopped,
                **shown)


def _recordable(session: Session, who: Person, found: Agreement
                ) -> tuple[list[Signer], list[Signer]]:
    """Every signer of the agreement, and those whose signed copy `who` may hand in."""
    signers = overview.signers_of(session, [found.id or 0]).get(found.id or 0, [])
    mine = {s.position for s in rules.recordable(session, who, found)}
    return signers, [s for s in signers if s.position in mine]


@router.get("")
def agreement_page(agreement_id: int, cx: Ctx = Depends(signed_in)) -> Response:
    return _page(cx, agreement_id)


@router.get("/dokument/{kind}")
def agreement_document(agreement_id: int, kind: str, cx: Ctx = Depends(signed_in)
                       ) -> Response:
    found, _ = _agreement(cx, agreement_id)
    doc_id = {"pdf": found.pdf_id, "docx": found.docx_id,
              "attest": found.certificate_pdf_id or found.certificate_id}.get(kind)
    with cx.app.reading() as session:
        doc = session.get(Document, doc_id) if doc_id else None
    if doc is None:
        raise HTTPException(status_code=404)
    return download(cx, doc, doc.path.rsplit("/", 1)[-1])


@router.post("/signatur", dependencies=POSTED)
def record_signature(agreement_id: int, signer: str = Form(""), papir: str = Form(""),
                     papir_grunn: str = Form(""), godta_signatar: str = Form(""),
                     fil: UploadFile | None = File(None),
                     cx: Ctx = Depends(signed_in)) -> Response:
    assert cx.who is not None
    found, level = _agreement(cx, agreement_id)
    with cx.app.reading() as session:
        emails = {s.email: s.name for s in _recordable(session, cx.who, found)[1]}
    if not emails:
        raise HTTPException(status_code=404)
    try:
        email = forms.choice(signer, "signer", emails)
        received = forms.read_upload(fil, "fil", cx.app.settings.max_signed_file_bytes,
                                     forms.SIGNED_COPY)
        assert received is not None
        # A scan of a paper signature, or a certificate naming someone else: only the
        # organiser's coordinator, saying why.
        paper = accept = None
        if level >= rules.Access.COORDINATOR:
            if papir:
                paper = forms.text(papir_grunn, "papir_grunn",
                                   "hvorfor kopien er signert på papir", max_length=2000)
            accept = forms.text(godta_signatar, "godta_signatar", "hvorfor sertifikatet godtas",
                                max_length=2000, required=False)
        with uploads.staged(cx.app, received.filename, received.data,
                            what="signed copy") as staged:
            run(cx, c.RecordSignature, agreement_id=agreement_id,
                signer_email=email, signed_copy=staged, unverified_reason=paper,
                accept_signer=accept)
    except (forms.FormError, AvtaleflytError) as exc:
        return _page(cx, agreement_id, 400, **failed(exc))
    return back(f"/avtale/{agreement_id}", "signatur")


@router.post("/send", dependencies=POSTED)
def send(agreement_id: int, cx: Ctx = Depends(signed_in)) -> Response:
    _, level = _agreement(cx, agreement_id)
    if not offered(c.SendAgreement, level):
        raise HTTPException(status_code=404)
    try:
        run(cx, c.SendAgreement, agreement_id=agreement_id)
    except AvtaleflytError as exc:
        return _page(cx, agreement_id, 400, **failed(exc))
    return back(f"/avtale/{agreement_id}", "sendt")


@router.post("/trekk-tilbake", dependencies=POSTED)
def withdraw(agreement_id: int, grunn: str = Form(""), cx: Ctx = Depends(signed_in)
             ) -> Response:
    _, level = _agreement(cx, agreement_id)
    if not offered(c.WithdrawAgreement, level):
        raise HTTPException(status_code=404)
    try:
        reason = forms.text(grunn, "grunn", "en begrunnelse", max_length=2000)
        run(cx, c.WithdrawAgreement, agreement_id=agreement_id,
            reason=reason)
    except (forms.FormError, AvtaleflytError) as exc:
        return _page(cx, agreement_id, 400, **failed(exc))
    return back(f"/avtale/{agreement_id}", "trukket")


@router.post("/si-opp", dependencies=POSTED)
def terminate(agreement_id: int, grunn: str = Form(""), fra: str = Form(""),
              cx: Ctx = Depends(signed_in)) -> Response:
    """The organiser's coordinator ends an agreement in force (from today, or a given day)."""
    _, level = _agreement(cx, agreement_id)
    if not offered(c.TerminateAgreement, level):
        raise HTTPException(status_code=404)
    try:
        reason = forms.text(grunn, "grunn", "en begrunnelse", max_length=2000)
        day = forms.day(fra, "fra", "datoen avtalen opphører fra")
        run(cx, c.TerminateAgreement, agreement_id=agreement_id, reason=reason, on=day)
    except (forms.FormError, AvtaleflytError) as exc:
        return _page(cx, agreement_id, 400, **failed(exc))
    return back(f"/avtale/{agreement_id}", "sagt-opp")


@router.post("/forny", dependencies=POSTED)
def renew(agreement_id: int, cx: Ctx = Depends(signed_in)) -> Response:
    """The organiser's coordinator asks for a renewal draft of the organisation's agreement."""
    agreement, level = _agreement(cx, agreement_id)
    if not offered(c.RenewAgreement, level):
        raise HTTPException(status_code=404)
    with cx.app.reading() as session:
        orgnr = rules.agreement_org(session, agreement).orgnr
    try:
        outcome = run(cx, c.RenewAgreement, orgnr=orgnr)
    except AvtaleflytError as exc:
        return _page(cx, agreement_id, 400, **failed(exc))
    return back(f"/avtale/{outcome.agreement_id or agreement_id}", "fornyelse")
