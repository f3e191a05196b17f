"""The organiser's overview of its area: every organisation with phase, days in phase, what
it waits for and on whom, filters and sorting; and the rollout chart."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import Response
from sqlmodel import select

from agreements.core.models import CollaborationArea
from agreements.reporting import chart, labels, overview
from portal.web import Ctx, page, signed_in

router = APIRouter(prefix="/omrade/{key}")


def _area(cx: Ctx, key: str) -> CollaborationArea:
    """The area when the person coordinates it; else 404."""
    assert cx.who is not None
    with cx.app.reading() as session:
        area = session.exec(select(CollaborationArea).where(
            CollaborationArea.key == key)).first()
    if area is None or area.id not in cx.who.area_ids:
        raise HTTPException(status_code=404)
    return area


@router.get("")
def area_page(key: str, fase: str = "", fylke: str = "", stille: str = "",
              sorter: str = "navn", synkende: str = "", cx: Ctx = Depends(signed_in)
              ) -> Response:
    area = _area(cx, key)
    today, stuck_after = cx.app.clock.today(), cx.app.settings.stuck_after
    with cx.app.reading() as session:
        lines = overview.area_lines(session, area.id or 0, today, stuck_after,
                                    after_agreement=cx.app.settings.order_after_agreement)
    sort = sorter if sorter in overview.SORTS else "navn"
    chosen = overview.choose(lines, phase=fase if fase in labels.PHASE else None,
                             fylke=fylke or None, stuck=bool(stille), sort=sort,
                             descending=bool(synkende))
    counts = {p: sum(x.phase == p for x in lines) for p in labels.PHASE}
    return page(cx, "area.html", area=area, lines=chosen, total=len(lines), counts=counts,
                fylker=overview.fylker(lines), stuck_after=stuck_after,
                chosen={"fase": fase, "fylke": fylke, "stille": stille, "sorter": sort,
                        "synkende": synkende})


@router.get("/gjennomgang")
def review_page(key: str, cx: Ctx = Depends(signed_in)) -> Response:
    """Every item of the area handed in and awaiting the coordinator's review."""
    area = _area(cx, key)
    with cx.app.reading() as session:
        queue = overview.review_queue(session, area.id or 0)
    return page(cx, "review_queue.html", area=area, queue=queue)


@router.get("/graf.svg")
def area_chart(key: str, cx: Ctx = Depends(signed_in)) -> Response:
    area = _area(cx, key)
    with cx.app.reading() as session:
        svg = chart.rollout_svg(session, area.key, cx.app.clock.today())
    return Response(svg, media_type="image/svg+xml")
