"""The rollout chart: per week, how many participations had registered, signed, been
confirmed by NHN and gone live (cumulative), and the current funnel by phase; sized for A4.
PNG and SVG, drawn with matplotlib's Agg canvas (no pyplot, no display); matplotlib is
imported only when a chart is drawn, never on the CLI's read paths. `rollout_svg` gives one
collaboration area's chart for the portal's area page.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import TYPE_CHECKING

from agreements.core.calendar import OSLO
from agreements.core.enums import Phase
from agreements.readiness.gates import phase

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from sqlmodel import Session

    from agreements.reporting.views import Row

PHASE_LABELS = {"preparing": "Forberedes", "awaiting signatures": "Venter på signaturer",
                "awaiting NHN": "Venter på NHN", "ready": "Klar", "live": "I drift",
                "agreement expired": "Avtale utløpt", "agreement terminated": "Avtale oppsagt"}
COLOURS = ["#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6", "#a50021",
           "#595959"]
MILESTONES = ("Registrert", "Avtale signert", "Bestilling bekreftet av NHN", "I drift")
FONT = 10  # points at the figure's own size, which fits an A4 page: nothing below 9 pt


def _milestones(r: Row) -> tuple[date | None, ...]:
    """The days a participation reached each milestone (None: not yet)."""
    a, o = r.agreement, r.order
    signed = a.signed_at.astimezone(OSLO).date() if a and a.signed_at else None
    confirmed = (o.decided_at.astimezone(OSLO).date()
                 if o and o.decided_at and o.status in ("confirmed",) else None)
    return r.participation.registered_on, signed, confirmed, r.participation.live_on


def weekly(rows: list[Row], today: date) -> tuple[list[date], list[list[int]]]:
    """Per week (its Monday), how many participations had reached each milestone by the end
    of that week (today for the current one): at least five weeks, so a rollout that all
    started in one week still shows as bars beside the weeks before it."""
    monday = today - timedelta(days=today.weekday())
    first = min((r.participation.registered_on for r in rows), default=today)
    start = min(first - timedelta(days=first.weekday()), monday - timedelta(weeks=4))
    weeks = [start + timedelta(weeks=n) for n in range((monday - start).days // 7 + 1)]
    reached = [_milestones(r) for r in rows]
    counts = [[sum(1 for m in reached if (day := m[i]) is not None
                   and day <= min(w + timedelta(days=6), today))
               for w in weeks] for i in range(len(MILESTONES))]
    return weeks, counts


def figure(rows: list[Row], today: date, title: str = "Innføring av Pasientens "
           "journaldokumenter") -> Figure:
    """Above: per week, how many have registered, signed, been confirmed by NHN and gone
    live (cumulative bars, the legend under the chart, never over the bars); below: how many
    are in each phase now. Sized for an A4 page, every text at 9 pt or more."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    fig = Figure(figsize=(7.0, 8.5), layout="constrained")
    FigureCanvasAgg(fig)
    over_time, funnel = fig.subplots(2, 1, height_ratios=[3, 2])
    weeks, counts = weekly(rows, today)
    width = 0.8 / len(MILESTONES)
    for i, (name, series) in enumerate(zip(MILESTONES, counts, strict=True)):
        xs = [n + (i - (len(MILESTONES) - 1) / 2) * width for n in range(len(weeks))]
        over_time.bar(xs, series, width=width, color=COLOURS[i % len(COLOURS)], label=name)
    over_time.set_xticks(range(len(weeks)),
                         [f"uke {w.isocalendar().week}\n{w:%d.%m}" for w in weeks],
                         fontsize=FONT - 1)
    over_time.set_title("Hittil per uke (sum)", fontsize=FONT + 1)
    over_time.set_ylabel("Deltakelser", fontsize=FONT)
    over_time.set_ylim(0, max(1, *(max(c, default=0) for c in counts)) * 1.1)
    over_time.yaxis.set_major_locator(MaxNLocator(integer=True))
    over_time.tick_params(axis="y", labelsize=FONT)
    over_time.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncols=2,
                     fontsize=FONT - 1, frameon=False)
    phases = [sum(phase(r.snapshot).value == p.value for r in rows) for p in Phase]
    labels = [PHASE_LABELS[p.value] for p in Phase]
    bars = funnel.barh(labels[::-1], phases[::-1], color="#2e75b6")
    funnel.bar_label(bars, padding=3, fontsize=FONT)
    funnel.set_xlim(0, max(1, *phases) * 1.15)
    funnel.xaxis.set_major_locator(MaxNLocator(integer=True))
    funnel.tick_params(labelsize=FONT)
    funnel.set_title(f"Status {today:%d.%m.%Y}", fontsize=FONT + 1)
    funnel.set_xlabel("Deltakelser", fontsize=FONT)
    fig.suptitle(title, fontsize=FONT + 2)
    return fig


def render(fig: Figure, fmt: str) -> bytes:
    """The figure as PNG or SVG bytes; the SVG carries no date, so equal data give equal files,
    and keeps its words as text (searchable, read by screen readers, small)."""
    import matplotlib

    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "avtaleflyt", "svg.fonttype": "none"}):
        fig.savefig(buf, format=fmt, dpi=110,
                    metadata={"Date": None} if fmt == "svg" else None)
    return buf.getvalue()


def rollout_svg(session: Session, area_key: str, today: date) -> str:
    """One collaboration area's chart as SVG text (for the portal's area page)."""
    from agreements.reporting import views

    rows = [r for r in views.rows(session) if r.area is not None and r.area.key == area_key]
    name = rows[0].area.name if rows and rows[0].area else area_key
    return render(figure(rows, today, title=name), "svg").decode("utf-8")
