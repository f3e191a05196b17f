"""An organisation's pages: where it stands, its contacts, the NHN order and bruksvilkår, and
(for its coordinator) going live."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, HTTPException
from fastapi.responses import Response
from sqlmodel import col, select

import portal.forms as forms
from agreements import commands as c
from agreements.access import rules
from agreements.access.policy import offered
from agreements.contracts.parties import contacts_of
from agreements.core.models import Agreement, Contact, NhnOrder, Organisation, Participation
from agreements.core.orders import orders_for
from agreements.errors import AvtaleflytError
from agreements.nhn.orderer import AUTHORISED
from agreements.reporting import labels, plain
from portal.web import Ctx, back, csrf_checked, failed, organisation, page, run, signed_in

router = APIRouter(prefix="/virksomhet/{orgnr}")
POSTED = [Depends(csrf_checked)]


def _status(cx: Ctx, org: Organisation, level: rules.Access, status: int = 200,
            **shown: object) -> Response:
    with cx.app.reading() as session:
        standings = plain.standing(session, org, cx.app.clock.today(),
                                   after_agreement=cx.app.settings.order_after_agreement)
    return page(cx, "status.html", status, org=org, level=level, standings=standings, **shown)


@router.get("")
def status_page(orgnr: str, cx: Ctx = Depends(signed_in)) -> Response:
    org, level = organisation(cx, orgnr)
    return _status(cx, org, level)


@router.post("/i-drift", dependencies=POSTED)
def go_live(orgnr: str, rolle: str = Form(""), cx: Ctx = Depends(signed_in)) -> Response:
    org, level = organisation(cx, orgnr, c.GoLive)
    try:
        run(cx, c.GoLive, orgnr=org.orgnr, role=rolle or None)
    except AvtaleflytError as exc:
        return _status(cx, org, level, 400, **failed(exc))
    return back(f"/virksomhet/{org.orgnr}", "i-drift")


@router.post("/organisator", dependencies=POSTED)
def confirm_organiser(orgnr: str, cx: Ctx = Depends(signed_in)) -> Response:
    """The RHF's coordinator confirms it is the avtalespesialist's organiser."""
    org, level = organisation(cx, orgnr, c.ConfirmOrganiser)
    try:
        run(cx, c.ConfirmOrganiser, orgnr=org.orgnr)
    except AvtaleflytError as exc:
        return _status(cx, org, level, 400, **failed(exc))
    return back(f"/virksomhet/{org.orgnr}", "lagret")


@router.post("/avtale", dependencies=POSTED)
def create_agreement(orgnr: str, cx: Ctx = Depends(signed_in)) -> Response:
    """The organiser's coordinator generates the kilde's agreement (a draft, to check and send)."""
    org, level = organisation(cx, orgnr, c.CreateAgreement)
    with cx.app.reading() as session:  # a second click finds the first one
        before = set(session.exec(select(Agreement.id).join(
            Participation, col(Participation.id) == Agreement.participation_id).where(
            Participation.organisation_id == org.id)))
    try:
        outcome = run(cx, c.CreateAgreement, orgnr=org.orgnr)
    except AvtaleflytError as exc:
        return _status(cx, org, level, 400, **failed(exc))
    made = outcome.agreement_id not in before
    return back(f"/avtale/{outcome.agreement_id}", "laget" if made else "finnes")


def _contacts(cx: Ctx, org: Organisation, level: rules.Access, status: int = 200,
              **shown: object) -> Response:
    with cx.app.reading() as session:
        people = list(session.exec(select(Contact).where(
            Contact.organisation_id == org.id, col(Contact.removed_at).is_(None))
            .order_by(col(Contact.role), col(Contact.name))))
    return page(cx, "contacts.html", status, org=org, people=people,
                sign_out_others=offered(c.SignOutEverywhere, level), **{"form": {}, **shown})


@router.get("/kontakter")
def contacts_page(orgnr: str, cx: Ctx = Depends(signed_in)) -> Response:
    org, level = organisation(cx, orgnr)
    return _contacts(cx, org, level)


@router.post("/kontakter/logg-ut", dependencies=POSTED)
def sign_out_contact(orgnr: str, epost: str = Form(""), cx: Ctx = Depends(signed_in)
                     ) -> Response:
    """The organiser's coordinator signs a contact out everywhere (a lost laptop, say)."""
    org, level = organisation(cx, orgnr, c.SignOutEverywhere)
    try:
        run(cx, c.SignOutEverywhere, email=forms.email(epost, "epost"))
    except (forms.FormError, AvtaleflytError) as exc:
        return _contacts(cx, org, level, 400, **failed(exc))
    return back(f"/virksomhet/{org.orgnr}/kontakter", "logget-ut")


@router.post("/kontakter/fjern", dependencies=POSTED)
def remove_contact(orgnr: str, epost: str = Form(""), rolle: str = Form(""),
                   cx: Ctx = Depends(signed_in)) -> Response:
    org, level = organisation(cx, orgnr, c.RemoveContact)
    try:
        role = forms.choice(rolle, "rolle", labels.CONTACT_ROLE)
        run(cx, c.RemoveContact, orgnr=org.orgnr, email=epost, role=role)
    except (forms.FormError, AvtaleflytError) as exc:
        return _contacts(cx, org, level, 400, **failed(exc))
    return back(f"/virksomhet/{org.orgnr}/kontakter", "fjernet")


