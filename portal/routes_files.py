"""Files for and from runs in the Prefect UI, for an organiser's coordinator: upload a file
a run needs (a signed copy, evidence, a CSV of organisations), which the run forms then offer
by its code («Filer til kjøringer»); and download the rollout reports the runs kept in the
document store («Rapporter»)."""

from __future__ import annotations

from pathlib import PurePath

from fastapi import APIRouter, Depends, File, Form, HTTPException, UploadFile
from fastapi.responses import Response

import portal.forms as forms
from agreements import commands as c
from agreements.core.bounded import ID_MAX
from agreements.documents import runfiles
from agreements.documents.runfiles import Purpose
from agreements.errors import AvtaleflytError
from portal.routes_checklist import download
from portal.web import Ctx, csrf_checked, failed, page, run, signed_in

router = APIRouter()
POSTED = [Depends(csrf_checked)]
# which types of content each purpose takes (judged from the content)
ALLOWED = {Purpose.SIGNED_COPY: forms.SIGNED_COPY, Purpose.EVIDENCE: forms.EVIDENCE,
           Purpose.ORGANISATIONS: forms.TEXT}


def organiser(cx: Ctx = Depends(signed_in)) -> Ctx:
    """A coordinator of an organiser (of one of its areas); anyone else: 404."""
    if cx.who is None or not cx.who.area_ids:
        raise HTTPException(status_code=404)
    return cx


def _files_page(cx: Ctx, status: int = 200, **shown: object) -> Response:
    return page(cx, "files.html", status, files=runfiles.recent(cx.app),
                purposes=runfiles.WORDS, **{"staged": None, "chosen": "", **shown})


@router.get("/filer")
def files_page(cx: Ctx = Depends(organiser)) -> Response:
    return _files_page(cx)


@router.post("/filer", dependencies=POSTED)
def upload(formaal: str = Form(""), fil: UploadFile | None = File(None),
           cx: Ctx = Depends(organiser)) -> Response:
    try:
        purpose = Purpose(forms.choice(formaal, "formaal", runfiles.WORDS))
        received = forms.read_upload(fil, "fil", cx.app.settings.max_signed_file_bytes,
                                     ALLOWED[purpose])
        assert received is not None
        staged = run(cx, c.StageRunFile, purpose=purpose, filename=received.filename,
                     data=received.data)
    except (forms.FormError, AvtaleflytError) as exc:
        return _files_page(cx, 400, chosen=formaal, **failed(exc))
    return _files_page(cx, staged=staged, chosen=purpose.value)


@router.get("/rapporter")
def reports_page(cx: Ctx = Depends(organiser)) -> Response:
    return page(cx, "reports.html", reports=runfiles.reports(cx.app))


@router.get("/rapporter/{document_id}")
def report_file(document_id: int, cx: Ctx = Depends(organiser)) -> Response:
    """One file of a rollout report, always as a download."""
    found = runfiles.report(cx.app, document_id) if 0 < document_id <= ID_MAX else None
    if found is None:
        raise HTTPException(status_code=404)
    return download(cx, found, PurePath(found.path).name)
