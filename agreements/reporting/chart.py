"""The rollout chart: organisations registered and live over time (cumulative) per organiser,
and the current funnel by phase. PNG and SVG, drawn with matplotlib's Agg canvas (no pyplot,
no display); matplotlib is imported only when a chart is drawn, never on the CLI's read paths.
`rollout_svg` gives one collaboration area's chart for the portal's area page.
"""

from __future__ import annotations

import io
from collections import defaultdict
from datetime import date, timedelta
from typing import TYPE_CHECKING

from agreements.core.enums import Phase
from agreements.readiness.gates import phase

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from sqlmodel import Session

    from agreements.reporting.views import Row

PHASE_LABELS = {"preparing": "Forberedes", "awaiting signatures": "Venter på signaturer",
                "awaiting NHN": "Venter på NHN", "ready": "Klar", "live": "I drift"}
COLOURS = ["#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6"]
NO_ORGANISER = "Ingen organisator (konsument)"


def cumulative(days: list[date], start: date, today: date) -> tuple[list[date], list[int]]:
    """A step series: how many of `days` had happened on each day from start to today."""
    counts: dict[date, int] = defaultdict(int)
    for d in days:
        counts[max(d, start)] += 1
    xs, ys, total, current = [], [], 0, start
    while current <= today:
        total += counts.get(current, 0)
        xs.append(current)
        ys.append(total)
        current += timedelta(days=1)
    return xs, ys


def figure(rows: list[Row], today: date, title: str = "Innføring av Pasientens "
           "journaldokumenter") -> Figure:
    """Left: registered (dashed) and live (solid) over time per organiser; right: now."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, DateFormatter
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    fig = Figure(figsize=(11, 4.8), layout="constrained")
    FigureCanvasAgg(fig)
    over_time, funnel = fig.subplots(1, 2, width_ratios=[3, 2])
    by_organiser: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        by_organiser[r.organiser.navn if r.organiser else NO_ORGANISER].append(r)
    first = min((r.participation.registered_on for r in rows), default=today)
    start = min(first - timedelta(days=7), today - timedelta(days=28))  # a visible span
    for i, (name, group) in enumerate(sorted(by_organiser.items())):
        colour = COLOURS[i % len(COLOURS)]
        xs, registered = cumulative([r.participation.registered_on for r in group], start,
                                    today)
        _, live = cumulative([r.participation.live_on for r in group if r.participation.live_on],
                             start, today)
        over_time.step(xs, registered, where="post", linestyle="--", linewidth=1,
                       color=colour)
        over_time.step(xs, live, where="post", linewidth=2, color=colour, label=name)
    over_time.set_title("Registrert (stiplet) og i drift (heltrukket) per organisator")
    over_time.set_ylabel("Deltakelser")
    over_time.set_ylim(bottom=0)
    over_time.yaxis.set_major_locator(MaxNLocator(integer=True))
    over_time.xaxis.set_major_locator(AutoDateLocator(minticks=3, maxticks=7))
    over_time.xaxis.set_major_formatter(DateFormatter("%d.%m.%y"))
    over_time.tick_params(axis="x", labelrotation=30)
    if by_organiser:
        over_time.legend(loc="upper left", fontsize=8)
    counts = [sum(phase(r.snapshot).value == p.value for r in rows) for p in Phase]
    labels = [PHASE_LABELS[p.value] for p in Phase]
    bars = funnel.barh(labels[::-1], counts[::-1], color="#2e75b6")
    funnel.bar_label(bars, padding=3)
    funnel.xaxis.set_major_locator(MaxNLocator(integer=True))
    funnel.set_title(f"Status {today:%d.%m.%Y}")
    funnel.set_xlabel("Deltakelser")
    fig.suptitle(title)
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
