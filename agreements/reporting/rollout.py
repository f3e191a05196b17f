"""The rollout report: per collaboration area, per organiser and per fylke (kommuner)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlmodel import Session

from agreements.core.enums import ItemStatus, OrderStatus, Phase
from agreements.core.lifecycle import OUT_FOR_SIGNING
from agreements.readiness.gates import phase
from agreements.reporting import views

PHASES = [p.value for p in Phase]
PHASES_NB = {"preparing": "Forberedes", "awaiting signatures": "Venter på signaturer",
             "awaiting NHN": "Venter på NHN", "ready": "Klar", "live": "I drift"}
COLUMNS = ["group", "key", "name", "participations", *PHASES, "overdue_items",
           "agreements_awaiting_signature", "orders_awaiting_nhn"]


@dataclass
class Line:
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
        return {"group": self.group, "key": self.key, "name": self.name,
                "participations": self.participations, **self.phases,
                "overdue_items": self.overdue_items,
                "agreements_awaiting_signature": self.agreements_awaiting_signature,
                "orders_awaiting_nhn": self.orders_awaiting_nhn}


def build(session: Session, today: date) -> list[Line]:
    lines: dict[tuple[str, str], Line] = {}

    def line(group: str, key: str, name: str) -> Line:
        return lines.setdefault((group, key), Line(group, key, name))

    for r in views.rows(session):
        groups = [
            line("area", r.area.key, r.area.name) if r.area
            else line("area", "konsumenter", "Konsumenter (kun NHN)"),
            line("organiser", r.organiser.orgnr, r.organiser.navn) if r.organiser
            else line("organiser", "-", "Ingen organisator (konsument)"),
        ]
        fylke = views.fylke_of(r.organisation.kommunenummer)
        if r.organisation.kind == "kommune" and fylke:
            assert r.organisation.kommunenummer
            groups.append(line("fylke", r.organisation.kommunenummer[:2], fylke))
        current = phase(r.snapshot).value
        overdue = sum(i.status == ItemStatus.OPEN and i.due_on < today for i in r.items)
        signing = r.agreement is not None and r.agreement.status in OUT_FOR_SIGNING
        waiting = r.order is not None and r.order.status == OrderStatus.SUBMITTED
        for g in groups:
            g.phases[current] += 1
            g.overdue_items += overdue
            g.agreements_awaiting_signature += signing
            g.orders_awaiting_nhn += waiting
    order = {"area": 0, "organiser": 1, "fylke": 2}
    return sorted(lines.values(), key=lambda x: (order[x.group], x.key))


def to_csv(lines: list[Line]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(x.as_dict() for x in lines)
    return buf.getvalue()


def to_markdown(lines: list[Line], today: date, footer: str = "") -> str:
    titles = {"area": "Per samarbeidsområde", "organiser": "Per organisator",
              "fylke": "Per fylke (kommuner)"}
    out = [f"# Innføring av Pasientens journaldokumenter – status {today.isoformat()}", ""]
    head = ["Navn", "Totalt", *(PHASES_NB[p] for p in PHASES), "Forfalte punkter",
            "Avtaler til signering", "Bestillinger hos NHN"]
    for group, title in titles.items():
        rows = [x for x in lines if x.group == group]
        if not rows:
            continue
        out += [f"## {title}", "", "| " + " | ".join(head) + " |",
                "|" + "---|" * len(head)]
        for x in rows:
            cells = [x.name, x.participations, *x.phases.values(), x.overdue_items,
                     x.agreements_awaiting_signature, x.orders_awaiting_nhn]
            out.append("| " + " | ".join(str(c) for c in cells) + " |")
        out.append("")
    return "\n".join(out) + ("\n" + footer if footer else "")


def write(lines: list[Line], today: date, folder: Path, footer: str = "") -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    csv_path = folder / f"rollout-{today.isoformat()}.csv"
    md_path = folder / f"rollout-{today.isoformat()}.md"
    csv_path.write_text(to_csv(lines), encoding="utf-8")
    md_path.write_text(to_markdown(lines, today, footer), encoding="utf-8")
    return csv_path, md_path
