"""What every route shares: the visit and the person signed in, the app acting as that person,
the CSRF check, access to an organisation (asked of the domain's access rules), running a
command, and rendering a page."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2
from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from agreements.access import rules, sessions
from agreements.access.actors import Person
from agreements.access.policy import offered
from agreements.app import App
from agreements.commands import Command, Outcome, build, execute
from agreements.config import Settings
from agreements.core.calendar import OSLO, norsk_dato
from agreements.core.models import Organisation
from agreements.documents.uploads import megabytes
from agreements.errorcodes import Code
from agreements.errors import AvtaleflytError
from agreements.registry.lookup import find_organisation
from agreements.reporting import labels
from portal.errortexts import bokmal
from portal.forms import FormError
from portal.session import Visit, Visits

log = logging.getLogger("avtaleflyt.portal")
TEMPLATES = Path(__file__).parent / "templates"
DONE = {  # the sentence a page shows after a successful action (`?ok=<key>`)
    "lagret": "Lagret.", "levert": "Dokumentasjonen er levert.", "godkjent": "Godkjent.",
    "frafalt": "Punktet er frafalt.",
    "sendt-tilbake": "Sendt tilbake. Virksomheten har fått beskjed på e-post.",
    "signatur": "Signaturen er registrert.", "sendt": "Avtalen er sendt til signering.",
    "trukket": "Avtalen er trukket tilbake.",
    "sagt-opp": "Avtalen er sagt opp. Partene og Norsk helsenett har fått beskjed, og den "
                "fornyes ikke.",
    "fornyelse": "Utkastet til fornyet avtale er laget. Kontroller det og send det til "
                 "signering.",
    "laget": "Avtaleutkastet er laget. Kontroller det og send det til signering.",
    "finnes": "Avtalen fantes allerede; her er den.",
    "fjernet": "Kontakten er fjernet og logget ut.",
    "logget-ut": "Personen er logget ut overalt. Den kan be om en ny innloggingslenke.",
    "bestilt": "Bestillingen er sendt til Norsk helsenett.",
    "i-drift": "Virksomheten er satt i drift.",
}


FIELDS = {Code.ROLE_NOT_YOURS: "rolle"}  # refusals that concern one field of the form


@dataclass(frozen=True)
class Portal:
    """What the portal holds for its lifetime (on `app.state.portal`)."""

    base: App
    visits: Visits
    env: jinja2.Environment


@dataclass
class Ctx:
    request: Request
    visit: Visit
    who: Person | None
    app: App
    csrf: str


def environment(settings: Settings) -> jinja2.Environment:
    """The pages' templates, with the configured values they state (a link's lifetime, the
    largest upload)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True)
    env.filters["dato"] = lambda d: norsk_dato(d) if isinstance(d, date) else "–"
    env.filters["tid"] = lambda t: (f"{norsk_dato(t.astimezone(OSLO).date())} kl. "
                                    f"{t.astimezone(OSLO):%H.%M}") if isinstance(t, datetime) \
        else "–"
    env.filters["stor"] = lambda s: s[:1].upper() + s[1:]  # `capitalize` lowers the rest
    env.globals["labels"] = labels
    env.globals["lenke_minutter"] = settings.signin_link_minutes
    env.globals["maks_mb"] = megabytes(settings.max_signed_file_bytes)
    return env


def state(request: Request) -> Portal:
    found: Portal = request.app.state.portal
    return found


def ctx(request: Request) -> Ctx:
    """The visit, and the person signed in: the visit's session looked up on the server
    (ended or expired: nobody), and the person afresh (a removed contact is out)."""
    portal, visit = state(request), request.state.visit
    with portal.base.reading() as session:
        found = sessions.owner(session, visit.sid, portal.base.clock.now())
        who = rules.person(session, *found) if found else None
    app = portal.base.acting_as(who) if who else portal.base
    return Ctx(request, visit, who, app, portal.visits.csrf(visit))


class SignInFirst(Exception):
    """A page needs a person signed in: the portal answers with the sign-in page."""


def signed_in(c: Ctx = Depends(ctx)) -> Ctx:
    if c.who is None:
        raise SignInFirst
    return c


async def csrf_checked(request: Request) -> None:
    """Every POST carries the visit's CSRF token; without it nothing runs."""
    form = await request.form()
    if not state(request).visits.csrf_ok(request.state.visit, form.get("csrf_token")):
        raise HTTPException(status_code=403)


_ORGNR = re.compile(r"^\d{9}$")


def organisation(c: Ctx, orgnr: str, model: type[Command] | None = None
                 ) -> tuple[Organisation, rules.Access]:
    """The organisation, when the person reaches it (and the access rules offer it the
    command `model` there); else 404."""
    assert c.who is not None
    with c.app.reading() as session:
        org = find_organisation(session, orgnr) if _ORGNR.match(orgnr) else None
        level = rules.access(session, c.who, org) if org else rules.Access.NONE
    if org is None or level is rules.Access.NONE or (model and not offered(model, level)):
        raise HTTPException(status_code=404)
    return org, level


def run(c: Ctx, model: type[Command], **values: Any) -> Outcome:
    """Build the command and run it as the person (AvtaleflytError passes through)."""
    outcome = execute(c.app, build(model, **values))
    log.info("%s by %s: %s", outcome.action, c.app.actor, outcome.message)
    return outcome


def page(c: Ctx, template: str, status: int = 200, **values: Any) -> HTMLResponse:
    ok = DONE.get(c.request.query_params.get("ok", ""))
    html = state(c.request).env.get_template(template).render(
        c=c, who=c.who, csrf=c.csrf, ok=ok, **{"error": None, "field": None, **values})
    return HTMLResponse(html, status_code=status)


def failed(error: Exception) -> dict[str, Any]:
    """What a page shows after a refused form: the message and, for a form error, its field."""
    if isinstance(error, FormError):
        return {"error": str(error), "field": error.field}
    if isinstance(error, AvtaleflytError):
        return {"error": bokmal(error), "field": FIELDS.get(error.code)}
    raise error


def back(path: str, ok: str) -> RedirectResponse:
    return RedirectResponse(f"{path}?ok={ok}", status_code=303)
