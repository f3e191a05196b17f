"""The rollout report's model: per organiser and area, one row per organisation and role with
what it waits for, and per fylke, under the Norwegian headers every form uses. The forms
(workbook, CSV for Excel, markdown, the Prefect artifact, the chart) are `reporting.writers`'.

In the summary each participation counts once; in the fylke table each organisation counts
once (one that is both kilde and konsument is counted in its least advanced phase).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session

from agreements import reference
from agreements.core.enums import ItemStatus, OrderStatus, Phase
from agreements.readiness.gates import phase
from agreements.reporting import baseline, labels, term, views, waiting
from agreements.reporting.views import Row

NOT_STARTED = "not started"  # a kommune of the reference data not registered yet
PHASES = [NOT_STARTED, *(p.value for p in Phase)]
PHASES_NB = {NOT_STARTED: "Ikke startet", "preparing": "Forberedes",
             "awaiting signatures": "Venter på signaturer", "awaiting NHN": "Venter på NHN",
             "ready": "Klar", "live": "I drift", "agreement expired": "Avtale utløpt",
             "agreement terminated": "Avtale oppsagt"}
GROUPS_NB = {"area": "Samarbeidsområde", "organiser": "Organisator"}
ROLES_NB = {"kilde": "kilde", "konsument": "konsument"}
COUNTS = ["Forfalte punkter", "Avtaler til signering", "Bestillinger hos NHN"]
SUMMARY_COLUMNS = ["Gruppe", "Navn", "Totalt", *PHASES_NB.values(), *COUNTS]
ORGANISATION_COLUMNS = [
    "Kommunenummer", "Organisasjonsnummer", "Virksomhet", "Type", "Rolle", "Fylke",
    "Samarbeidsområde", "Organisator", "Organisator utledet fra adresse", "Fase", "Venter på",
    "Hos", "Venter siden", "Virkedager", "Forfalte punkter", "Avtalestatus", "Signeringsfrist",
    "I kraft til", "Fornyelse", "NHN-bestilling", "EPJ-system", "EPJ-leverandør", "Registrert",
    "I drift fra"]
FYLKE_COLUMNS = ["Fylkesnummer", "Fylke", "Virksomheter", *PHASES_NB.values()]
CHANGE_COLUMNS = ["Kommunenummer", "Organisasjonsnummer", "Virksomhet", "Rolle",
                  "Fase forrige uke", "Fase nå", "Venter på nå", "Endring"]
DATE_COLUMNS = ("Venter siden", "Signeringsfrist", "Registrert", "I drift fra",
                *term.DATE_COLUMNS)


@dataclass
class Line:
    """One line of the summary: an area or an organiser, counted per participation."""

    group: str
    key: str
    name: str
    phases: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PHASES, 0))
    overdue_items: int = 0
    agreements_awaiting_signature: int = 0
    orders_awaiting_nhn: int = 0

    @property
    def participations(self) -> int:
        return sum(self.phases.values())

    def as_dict(self) -> dict[str, object]:
        counts = (self.overdue_items, self.agreements_awaiting_signature,
                  self.orders_awaiting_nhn)
        return {"Gruppe": GROUPS_NB[self.group], "Navn": self.name,
                "Totalt": self.participations,
                **{PHASES_NB[p]: n for p, n in self.phases.items()},
                **dict(zip(COUNTS, counts, strict=True))}


@dataclass
class Report:
    today: date
    summary: list[Line]
    organisations: list[dict[str, Any]]
    fylker: list[dict[str, Any]]
    rows: list[Row]
    changes: list[dict[str, Any]] = field(default_factory=list)  # `reporting.changes`
    compared_with: date | None = None  # the earlier report's day; None: there was none
    expiring: list[dict[str, Any]] = field(default_factory=list)  # within 120 days
    renewals: list[dict[str, Any]] = field(default_factory=list)  # out for signing


def build(session: Session, today: date, *, area: str | None = None) -> Report:
    """The report as of `today` (for one collaboration area, or all): every kommune of the
    reference data is a row, registered or not (those not yet registered «Ikke startet»)."""
    rows = [r for r in views.rows(session) if area is None or (r.area and r.area.key == area)]
    signers = waiting.pending_signers(session)
    signatories = baseline.with_signatory(session)
    lines: dict[tuple[str, str], Line] = {}
    organisations = []
    for r in rows:
        current = phase(r.snapshot).value
        for group, key, name in _groups(r):
            line = lines.setdefault((group, key), Line(group, key, name))
            line.phases[current] += 1
            line.overdue_items += sum(i.status == ItemStatus.OPEN and i.due_on is not None
                                      and i.due_on < today for i in r.items)
            line.agreements_awaiting_signature += term.out_for_signing(r)
            line.orders_awaiting_nhn += bool(r.order and r.order.status == OrderStatus.SUBMITTED)
        organisations.append(_organisation(r, current, signers, today,
                                           r.organisation.id in signatories))
    absent = baseline.not_started(rows) if area in (None, reference.KOMMUNE_AREA) else []
    if absent:
        for group, key, name in baseline.groups():
            lines.setdefault((group, key), Line(group, key, name)).phases[NOT_STARTED] += \
                len(absent)
    order = {"area": 0, "organiser": 1}
    summary = sorted(lines.values(), key=lambda x: (order[x.group], x.name))
    return Report(today, summary, [*organisations, *absent], _per_fylke(rows, absent), rows,
                  expiring=term.expiring(rows, today), renewals=term.renewals_out(rows))


def _groups(r: Row) -> list[tuple[str, str, str]]:
    return [("area", r.area.key, r.area.name) if r.area
            else ("area", "konsumenter", "Konsumenter (kun NHN)"),
            ("organiser", r.organiser.orgnr, r.organiser.navn) if r.organiser
            else ("organiser", "-", "Ingen organisator (konsument)")]


def _organisation(r: Row, current: str, signers: dict[int, waiting.Asked],
                  today: date, signatory: bool) -> dict[str, Any]:
    wait = waiting.next_step(r, signers.get(r.agreement.id or 0) if r.agreement else None,
                             signatory=signatory)
    routed = r.participation.routed_by
    return {
        "Kommunenummer": r.organisation.kommunenummer or "",
        "Organisasjonsnummer": r.organisation.orgnr, "Virksomhet": r.organisation.navn,
        "Type": labels.KIND.get(r.organisation.kind, r.organisation.kind),
        "Rolle": ROLES_NB.get(r.participation.role, ""),
        "Fylke": views.fylke_of(r.organisation.kommunenummer) or "",
        "Samarbeidsområde": r.area.name if r.area else "",
        "Organisator": r.organiser.navn if r.organiser else "",
        "Organisator utledet fra adresse": "ja" if routed == "address" else "",
        "Fase": PHASES_NB[current], "Venter på": wait.what, "Hos": wait.on,
        "Venter siden": wait.since, "Virkedager": wait.working_days(today),
        **baseline.details(r, today), **term.columns(r),
        "Registrert": r.participation.registered_on, "I drift fra": r.participation.live_on,
    }


def _per_fylke(rows: list[Row], absent: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Organisations per fylke, each once, in the least advanced phase of its roles (a kommune
    not registered yet: «Ikke startet»)."""
    least: dict[str, tuple[str, str, int]] = {  # orgnr → fylkesnummer, fylke, phase index
        a["Organisasjonsnummer"]: (a["Kommunenummer"][:2], a["Fylke"], 0) for a in absent}
    for r in rows:
        knr, name = r.organisation.kommunenummer, views.fylke_of(r.organisation.kommunenummer)
        if not (knr and name):
            continue
        index = PHASES.index(phase(r.snapshot).value)
        before = least.get(r.organisation.orgnr)
        least[r.organisation.orgnr] = (knr[:2], name, min(index, before[2]) if before else index)
    table: dict[str, dict[str, Any]] = {}
    for number, name, index in least.values():
        line = table.setdefault(number, {"Fylkesnummer": number, "Fylke": name,
                                         "Virksomheter": 0,
                                         **dict.fromkeys(PHASES_NB.values(), 0)})
        line["Virksomheter"] += 1
        line[PHASES_NB[PHASES[index]]] += 1
    return [table[k] for k in sorted(table)]
