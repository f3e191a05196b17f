"""The rollout chart of one collaboration area as SVG: organisations per phase week by week
(stacked bars, as far as the records tell the past), and the current funnel.

Hand-written SVG, no plotting library: the portal shows it as an image beside a table of the
same numbers. (Minimal on purpose; the weekly report's chart may replace it.)
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from xml.sax.saxutils import escape

from sqlmodel import Session, select

from agreements import reference
from agreements.core.calendar import OSLO
from agreements.core.enums import ItemStatus, OrderStatus, Phase, Role
from agreements.core.models import Participation
from agreements.readiness.gates import phase
from agreements.registry.lookup import area_by_key
from agreements.reporting import labels
from agreements.reporting.overview import facts
from agreements.reporting.views import Row

COLOURS = {"preparing": "#6b4e16", "awaiting signatures": "#8a3b12",
           "awaiting NHN": "#1f5f8b", "ready": "#5b3f8a", "live": "#1e6b3a"}
PHASES = [p.value for p in Phase]
WEEKS = 12


def _on(moment: datetime | date | None, day: date) -> bool:
    """Whether a date or time lies on or before `day` (Norwegian time)."""
    if isinstance(moment, datetime):
        return moment.astimezone(OSLO).date() <= day
    return moment is not None and moment <= day


def phase_at(r: Row, day: date) -> str | None:
    """The participation's phase on `day` from the recorded times; None before it existed."""
    p, a, o = r.participation, r.agreement, r.order
    if p.registered_on > day:
        return None
    if _on(p.live_on, day):
        return Phase.LIVE.value
    kilde = p.role == Role.KILDE
    signed = not kilde or (a is not None and _on(a.signed_at, day))
    if kilde and a is not None and _on(a.sent_at, day) and not signed:
        return Phase.AWAITING_SIGNATURES.value
    confirmed = o is not None and o.status == OrderStatus.CONFIRMED and _on(o.decided_at, day)
    terms = o is not None and _on(o.terms_signed_at, day)
    submitted = o is not None and _on(o.submitted_at, day) and not _on(o.decided_at, day)
    if signed and (submitted or (confirmed and not terms)):
        return Phase.AWAITING_NHN.value
    mandatory = {x.key for x in reference.processes() if x.mandatory}
    items_done = all(i.status != ItemStatus.OPEN and _on(i.done_at, day) for i in r.items
                     if i.process_key in mandatory and i.occurrence == "")
    if signed and confirmed and terms and items_done:
        return Phase.READY.value
    return Phase.PREPARING.value


def weekly(rows: list[Row], today: date) -> list[tuple[date, dict[str, int]]]:
    """Counts per phase at the end of each of the last WEEKS weeks, today last."""
    days = [today - timedelta(weeks=w) for w in range(WEEKS - 1, -1, -1)]
    out = []
    for d in days:
        counts = dict.fromkeys(PHASES, 0)
        for r in rows:
            found = phase(r.snapshot).value if d == today else phase_at(r, d)
            if found:
                counts[found] += 1
        out.append((d, counts))
    return out


def rollout_svg(session: Session, area_key: str, today: date) -> str:
    """The chart of the area `area_key` as of `today`, as a standalone SVG document."""
    area = area_by_key(session, area_key)
    ids = list(session.exec(select(Participation.organisation_id).where(
        Participation.area_id == area.id)))
    rows = [r for r, _ in facts(session, ids) if r.participation.area_id == area.id]
    return draw(area.name, weekly(rows, today))


def draw(title: str, weeks: list[tuple[date, dict[str, int]]]) -> str:
    width, height, left, top, bar_h = 760, 270, 40, 40, 200
    most = max([sum(c.values()) for _, c in weeks] + [1])
    step = 420 / len(weeks)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" font-family="sans-serif" '
             f'font-size="12"><title>Innføring i {escape(title)}</title>',
             f'<text x="{left}" y="22" font-size="14" fill="#111">Per uke, etter fase '
             f'(høyst {most})</text>']
    for n, (day, counts) in enumerate(weeks):
        x, y = left + n * step, float(top + bar_h)
        for ph in PHASES:
            h = bar_h * counts[ph] / most
            if h:
                y -= h
                parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{step - 4:.1f}" '
                             f'height="{h:.1f}" fill="{COLOURS[ph]}"/>')
        if n % 3 == 0 or n == len(weeks) - 1:
            parts.append(f'<text x="{x:.1f}" y="{top + bar_h + 16}" fill="#111">'
                         f'{day.day}.{day.month}.</text>')
    current = weeks[-1][1]
    fx, fmost = 500, max([*current.values(), 1])
    parts.append(f'<text x="{fx}" y="22" font-size="14" fill="#111">Nå</text>')
    for i, ph in enumerate(PHASES):
        y = top + i * 40
        w = 120 * current[ph] / fmost
        parts.append(f'<rect x="{fx}" y="{y}" width="{max(w, 1):.1f}" height="22" '
                     f'fill="{COLOURS[ph]}"/>')
        parts.append(f'<text x="{fx + max(w, 1) + 6:.1f}" y="{y + 15}" fill="#111">'
                     f'{escape(labels.PHASE[ph])}: {current[ph]}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
