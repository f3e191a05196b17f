"""The readiness checklist: hand in evidence (a file, a link, or a confirmation), download it,
and (the organiser's coordinator) review it: accept, or send back with a reason."""

from __future__ import annotations

import contextlib
from pathlib import PurePath

from fastapi import APIRouter, Depends, File, Form, HTTPException, UploadFile
from fastapi.responses import Response

import portal.forms as forms
from agreements import commands as c
from agreements.access import rules
from agreements.core.bounded import ID_MAX
from agreements.core.models import ChecklistItem, Document, Organisation, Participation
from agreements.documents import store, uploads
from agreements.errors import AvtaleflytError
from agreements.reference import DOCUMENT_TYPES_ITEM
from agreements.reporting import items, plain
from portal.web import Ctx, back, csrf_checked, failed, organisation, page, run, signed_in

router = APIRouter(prefix="/virksomhet/{orgnr}/sjekkliste")
POSTED = [Depends(csrf_checked)]


def _page(cx: Ctx, org: Organisation, level: rules.Access, status: int = 200,
          **shown: object) -> Response:
    today = cx.app.clock.today()
    with cx.app.reading() as session:
        lists = [(s, items.checklist(session, s.participation_id, today))
                 for s in plain.standing(
                     session, org, today,
                     after_agreement=cx.app.settings.order_after_agreement)]
    return page(cx, "checklist.html", status, org=org, level=level, lists=lists,
                **{"item_id": None, **shown})


def _item(cx: Ctx, org: Organisation, item_id: int) -> tuple[ChecklistItem, str]:
    """The item and its participation's role, when it belongs to this organisation."""
    if not 0 < item_id <= ID_MAX:  # no such row can exist: the database's range
        raise HTTPException(status_code=404)
    with cx.app.reading() as session:
        item = session.get(ChecklistItem, item_id)
        part = session.get(Participation, item.participation_id) if item else None
    if item is None or part is None or part.organisation_id != org.id:
        raise HTTPException(status_code=404)
    return item, part.role


@router.get("")
def checklist_page(orgnr: str, cx: Ctx = Depends(signed_in)) -> Response:
    org, level = organisation(cx, orgnr)
    return _page(cx, org, level)


@router.post("/{item_id}", dependencies=POSTED)
def hand_in(orgnr: str, item_id: int, lenke: str = Form(""), bekreftet_av: str = Form(""),
            dokumenttyper: str = Form(""), fil: UploadFile | None = File(None),
            cx: Ctx = Depends(signed_in)) -> Response:
    org, level = organisation(cx, orgnr, c.CompleteItem)
    item, role = _item(cx, org, item_id)
    limit = cx.app.settings.max_signed_file_bytes
    try:
        received = forms.read_upload(fil, "fil", limit, forms.EVIDENCE, required=False)
        url = forms.link(lenke, "lenke")
        by = forms.text(bekreftet_av, "bekreftet_av", "hvem som bekrefter", required=False)
        if received is None and url is None and by is None:
            raise forms.FormError("fil", "Last opp en fil, gi en lenke eller skriv hvem som "
                                         "bekrefter at punktet er utført.")
        types = [line.strip() for line in dokumenttyper.splitlines() if line.strip()]
        if item.process_key == DOCUMENT_TYPES_ITEM and not types:
            raise forms.FormError("dokumenttyper", "Skriv hvilke dokumenttyper dere har valgt, "
                                                   "én per linje.")
        with contextlib.ExitStack() as stack:  # a refused file is not kept
            staged = (stack.enter_context(uploads.staged(
                cx.app, received.filename, received.data, what="evidence"))
                      if received else None)
            run(cx, c.CompleteItem, orgnr=org.orgnr,
                item=item.process_key, evidence_url=url, evidence_file=staged,
                by=by or (cx.who.name if cx.who else None), role=role, document_types=types)
    except (forms.FormError, AvtaleflytError) as exc:
        return _page(cx, org, level, 400, item_id=item_id, **failed(exc))
    return back(f"/virksomhet/{org.orgnr}/sjekkliste", "levert")


@router.post("/{item_id}/vurdering", dependencies=POSTED)
def review(orgnr: str, item_id: int, vurdering: str = Form(""), grunn: str = Form(""),
           cx: Ctx = Depends(signed_in)) -> Response:
    org, level = organisation(cx, orgnr, c.ReviewItem)
    item, role = _item(cx, org, item_id)
    try:
        decision = forms.choice(vurdering, "vurdering", {"accept": "", "send_back": ""})
        reason = forms.text(grunn, "grunn", "en begrunnelse", max_length=2000,
                            required=decision == "send_back")
        run(cx, c.ReviewItem, orgnr=org.orgnr, item=item.process_key,
            decision=decision, reason=reason, role=role)
    except (forms.FormError, AvtaleflytError) as exc:
        return _page(cx, org, level, 400, item_id=item_id, **failed(exc))
    return back(f"/virksomhet/{org.orgnr}/sjekkliste",
                "godkjent" if decision == "accept" else "sendt-tilbake")


@router.post("/{item_id}/frafall", dependencies=POSTED)
def waive(orgnr: str, item_id: int, frafall_grunn: str = Form(""),
          cx: Ctx = Depends(signed_in)) -> Response:
    """Waive an item with a reason: a mandatory one only the organiser's coordinator (the
    command's access rule and use case decide; the person signed in is who decided)."""
    org, level = organisation(cx, orgnr, c.WaiveItem)
    item, role = _item(cx, org, item_id)
    try:
        reason = forms.text(frafall_grunn, "frafall_grunn", "en begrunnelse", max_length=2000,
                            required=True)
        run(cx, c.WaiveItem, orgnr=org.orgnr, item=item.process_key, reason=reason, role=role)
    except (forms.FormError, AvtaleflytError) as exc:
        return _page(cx, org, level, 400, item_id=item_id, **failed(exc))
    return back(f"/virksomhet/{org.orgnr}/sjekkliste", "frafalt")


@router.get("/{item_id}/dokumentasjon")
def evidence(orgnr: str, item_id: int, cx: Ctx = Depends(signed_in)) -> Response:
    """The evidence file, always as a download (never shown inline in the portal's origin)."""
    org, _ = organisation(cx, orgnr)
    item, _ = _item(cx, org, item_id)
    with cx.app.reading() as session:
        doc = session.get(Document, item.evidence_id) if item.evidence_id else None
    if doc is None:
        raise HTTPException(status_code=404)
    return download(cx, doc, f"{item.process_key}{PurePath(doc.path).suffix}")


def download(cx: Ctx, doc: Document, name: str) -> Response:
    data = cx.app.documents.read(doc)
    return Response(data, media_type=doc.media_type, headers={
        "content-disposition": f'attachment; filename="{store.safe_name(name)}"'})
