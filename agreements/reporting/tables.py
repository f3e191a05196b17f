"""The columns the read models select, as lightweight table clauses, and the joins they share.

`status`, `org list` and the other read paths select plain columns with SQLAlchemy Core on
these clauses instead of importing the ORM models: mapping the models costs more than the
reads themselves (about 30 ms a process). They name columns of `core.models`, with the same
types (so SQLite's dates come back as dates); tests/test_read_models.py checks each one
against the models' tables.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlmodel.sql.sqltypes import UTCDateTime

_id = sa.Integer
_text = sa.String

ORGANISATION = sa.table(
    "organisation", sa.column("id", _id()), sa.column("orgnr", _text()),
    sa.column("navn", _text()), sa.column("kind", _text()), sa.column("kommunenummer", _text()))
CONTACT = sa.table(
    "contact", sa.column("id", _id()), sa.column("organisation_id", _id()),
    sa.column("name", _text()), sa.column("email", _text()), sa.column("role", _text()),
    sa.column("title", _text()), sa.column("removed_at", UTCDateTime()))
AREA = sa.table(
    "collaborationarea", sa.column("id", _id()), sa.column("key", _text()),
    sa.column("name", _text()), sa.column("organiser_id", _id()))
PARTICIPATION = sa.table(
    "participation", sa.column("id", _id()), sa.column("organisation_id", _id()),
    sa.column("role", _text()), sa.column("area_id", _id()), sa.column("routed_by", _text()),
    sa.column("registered_on", sa.Date()), sa.column("live_on", sa.Date()),
    sa.column("organiser_confirmed_at", UTCDateTime()))
AGREEMENT = sa.table(
    "agreement", sa.column("id", _id()), sa.column("participation_id", _id()),
    sa.column("status", _text()), sa.column("version", _id()),
    sa.column("signing_deadline", sa.Date()), sa.column("expires_on", sa.Date()),
    sa.column("open_passages", _text()), sa.column("effective_on", sa.Date()),
    sa.column("supersedes_id", _id()), sa.column("kind", _text()),
    sa.column("annex_of_id", _id()), sa.column("number", _text()),
    sa.column("document_types", _text()))
ORDER = sa.table(
    "nhnorder", sa.column("participation_id", _id()), sa.column("status", _text()),
    sa.column("reference", _text()), sa.column("terms_status", _text()),
    sa.column("covers_participation_id", _id()), sa.column("channel", _text()),
    sa.column("ordered_by_name", _text()), sa.column("ordered_by_email", _text()))
ITEM = sa.table(
    "checklistitem", sa.column("id", _id()), sa.column("participation_id", _id()),
    sa.column("process_key", _text()), sa.column("occurrence", _text()),
    sa.column("status", _text()), sa.column("due_on", sa.Date()),
    sa.column("document_types", _text()), sa.column("review_status", _text()))
SIGNATURE = sa.table(
    "signature", sa.column("id", _id()), sa.column("agreement_id", _id()))
LETTERCLAIM = sa.table(
    "letterclaim", sa.column("key", _text()), sa.column("signature_id", _id()),
    sa.column("lease_until", UTCDateTime()))
SIGNING_JOB = sa.table(
    "signingjob", sa.column("agreement_id", _id()), sa.column("status", _text()),
    sa.column("remote_status", _text()), sa.column("attention", _text()))
ALL = (ORGANISATION, CONTACT, AREA, PARTICIPATION, AGREEMENT, ORDER, ITEM, SIGNATURE,
       LETTERCLAIM, SIGNING_JOB)


def participations() -> sa.Select[Any]:
    """Participations with their organisation, area and organiser, by id."""
    organiser = ORGANISATION.alias("organiser")
    return (sa.select(PARTICIPATION, ORGANISATION.c.orgnr, ORGANISATION.c.navn, ORGANISATION.c.kind,
                      AREA.c.key.label("area_key"), AREA.c.name.label("area_name"),
                      organiser.c.navn.label("organiser_navn"),
                      organiser.c.orgnr.label("organiser_orgnr"))
            .select_from(PARTICIPATION
                         .join(ORGANISATION, ORGANISATION.c.id == PARTICIPATION.c.organisation_id)
                         .outerjoin(AREA, AREA.c.id == PARTICIPATION.c.area_id)
                         .outerjoin(organiser, organiser.c.id == AREA.c.organiser_id))
            .order_by(PARTICIPATION.c.id))


def by_participation(found: Iterable[Any]) -> defaultdict[int, list[Any]]:
    grouped: defaultdict[int, list[Any]] = defaultdict(list)
    for row in found:
        grouped[row.participation_id].append(row)
    return grouped


def covering(ids: Any) -> sa.ColumnElement[bool]:
    """The orders that cover the participations `ids` (a list or a subquery): an order for
    both roles covers the other role's participation too (`core.orders`)."""
    return sa.or_(ORDER.c.participation_id.in_(ids), ORDER.c.covers_participation_id.in_(ids))


def types_of(recorded: str | None) -> tuple[tuple[str, str], ...]:
    """The document types a forhåndsvurdering recorded (JSON), as (name, description)."""
    return tuple((t["navn"], t.get("beskrivelse") or "") for t in json.loads(recorded)) \
        if recorded else ()


def annex_json(a: Any, matches: bool) -> dict[str, Any]:
    """Vedlegg 1 as `status --format json` shows it (`matches`: it states the chosen types)."""
    return {"id": a.id, "number": a.number, "version": a.version, "status": a.status,
            "states_chosen_types": matches, "document_types": [
                {"navn": n, "beskrivelse": b} for n, b in types_of(a.document_types)]}


def chosen_types(items: Iterable[Any]) -> tuple[tuple[str, str], ...]:
    """The types the done forhåndsvurdering among `items` chose: what Vedlegg 1 must state."""
    from agreements.reference import DOCUMENT_TYPES_ITEM

    return next((types_of(i.document_types) for i in items
                 if i.process_key == DOCUMENT_TYPES_ITEM and i.occurrence == ""
                 and i.status == "done"), ())


def states_chosen(annex: Any, chosen: tuple[tuple[str, str], ...]) -> bool:
    """Whether the annex states exactly the chosen types (none chosen: it cannot)."""
    return bool(annex is not None and chosen and types_of(annex.document_types) == chosen)
