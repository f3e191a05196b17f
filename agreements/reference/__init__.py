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
# The checklist item whose completion records the document types a kilde makes available.
DOCUMENT_TYPES_ITEM = "forhandsvurdering_dokumenttyper"


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
    after: str = "registered"  # the event its due date counts from (see processes.toml)
    kinds: tuple[str, ...] = ()  # offered only to these kinds of organisation (empty: all)
    review: bool = False  # review required: a gate until the organiser has accepted it

    def applies(self, role: Role, kind: str | None = None) -> bool:
        """Offered to this role (and, when given, this kind of organisation)."""
        return self.applies_to in ("begge", role.value) and (
            kind is None or not self.kinds or kind in self.kinds)

    @property
    def information(self) -> bool:
        """Information only: no deadline, never overdue, never reminded."""
        return self.after == "none"


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


# 1 January 2024 (SSB, see data/SOURCES.md): Viken (30), Vestfold og Telemark (38) and Troms og
# Finnmark (54) were split, and every kommune in them got a number in its new fylke; 1507
# Ålesund was split into 1508 Ålesund and 1580 Haram.
SPLIT_FYLKER_2024 = {"30": ("31", "32", "33"), "38": ("39", "40"), "54": ("55", "56")}
SPLIT_KOMMUNER_2024 = {"1507": ("1508", "1580")}


def _same_kommune(old_name: str, new_name: str) -> bool:
    """The 2024 name is the old one, or has it as one of its parallel (Sámi, Kven) forms."""
    plain = re.sub(r" \(.*\)$", "", old_name)  # "Våler (Viken)" → "Våler"
    return new_name == plain or plain in new_name.split(" - ")


@lru_cache(maxsize=1)
def renumbered_2024() -> dict[str, tuple[Kommune, ...]]:
    """Each 2020–2023 kommunenummer that changed on 1 January 2024 → its 2024 kommune(s).

    One successor for a renumbered kommune; two for Ålesund. A kommune in a split fylke is
    the 2024 kommune of the same name in one of the new fylker (checked: exactly one each).
    """
    by_number = kommuner_by_number()
    result: dict[str, tuple[Kommune, ...]] = {}
    for row in csv.DictReader(_read("kommuner_2020_2023.csv").splitlines()):
        old, navn = row["kommunenummer"], row["navn"]
        if old in SPLIT_KOMMUNER_2024:
            result[old] = tuple(by_number[n] for n in SPLIT_KOMMUNER_2024[old])
            continue
        new_fylker = SPLIT_FYLKER_2024[old[:2]]
        found = tuple(k for k in by_number.values()
                      if k.fylkesnummer in new_fylker and _same_kommune(navn, k.navn))
        if len(found) != 1:
            raise ValueError(f"reference data: {old} {navn} has {len(found)} successors in 2024")
        result[old] = found
    return result


def current_kommuner(kommunenummer: str) -> tuple[Kommune, ...]:
    """The 2024 kommune a number stands for: itself, or what a 2020–2023 number became
    (two kommuner for a split one); empty when the number is neither."""
    found = kommuner_by_number().get(kommunenummer)
    return (found,) if found else renumbered_2024().get(kommunenummer, ())


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


def organiser_key(orgnr: str) -> str | None:
    """The organiser's key (`ks`, `helse-nord` …) for its organisasjonsnummer: also the name
    of its own template folder."""
    return next((o.key for o in organisers().values() if o.orgnr == orgnr), None)


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
    return tuple(Process(**{**p, "kinds": tuple(p.get("kinds", ()))}) for p in data["process"])


def process(key: str) -> Process:
    for p in processes():
        if p.key == key:
            return p
    raise KeyError(key)
