"""Plain-text renderings of the read models for people at a terminal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from agreements.core.calendar import OSLO


def render_status(d: dict[str, Any]) -> str:
    lines = [f"{d['navn']} ({d['orgnr']}) — {d['kind']}"
             + (f", kommunenummer {d['kommunenummer']} ({d['fylke']})" if d["kommunenummer"]
                else "")]
    for c in d["contacts"]:
        lines.append(f"  {c['role']}: {c['name']} <{c['email']}>")
    for p in d["participations"]:
        where = (f"area {p['area']['name']}, organiser {p['organiser']['navn']} "
                 f"({p['organiser']['orgnr']})") if p["area"] else "no area (NHN steps only)"
        lines.append(f"  {p['role']}: {where}")
        if p["area"] and p["area"]["organiser"] == "proposed":
            lines.append(f"    organiser foreslått (proposed from the address, not confirmed): "
                         f"its coordinator confirms with `avtaleflyt org route {d['orgnr']} "
                         f"--confirm`, or correct it with `--region …`; the agreement is not "
                         f"sent before")
        elif p["area"] and p["area"]["organiser"] == "confirmed":
            lines.append("    organiser bekreftet (confirmed by the RHF)")
        since = "since" if p["phase"] == "live" else "(went live"
        lines.append(f"    phase: {p['phase']}" + (
            f" {since} {p['live_on']}" + ("" if p["phase"] == "live" else ")")
            if p["live_on"] else ""))
        if p["agreement"]:
            a = p["agreement"]
            term = (f", in force {a['effective_on']} to {a['expires_on']}"
                    if a.get("effective_on") and a.get("expires_on") else "")
            renews = f" (renews #{a['renews']})" if a.get("renews") else ""
            lines.append(f"    agreement #{a['id']} v{a['version']}: {a['status']}{term}{renews}")
        unsent = not p["agreement"] or p["agreement"]["status"] not in (
            "sent", "partially_signed", "signed", "active")
        if p["role"] == "kilde" and unsent and not p["live_on"] and not any(
                c["role"] == "signatory" for c in d["contacts"]):
            lines.append(f"    waits for: a signatory of {d['navn']}; the agreement cannot "
                         f"be sent before (`avtaleflyt org contact add {d['orgnr']} … "
                         "--role signatory`)")
        if p["nhn_order"]:
            o = p["nhn_order"]
            by = o["ordered_by"]
            lines.append(f"    NHN order: {o['status']}"
                         + (f" ({o['reference']})" if o["reference"] else "")
                         + (f", placed by {by['name'] + ' ' if by['name'] else ''}"
                            f"<{by['email']}>" if by else "")
                         + f"; bruksvilkår: {o['terms']}")
        if p["document_types"]:
            lines.append("    document types chosen: " + "; ".join(
                t["navn"] + (f" ({t['beskrivelse']})" if t["beskrivelse"] else "")
                for t in p["document_types"]))
        if p["annex"]:
            x = p["annex"]
            lines.append(f"    Vedlegg 1 (document types) #{x['id']} {x['number']}: {x['status']}"
                         + ("" if x["states_chosen_types"] else
                            "; states other types than the forhåndsvurdering"))
        c = p["checklist"]
        lines.append(f"    checklist: {c['done']} done, {c['waived']} waived, {c['open']} open"
                     + (f"; overdue: {', '.join(c['overdue'])}" if c["overdue"] else ""))
        items = len(p["open_items"])  # the checklist's gates come last
        for gate in p["gates"][:len(p["gates"]) - items]:
            lines.append(f"    open gate: {gate}")
        if items:
            lines.append(f"    open gate: {items} mandatory checklist item(s) "
                         f"(`avtaleflyt checklist show {d['orgnr']}`)")
    return "\n".join(lines)


def render_agreement(d: dict[str, Any], location: Callable[[str], str]) -> str:
    """An agreement as text; `location` says where a person finds a stored document."""
    what = (f"Vedlegg 1 #{d['id']} {d['number']} (the document types of agreement "
            f"#{d['annex_of']})" if d["kind"] == "annex" else f"agreement #{d['id']}")
    lines = [f"{what} v{d['version']} for {d['organisation']['navn']} "
             f"({d['organisation']['orgnr']}): {d['status']}"
             + (f" — {d['reason']}" if d["reason"] else "")]
    if d["signing_deadline"] and d["status"] in ("sent", "partially_signed"):
        lines.append(f"  signing deadline: {d['signing_deadline']}")
    if d["document_types"]:
        lines.append("  document types: " + "; ".join(
            t["navn"] + (f" ({t['beskrivelse']})" if t["beskrivelse"] else "")
            for t in d["document_types"]))
    if d["expires_on"] and d["kind"] != "annex":
        lines.append(f"  in force {d['effective_on']} – {d['expires_on']}")
    for kind, doc in d["documents"].items():
        if doc:
            lines.append(f"  {kind}: {location(doc['path'])}")
    job = d.get("signing_job")
    if job:
        lines.append(f"  signing: {job['provider']} job {job['job_id'] or '(not created yet)'}, "
                     f"{job['status']}" + (f" — {job['last_error']}" if job["last_error"]
                                           else ""))
    for s in d["signatures"]:
        when = s["signed_at"].astimezone(OSLO).strftime(" %Y-%m-%d %H:%M") if s["signed_at"] else ""
        lines.append(f"  {s['position']}. {s['party']}: {s['name']} <{s['signer']}> "
                     f"{s['status']}{when}")
        if s.get("verification"):
            lines.append(f"     {s['verification']['summary']}")
    return "\n".join(lines)
