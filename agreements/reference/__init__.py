"""Reference data shipped with avtaleflyt: kommuner, organisers, areas and the process catalogue.

The CSV files are copies of the project's shared reference data (see data/SOURCES.md); they are
read when first asked for and kept for the life of the process.
"""

from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from agreements.core.enums import Kind, Role

KS = "ks"
NHN = "nhn"
KOMMUNE_AREA = "kommuner"
SVALBARD_FYLKE = "21"


@dataclass(frozen=True)
class Kommune:
    kommunenummer: str
    navn: str
    fylkesnummer: str
    fylke: str
    orgnr: str


@dataclass(frozen=True)
class Organiser:
    key: str
    navn: str
    orgnr: str
    rolle: str
    fylker: tuple[str, ...]


@dataclass(frozen=True)
class AreaSpec:
    key: str
    name: str
    member_kind: Kind
    organiser: str
    template: str
    fylker: tuple[str, ...]


@dataclass(frozen=True)
class Process:
    key: str
    title: str
    description: str
    applies_to: str
    phase: str
    mandatory: bool
    due_working_days: int
    evidence: str
    recurrence: str | None = None
    occurrence_due_working_days: int = 10
    in_agreement: bool = False

    def applies(self, role: Role) -> bool:
        return self.applies_to in ("begge", role.value)


def _read(name: str) -> str:
    return resources.files("agreements.reference").joinpath("data", name).read_text("utf-8")


@lru_cache(maxsize=1)
def kommuner() -> dict[str, Kommune]:
    """All 357 kommuner (2024 numbering), keyed by organisasjonsnummer."""
    rows = csv.DictReader(_read("kommuner_2024.csv").splitlines())
    return {r["orgnr"]: Kommune(**r) for r in rows}


@lru_cache(maxsize=1)
def kommuner_by_number() -> dict[str, Kommune]:
    return {k.kommunenummer: k for k in kommuner().values()}


@lru_cache(maxsize=1)
def fylker() -> dict[str, str]:
    """Fylkesnummer → fylke name (2024)."""
    return {k.fylkesnummer: k.fylke for k in kommuner().values()} | {SVALBARD_FYLKE: "Svalbard"}


@lru_cache(maxsize=1)
def organisers() -> dict[str, Organiser]:
    result = {}
    for r in csv.DictReader(_read("organisers.csv").splitlines()):
        covered = tuple(re.findall(r"\b\d{2}\b", r["dekker"]))
        if "Svalbard" in r["dekker"]:
            covered += (SVALBARD_FYLKE,)
        result[r["key"]] = Organiser(r["key"], r["navn"], r["orgnr"], r["rolle"], covered)
    return result


@lru_cache(maxsize=1)
def areas() -> dict[str, AreaSpec]:
    """The collaboration areas: kommuner under KS, avtalespesialister under each RHF."""
    specs = {
        KOMMUNE_AREA: AreaSpec(
            KOMMUNE_AREA, "Kommunene (KS)", Kind.KOMMUNE, KS, "samarbeidsavtale_kommune.docx", ()
        )
    }
    for org in organisers().values():
        if org.rolle == "organisator" and org.key != KS:
            specs[org.key] = AreaSpec(
                org.key,
                f"Avtalespesialister – {org.navn}",
                Kind.AVTALESPESIALIST,
                org.key,
                "samarbeidsavtale_avtalespesialist.docx",
                org.fylker,
            )
    return specs


@lru_cache(maxsize=1)
def processes() -> tuple[Process, ...]:
    data = tomllib.loads(_read("processes.toml"))
    return tuple(Process(**p) for p in data["process"])


@lru_cache(maxsize=1)
def document_types() -> dict[str, tuple[tuple[str, str], ...]]:
    """Default document types per member kind, until the forhåndsvurdering decides."""
    data = tomllib.loads(_read("document_types.toml"))
    return {kind: tuple((d["navn"], d["beskrivelse"]) for d in rows)
            for kind, rows in data.items()}


def process(key: str) -> Process:
    for p in processes():
        if p.key == key:
            return p
    raise KeyError(key)