@router.post("/kontakter", dependencies=POSTED)
def save_contact(orgnr: str, navn: str = Form(""), epost: str = Form(""),
                 rolle: str = Form(""), tittel: str = Form(""),
                 cx: Ctx = Depends(signed_in)) -> Response:
    org, level = organisation(cx, orgnr, c.SaveContact)
    try:
        name = forms.text(navn, "navn", "navn")
        address = forms.email(epost, "epost")
        role = forms.choice(rolle, "rolle", labels.CONTACT_ROLE)
        title = forms.text(tittel, "tittel", "tittel", required=False)
        run(cx, c.SaveContact, orgnr=org.orgnr, name=name, email=address,
            role=role, title=title)
    except (forms.FormError, AvtaleflytError) as exc:
        return _contacts(cx, org, level, 400, form={"navn": navn, "epost": epost,
                                                    "rolle": rolle, "tittel": tittel},
                         **failed(exc))
    return back(f"/virksomhet/{org.orgnr}/kontakter", "lagret")


def _nhn(cx: Ctx, org: Organisation, level: rules.Access, status: int = 200,
         **shown: object) -> Response:
    """One section per order: a kommune that is kilde and konsument orders once, for both."""
    with cx.app.reading() as session:
        standings = plain.standing(session, org, cx.app.clock.today(),
                                   after_agreement=cx.app.settings.order_after_agreement)
        orders = orders_for(session, [s.participation_id for s in standings])
        may_order = cx.who is not None and any(
            c.email == cx.who.email and c.role in AUTHORISED for c in contacts_of(session, org))
    sections: list[tuple[list[str], str, NhnOrder | None]] = []
    for s in standings:
        o = orders.get(s.participation_id)
        if o is None and sections and sections[0][2] is None:
            sections[0][0].append(s.role)  # not ordered yet: one order will name both
        elif o is None or all(o is not shown_o for _, _, shown_o in sections):
            sections.append(([s.role], s.role, o))
        else:
            next(r for r, _, x in sections if x is o).append(s.role)
    return page(cx, "nhn.html", status, org=org, level=level, sections=sections,
                standings=standings, may_order=may_order,
                after_agreement=cx.app.settings.order_after_agreement, **shown)


@router.get("/nhn")
def nhn_page(orgnr: str, cx: Ctx = Depends(signed_in)) -> Response:
    org, level = organisation(cx, orgnr)
    return _nhn(cx, org, level)


@router.post("/nhn/detaljer", dependencies=POSTED)
def nhn_details(orgnr: str, her_id: str = Form(""), epj_system: str = Form(""),
                epj_leverandor: str = Form(""), epj_klar: str = Form(""),
                cx: Ctx = Depends(signed_in)) -> Response:
    org, level = organisation(cx, orgnr, c.UpdateOrganisation)
    try:
        values = {"her_id": forms.her_id(her_id),
                  "epj_system": forms.text(epj_system, "epj_system", "EPJ-system",
                                           required=False),
                  "epj_vendor": forms.text(epj_leverandor, "epj_leverandor",
                                           "EPJ-leverandør", required=False),
                  "epj_vendor_ready_on": forms.day(epj_klar, "epj_klar",
                                                   "leverandørens dato")}
        run(cx, c.UpdateOrganisation, orgnr=org.orgnr, **values)
    except (forms.FormError, AvtaleflytError) as exc:
        return _nhn(cx, org, level, 400, **failed(exc))
    return back(f"/virksomhet/{org.orgnr}/nhn", "lagret")


@router.post("/nhn/{step}", dependencies=POSTED)
def nhn_step(orgnr: str, step: str, rolle: str = Form(""), referanse: str = Form(""),
             grunn: str = Form(""), tilstand: str = Form(""), uten_her_id: str = Form(""),
             cx: Ctx = Depends(signed_in)) -> Response:
    """Order, NHN's confirmation or rejection, or the bruksvilkår: one form each."""
    steps: dict[str, type[c.Command]] = {
        "bestill": c.PlaceOrder, "bekreftelse": c.ConfirmOrder, "avvisning": c.RejectOrder,
        "bruksvilkar": c.RecordTerms, "utenfor": c.RecordOutsideOrder}
    if step not in steps:
        raise HTTPException(status_code=404)
    org, level = organisation(cx, orgnr, steps[step])
    role = rolle or None
    try:
        if step == "bestill":
            run(cx, c.PlaceOrder, orgnr=org.orgnr, role=role,
                without_her_id=bool(uten_her_id))
        elif step == "bekreftelse":
            ref = forms.text(referanse, "referanse", "NHNs referanse")
            run(cx, c.ConfirmOrder, orgnr=org.orgnr, reference=ref, role=role)
        elif step == "utenfor":
            ref = forms.text(referanse, "referanse", "NHNs referanse")
            run(cx, c.RecordOutsideOrder, orgnr=org.orgnr, reference=ref, role=role)
        elif step == "avvisning":
            reason = forms.text(grunn, "grunn", "begrunnelse", max_length=2000)
            run(cx, c.RejectOrder, orgnr=org.orgnr, reason=reason, role=role)
        else:
            state = forms.choice(tilstand, "tilstand", {"link_received": "", "signed": ""})
            run(cx, c.RecordTerms, orgnr=org.orgnr, state=state, role=role)
    except (forms.FormError, AvtaleflytError) as exc:
        return _nhn(cx, org, level, 400, **failed(exc))
    return back(f"/virksomhet/{org.orgnr}/nhn", "bestilt" if step == "bestill" else "lagret")
